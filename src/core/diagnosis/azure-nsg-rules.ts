import { resourceGroupOf } from '../azure/resource-id.js';
import type { AzureSnapshot } from '../azure/snapshot-schema.js';
import { makeFinding } from '../findings/make-finding.js';
import { crossCheckIpFlowVerify } from '../nsg/cross-check.js';
import { evaluateFlow } from '../nsg/evaluate-flow.js';
import type { Flow, FlowVerdict, LocatedRule, OtherSourceAllow } from '../nsg/flow-types.js';
import { classifyJitRuleName } from '../nsg/jit-rule.js';
import type { NormalizedRule, ParsedNsg } from '../nsg/rule-model.js';
import type { Finding } from '../report-schema.js';
import { type AzureCommandValues, fillAzurePlaceholders } from './azure-commands.js';
import type { NsgLayers } from './azure-nsg-layers.js';
import type { Landing } from './azure-reach.js';
import { jitContext } from './jit-context.js';

/** What the NSG rules read. */
export interface NsgRulesInput {
  readonly snapshot: AzureSnapshot;
  readonly landing: Landing;
  readonly layers: NsgLayers;
  readonly clientIp: string | null;
  /** The flow reaches the VM through a Standard SKU public IP (closed without an NSG). */
  readonly viaStandardSku: boolean;
  readonly values: AzureCommandValues;
}

type Evidence = Finding['evidence'];

function describeRule(rule: NormalizedRule): string {
  const sources = (rule.expandedSources ?? rule.sources.map((s) => s.text)).join(', ');
  const ports = rule.destinationPorts.map((p) => p.text).join(', ');
  return `${rule.shortName} (priority ${rule.priority}, ${rule.access} ${rule.protocol} from ${sources} to port ${ports})`;
}

function where(located: Omit<LocatedRule, 'rule'>): string {
  if (located.layer === 'admin') return 'a Virtual Network Manager security admin rule';
  return `NSG ${located.nsgName ?? '(unnamed)'} (on the ${located.layer === 'nic' ? 'NIC' : 'subnet'})`;
}

/** The highest free priority below `limit` (at most 4096, the largest custom priority), or null when none is. */
function freePriorityBelow(nsg: ParsedNsg | undefined, limit: number): number | null {
  const used = new Set(nsg?.rules.map((rule) => rule.priority) ?? []);
  for (let priority = Math.min(limit - 1, 4096); priority >= 100; priority -= 1) {
    if (!used.has(priority)) return priority;
  }
  return null;
}

function layerNsg(input: NsgRulesInput, located: Omit<LocatedRule, 'rule'>): ParsedNsg | undefined {
  const state = located.layer === 'subnet' ? input.layers.subnet : located.layer === 'nic' ? input.layers.nic : null;
  return state?.kind === 'nsg' ? state.nsg : undefined;
}

function nsgValues(input: NsgRulesInput, located: Omit<LocatedRule, 'rule'>, denyPriority: number): AzureCommandValues {
  const group = located.nsgId === undefined ? null : resourceGroupOf(located.nsgId);
  return {
    'nsg-name': located.nsgName,
    'nsg-resource-group': group ?? input.values['resource-group'],
    priority: freePriorityBelow(layerNsg(input, located), denyPriority),
  };
}

/** After a subnet deny, whether the NIC's NSG would deny too (then the allow is needed on both). */
function nicAlsoDenies(input: NsgRulesInput, flow: Flow, verdict: FlowVerdict): string {
  if (verdict.decidedBy.kind !== 'rule' || verdict.decidedBy.located.layer !== 'subnet') return '';
  if (input.layers.nic.kind !== 'nsg') return '';
  const nicOnly = evaluateFlow({ flow, subnetNsg: null, nicNsg: input.layers.nic.nsg });
  if (nicOnly.kind === 'err' || nicOnly.value.kind !== 'denied' || nicOnly.value.decidedBy.kind !== 'rule') return '';
  const nicRule = nicOnly.value.decidedBy.located;
  return ` The NIC's NSG ${nicRule.nsgName ?? ''} would then deny it too, by ${describeRule(nicRule.rule)}: allow it there as well.`;
}

