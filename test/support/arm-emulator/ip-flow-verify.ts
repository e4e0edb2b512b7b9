import {
  evaluateFlow,
  type Flow,
  type FlowProtocol,
  type NormalizedRule,
  type ParsedNsg,
  parseNetworkSecurityGroup,
} from '../../../src/core/nsg/index.js';
import { isRecord } from './examples.js';
import { primaryNicId, type ReadResource, type ReferencedNsg, readNicTopology } from './topology.js';
import type { ActionAnswer } from './types.js';

// Network Watcher's IP flow verify, answered by the project's own NSG evaluator over the NSGs stored at the
// time of the call (subnet then NIC for inbound), with the VNet's address space and the NIC's addresses as
// context. Not modelled: Virtual Network Manager admin rules, the VM's power state (Azure refuses a stopped
// VM), and service tags other than VirtualNetwork, AzureLoadBalancer and Internet (an undecidable rule is
// taken as not matching, as the evaluator does).

const PROTOCOLS: Record<string, FlowProtocol> = { tcp: 'Tcp', udp: 'Udp' };

function badRequest(message: string): ActionAnswer {
  return { status: 400, body: { error: { code: 'InvalidRequestFormat', message } } };
}

function field(body: Record<string, unknown>, name: string): string | undefined {
  const value = body[name];
  return typeof value === 'string' && value !== '' ? value : typeof value === 'number' ? String(value) : undefined;
}

function port(text: string): number | undefined {
  return /^\d{1,5}$/.test(text) ? Number(text) : undefined;
}

function parsed(nsg: ReferencedNsg | undefined): ParsedNsg | null {
  if (nsg === undefined) return null;
  const result = parseNetworkSecurityGroup(nsg.body, `NSG ${nsg.id}`);
  if (result.kind === 'err') throw new Error(result.error.message);
  return result.value;
}

/** ARM's name for a deciding rule: `securityRules/<name>` or `defaultSecurityRules/<name>`. */
export function armRuleName(rule: NormalizedRule): string {
  return `${rule.origin === 'default-security-rule' ? 'defaultSecurityRules' : 'securityRules'}/${rule.shortName}`;
}

/**
 * Answers an `ipFlowVerify` request body (`targetResourceId`, `direction`, `protocol`, `localIPAddress`,
 * `localPort`, `remoteIPAddress`, `remotePort`, optional `targetNicResourceId`) as an LRO whose result is
 * `{ access, ruleName }`; `ruleName` is absent when no NSG applies.
 */
export function ipFlowVerifyAnswer(read: ReadResource, request: unknown): ActionAnswer {
  if (!isRecord(request)) return badRequest('The request body must be a JSON object.');
  const target = field(request, 'targetResourceId');
  const direction = field(request, 'direction');
  const protocol = PROTOCOLS[(field(request, 'protocol') ?? '').toLowerCase()];
  const localIp = field(request, 'localIPAddress');
  const remoteIp = field(request, 'remoteIPAddress');
  const localPort = port(field(request, 'localPort') ?? '');
  const remotePort = port(field(request, 'remotePort') ?? '');
  if (target === undefined || localIp === undefined || remoteIp === undefined) {
    return badRequest('targetResourceId, localIPAddress and remoteIPAddress are required.');
  }
  if (direction !== 'Inbound' && direction !== 'Outbound') return badRequest('direction must be Inbound or Outbound.');
  if (protocol === undefined) return badRequest('protocol must be TCP or UDP.');
  if (localPort === undefined || remotePort === undefined) return badRequest('localPort and remotePort must be ports.');
  const vm = read(target);
  if (vm === undefined)
    return { status: 404, body: { error: { code: 'NotFound', message: `Resource ${target} not found.` } } };
  const nicId = field(request, 'targetNicResourceId') ?? primaryNicId(vm);
  const topology = nicId === undefined ? undefined : readNicTopology(read, nicId);
  if (topology === undefined) {
    return badRequest(`The VM ${target} has no network interface the emulator knows.`);
  }
  const flow: Flow =
    direction === 'Inbound'
      ? {
          direction,
          protocol,
          sourceIp: remoteIp,
          sourcePort: remotePort,
          destinationIp: localIp,
          destinationPort: localPort,
        }
      : {
          direction,
          protocol,
          sourceIp: localIp,
          sourcePort: localPort,
          destinationIp: remoteIp,
          destinationPort: remotePort,
        };
  const verdict = evaluateFlow({
    flow,
    subnetNsg: parsed(topology.subnetNsg),
    nicNsg: parsed(topology.nicNsg),
    context: { vmIps: topology.privateIps, virtualNetworkPrefixes: topology.vnetPrefixes, nicAsgIds: topology.asgIds },
    detail: 'brief',
  });
  if (verdict.kind === 'err') return badRequest(verdict.error.message);
  const decider = verdict.value.decidedBy;
  const access = verdict.value.kind === 'allowed' ? 'Allow' : 'Deny';
  return {
    status: 'lro',
    body: decider.kind === 'rule' ? { access, ruleName: armRuleName(decider.located.rule) } : { access },
  };
}
