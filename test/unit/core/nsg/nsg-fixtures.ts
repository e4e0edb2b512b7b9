import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Flow } from '../../../../src/core/nsg/flow-types.js';
import { parseNetworkSecurityGroup } from '../../../../src/core/nsg/parse-nsg.js';
import type { ParsedNsg } from '../../../../src/core/nsg/rule-model.js';

/** Where the official Azure REST examples live (overridable for other checkouts). */
const EXAMPLES_DIR =
  process.env.AZURE_EXAMPLES_DIR ?? fileURLToPath(new URL('../../../../../shared/azure-examples/', import.meta.url));

/** The response body of an official x-ms-example, e.g. `network/NetworkSecurityGroupGet.json`. */
export function exampleBody(file: string, status = '200'): unknown {
  const example = JSON.parse(readFileSync(`${EXAMPLES_DIR}${file}`, 'utf8')) as {
    responses: Record<string, { body?: unknown }>;
  };
  return example.responses[status]?.body;
}

/** The raw text of an official example file. */
export function exampleText(file: string): string {
  return readFileSync(`${EXAMPLES_DIR}${file}`, 'utf8');
}

/** Fields of an ARM security rule's `properties`, all optional (defaults: inbound TCP any → any, Allow). */
export interface RuleFields {
  readonly access?: string;
  readonly direction?: string;
  readonly protocol?: string;
  readonly source?: string;
  readonly sources?: readonly string[];
  readonly sourceAsgs?: readonly string[];
  readonly destination?: string;
  readonly destinationAsgs?: readonly string[];
  readonly sourcePort?: string;
  readonly port?: string;
  readonly ports?: readonly string[];
}

/** An ARM-shaped security rule (`{ name, properties }`) as NSG GET returns it. */
export function armRule(name: string, priority: number, fields: RuleFields = {}): unknown {
  return {
    name,
    id: `/subscriptions/0/resourceGroups/rg/providers/Microsoft.Network/networkSecurityGroups/nsg/securityRules/${name}`,
    properties: {
      access: fields.access ?? 'Allow',
      direction: fields.direction ?? 'Inbound',
      protocol: fields.protocol ?? 'Tcp',
      priority,
      ...(fields.sources !== undefined
        ? { sourceAddressPrefixes: fields.sources }
        : fields.sourceAsgs !== undefined
          ? { sourceApplicationSecurityGroups: fields.sourceAsgs.map((id) => ({ id })) }
          : { sourceAddressPrefix: fields.source ?? '*' }),
      ...(fields.destinationAsgs !== undefined
        ? { destinationApplicationSecurityGroups: fields.destinationAsgs.map((id) => ({ id })) }
        : { destinationAddressPrefix: fields.destination ?? '*' }),
      sourcePortRange: fields.sourcePort ?? '*',
      ...(fields.ports !== undefined
        ? { destinationPortRanges: fields.ports }
        : { destinationPortRange: fields.port ?? '*' }),
    },
  };
}

/** Parses an NSG made of ARM-shaped custom rules (defaults are added by the evaluator); fails the test on error. */
export function nsg(name: string, rules: readonly unknown[]): ParsedNsg {
  const parsed = parseNetworkSecurityGroup(
    {
      name,
      id: `/subscriptions/0/resourceGroups/rg/providers/Microsoft.Network/networkSecurityGroups/${name}`,
      properties: { securityRules: rules },
    },
    `NSG ${name}`,
  );
  if (parsed.kind === 'err') throw new Error(parsed.error.message);
  return parsed.value;
}

/** An inbound RDP flow from `sourceIp` to the VM at 10.0.1.4:3389. */
export function rdpFrom(sourceIp: string, overrides: Partial<Flow> = {}): Flow {
  return {
    direction: 'Inbound',
    protocol: 'Tcp',
    sourceIp,
    sourcePort: 50_123,
    destinationIp: '10.0.1.4',
    destinationPort: 3389,
    ...overrides,
  };
}

/** The VM's context used by most tests: one NIC IP in a 10.0.0.0/16 virtual network. */
export const VM_CONTEXT = { vmIps: ['10.0.1.4'], virtualNetworkPrefixes: ['10.0.0.0/16'] } as const;