function deniedFinding(
  input: NsgRulesInput,
  flow: Flow,
  verdict: FlowVerdict & { kind: 'denied' },
  evidence: Evidence,
): Finding[] {
  const clientIp = flow.sourceIp;
  const target = `${flow.destinationIp}:${flow.destinationPort ?? '?'}`;
  const confidence = input.layers.subnet.kind === 'unknown' || input.layers.nic.kind === 'unknown' ? 'medium' : 'high';
  if (verdict.decidedBy.kind === 'standard-sku-closed') {
    return [
      fillAzurePlaceholders(
        makeFinding('publicip.standard-closed', {
          detail: `The VM is reached through a Standard SKU public IP and neither its subnet nor its NIC has a network security group, so inbound RDP from ${clientIp} is dropped.`,
          evidence,
          confidence: 'high',
          values: {},
        }),
        input.values,
      ),
    ];
  }
  if (verdict.decidedBy.kind !== 'rule') return [];
  const deny = verdict.decidedBy.located;
  const denyText = `${describeRule(deny.rule)} in ${where(deny)}`;
  const more = nicAlsoDenies(input, flow, verdict);
  const ruleEvidence: Evidence = [
    { check: 'azure.nsg', says: `${denyText} decides TCP ${clientIp} → ${target}` },
    ...evidence,
  ];
  const values = { ...input.values, ...nsgValues(input, deny, deny.rule.priority) };
  const jitAllows = verdict.otherSourceAllows.filter((allow) => allow.jit);
  const jit = jitContext(input.snapshot, input.landing.backendPort);
  if (jitAllows.length > 0) {
    const granted = jitAllows.map((a) => `${a.sources.join(', ')} (rule ${a.located.rule.shortName})`).join('; ');
    return [
      fillAzurePlaceholders(
        makeFinding('nsg.jit-other-ip', {
          detail: `A Just-In-Time request opened RDP for ${granted}, not for your public IP ${clientIp}, so ${denyText} still denies you. Request access for ${clientIp}.${jit.note}${more}`,
          evidence: [
            ...ruleEvidence,
            ...jitAllows.map((a) => ({ check: 'azure.nsg', says: `JIT allow ${describeRule(a.located.rule)}` })),
          ],
          confidence,
          values: {},
        }),
        { ...values, ...jit.values },
      ),
    ];
  }
  if (verdict.jitDeny) {
    return [
      fillAzurePlaceholders(
        makeFinding('nsg.jit-deny', {
          detail: `${denyText} is the standing Just-In-Time deny: no access request is active for ${clientIp}. Request access for ${clientIp}, then connect.${jit.note}${more}`,
          evidence: ruleEvidence,
          confidence,
          values: {},
        }),
        { ...values, ...jit.values },
      ),
    ];
  }
  const others: OtherSourceAllow[] = verdict.otherSourceAllows.filter((allow) => !allow.jit);
  const first = others[0];
  if (first !== undefined) {
    const allows = others.map((a) => `${describeRule(a.located.rule)} in ${where(a.located)}`).join('; ');
    return [
      fillAzurePlaceholders(
        makeFinding('nsg.allowed-other-source', {
          detail: `RDP to port ${flow.destinationPort ?? '?'} is allowed by ${allows}, but only from ${first.sources.join(', ')}; your public IP ${clientIp} is not among them, so ${denyText} denies it.${more}`,
          evidence: [
            ...ruleEvidence,
            ...others.map((a) => ({ check: 'azure.nsg', says: `allow ${describeRule(a.located.rule)}` })),
          ],
          confidence,
          values: {},
        }),
        {
          ...values,
          ...nsgValues(input, first.located, deny.rule.priority),
          'allow-rule-name': first.located.rule.shortName,
          'allowed-prefixes': first.sources.join(' '),
        },
      ),
    ];
  }
  return [
    fillAzurePlaceholders(
      makeFinding('nsg.denied', {
        detail: `${denyText} denies TCP from your public IP ${clientIp} to ${target}, and no rule allows RDP from any source before it.${more}`,
        evidence: ruleEvidence,
        confidence,
        values: {},
      }),
      values,
    ),
  ];
}

/** NSG findings when the client IP is not known: only what IP flow verify said, for the flow it was run with. */
function flowVerifyOnly(input: NsgRulesInput): Finding[] {
  const verify = input.snapshot.ipFlowVerify[0];
  if (verify === undefined || verify.result.access !== 'Deny') return [];
  const rule = verify.result.ruleName ?? 'no named rule';
  const code = classifyJitRuleName(rule) === 'jit-deny' ? 'nsg.jit-deny' : 'nsg.denied';
  return [
    fillAzurePlaceholders(
      makeFinding(code, {
        detail: `IP flow verify (${verify.input}) says Deny by ${rule}. Its output does not say which source IP and port it was run for, and without your public IP (--source-ip) RDP Probe cannot evaluate the NSGs for you itself.`,
        evidence: [{ check: 'azure.ip-flow-verify', says: `Deny by ${rule} (${verify.input})` }],
        confidence: 'medium',
        values: {},
      }),
      input.values,
    ),
  ];
}

/**
 * NSG findings: evaluates inbound TCP from the client's public IP to the VM's private IP and backend port
 * through the subnet and NIC NSGs, names the deciding rule (JIT deny, allows for other sources), and
 * cross-checks IP flow verify when the snapshot has it.
 */
export function nsgFindings(input: NsgRulesInput): Finding[] {
  const { landing, layers, clientIp } = input;
  if (clientIp === null || landing.privateIp === null) return flowVerifyOnly(input);
  const flow: Flow = {
    direction: 'Inbound',
    protocol: 'Tcp',
    sourceIp: clientIp,
    destinationIp: landing.privateIp,
    destinationPort: landing.backendPort,
  };
  const complete = layers.subnet.kind !== 'unknown' && layers.nic.kind !== 'unknown';
  const result = evaluateFlow({
    flow,
    adminRules: layers.adminRules,
    subnetNsg: layers.subnet.kind === 'nsg' ? layers.subnet.nsg : null,
    nicNsg: layers.nic.kind === 'nsg' ? layers.nic.nsg : null,
    viaStandardSkuPublicIp: complete && input.viaStandardSku,
    context: {
      vmIps: landing.nic?.ipConfigurations.flatMap((c) => (c.privateIp === null ? [] : [c.privateIp])) ?? [
        landing.privateIp,
      ],
      ...(landing.ipConfig !== null ? { nicAsgIds: landing.ipConfig.asgIds } : {}),
    },
  });
  if (result.kind === 'err') return [];
  const verdict = result.value;
  const unknown = [layers.subnet, layers.nic].flatMap((l) => (l.kind === 'unknown' ? [l.why] : []));
  const basis = `${layers.from === 'effective' ? 'effective NSGs' : 'NSG JSON'} (${layers.inputs.join(', ') || 'none'})${unknown.length > 0 ? `; not known: ${unknown.join('; ')}` : ''}`;
  const evidence: Evidence = [{ check: 'azure.nsg', says: `evaluated from ${basis}` }];
  const findings: Finding[] = [];
  const verify = input.snapshot.ipFlowVerify[0];
  if (verify !== undefined) {
    const check = crossCheckIpFlowVerify(verdict, verify.result);
    const says = `${verify.result.access}${verify.result.ruleName === undefined ? '' : ` by ${verify.result.ruleName}`} (${verify.input})`;
    if (check.kind === 'agree') evidence.push({ check: 'azure.ip-flow-verify', says: `agrees: ${says}` });
    else if (complete || verdict.kind === 'denied') {
      findings.push(
        fillAzurePlaceholders(
          makeFinding('nsg.flow-verify-disagrees', {
            detail: `For TCP ${clientIp} → ${flow.destinationIp}:${flow.destinationPort}: ${check.message}`,
            evidence: [{ check: 'azure.ip-flow-verify', says }, ...evidence],
            confidence: 'medium',
            values: {},
          }),
          input.values,
        ),
      );
    }
  }
  if (verdict.kind === 'denied') findings.unshift(...deniedFinding(input, flow, verdict, evidence));
  return findings;
}
