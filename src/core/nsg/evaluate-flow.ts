import { err, type InputError, inputError, ok, type Result } from '../result.js';
import { type CompiledRule, prepareRules } from './compiled-rule.js';
import { withDefaultRules } from './default-rules.js';
import { type LayerWalk, walkLayer } from './evaluate-layer.js';
import type {
  AddressContext,
  Decider,
  EvaluateFlowInput,
  FlowVerdict,
  LayerName,
  LayerReport,
  LocatedRule,
  Uncertainty,
} from './flow-types.js';
import { parseIp } from './ip-range.js';
import { classifyJitRuleName } from './jit-rule.js';
import { compileContext, compileTagMap } from './match-context.js';
import type { FlowEnv } from './match-rule.js';
import { findOtherSourceAllows, type LayerRules } from './other-source-allows.js';
import type { NormalizedRule, ParsedNsg, RuleAccess } from './rule-model.js';

const EMPTY_CONTEXT: AddressContext = {};
const withDefaultsCache = new WeakMap<readonly NormalizedRule[], NormalizedRule[]>();
const tagMapCache = new WeakMap<ParsedNsg, FlowEnv['tagMap']>();
const NO_TAGS: FlowEnv['tagMap'] = new Map();

function nsgRules(nsg: ParsedNsg): NormalizedRule[] {
  let rules = withDefaultsCache.get(nsg.rules);
  if (rules === undefined) {
    rules = withDefaultRules(nsg.rules);
    withDefaultsCache.set(nsg.rules, rules);
  }
  return rules;
}

function nsgTagMap(nsg: ParsedNsg): FlowEnv['tagMap'] {
  if (nsg.tagMap === undefined) return NO_TAGS;
  let map = tagMapCache.get(nsg);
  if (map === undefined) {
    map = compileTagMap(nsg.tagMap);
    tagMapCache.set(nsg, map);
  }
  return map;
}

/** What a layer does with the flow: Azure's three admin outcomes and the two NSG ones. */
type Effect = 'deny' | 'always-allow' | 'continue' | 'allow';

function effectOf(access: RuleAccess | undefined, layer: LayerName): Effect {
  if (layer === 'admin') return access === 'Deny' ? 'deny' : access === 'AlwaysAllow' ? 'always-allow' : 'continue';
  return access === 'Deny' ? 'deny' : 'allow';
}

function where(layer: LayerName, nsg: ParsedNsg | undefined): Omit<LocatedRule, 'rule'> {
  if (nsg === undefined) return { layer };
  return { layer, nsgName: nsg.name, ...(nsg.id !== undefined ? { nsgId: nsg.id } : {}) };
}

interface Step {
  readonly layer: LayerName;
  readonly nsg: ParsedNsg | undefined;
  readonly rules: readonly CompiledRule[];
  readonly env: FlowEnv;
}

function report(step: Step, walk: LayerWalk): LayerReport {
  const base = where(step.layer, step.nsg);
  if (walk.decidingRule === undefined) return { kind: 'no-match', ...base, considered: walk.considered };
  return {
    kind: 'decided',
    ...base,
    access: walk.decidingRule.access,
    decidingRule: walk.decidingRule,
    considered: walk.considered,
  };
}

/**
 * Evaluates one flow the way Azure does: Virtual Network Manager admin rules first (Deny and
 * AlwaysAllow end evaluation, Allow continues), then for inbound the subnet NSG and then the NIC NSG
 * (outbound: NIC, then subnet); both must allow. In each, rules by priority, first match wins; default
 * rules are added when absent. No NSG lets everything through, except through a Standard SKU public IP.
 * Fails only when the flow's addresses are not IP addresses or its ports are out of range.
 */
export function evaluateFlow(input: EvaluateFlowInput): Result<FlowVerdict, InputError> {
  const { flow } = input;
  const source = parseIp(flow.sourceIp);
  if (source === undefined) return err(inputError('source IP', `"${flow.sourceIp}" is not an IP address.`));
  const destination = parseIp(flow.destinationIp);
  if (destination === undefined) {
    return err(inputError('destination IP', `"${flow.destinationIp}" is not an IP address.`));
  }
  for (const [name, port] of [
    ['source port', flow.sourcePort],
    ['destination port', flow.destinationPort],
  ] as const) {
    if (port !== undefined && !(Number.isInteger(port) && port >= 0 && port <= 65_535)) {
      return err(inputError(name, `${port} is not a port (0-65535).`));
    }
  }
  const context = compileContext(input.context ?? EMPTY_CONTEXT);
  const self = flow.direction === 'Inbound' ? destination : source;
  const baseEnv: FlowEnv = { flow, source, destination, self, context, tagMap: NO_TAGS };
  const detail = input.detail ?? 'full';

  const steps: (Step | { readonly layer: LayerName; readonly absent: true })[] = [];
  const adminRules = input.adminRules ?? [];
  if (adminRules.length > 0) {
    steps.push({ layer: 'admin', nsg: undefined, rules: prepareRules(adminRules)[flow.direction], env: baseEnv });
  }
  const nsgOrder: [LayerName, ParsedNsg | null][] =
    flow.direction === 'Inbound'
      ? [
          ['subnet', input.subnetNsg],
          ['nic', input.nicNsg],
        ]
      : [
          ['nic', input.nicNsg],
          ['subnet', input.subnetNsg],
        ];
  for (const [layer, nsg] of nsgOrder) {
    if (nsg === null) steps.push({ layer, absent: true });
    else {
      const env = nsg.tagMap === undefined ? baseEnv : { ...baseEnv, tagMap: nsgTagMap(nsg) };
      steps.push({ layer, nsg, rules: prepareRules(nsgRules(nsg))[flow.direction], env });
    }
  }

  const layers: LayerReport[] = [];
  const allowingRules: LocatedRule[] = [];
  const uncertainties: Uncertainty[] = [];
  let ended: { access: 'Allow' | 'Deny'; decidedBy: Decider } | undefined;
  for (const step of steps) {
    if ('absent' in step) {
      layers.push({ kind: 'absent', layer: step.layer });
      continue;
    }
    if (ended !== undefined) {
      layers.push({ kind: 'not-reached', ...where(step.layer, step.nsg) });
      continue;
    }
    const walk = walkLayer(step.rules, step.env, detail);
    layers.push(report(step, walk));
    const effect = effectOf(walk.decidingRule?.access, step.layer);
    for (const undecided of walk.undecided) {
      if (effectOf(undecided.rule.access, step.layer) === effect) continue;
      uncertainties.push({
        located: { ...where(step.layer, step.nsg), rule: undecided.rule },
        field: undecided.field,
        note: undecided.note,
      });
    }
    if (walk.decidingRule === undefined) continue;
    const located: LocatedRule = { ...where(step.layer, step.nsg), rule: walk.decidingRule };
    if (effect === 'deny') ended = { access: 'Deny', decidedBy: { kind: 'rule', located } };
    else if (effect === 'always-allow') {
      allowingRules.push(located);
      ended = { access: 'Allow', decidedBy: { kind: 'rule', located } };
    } else if (effect === 'allow') allowingRules.push(located);
  }

  const common = { flow, layers, allowingRules, uncertainties };
  const nsgPresent = input.subnetNsg !== null || input.nicNsg !== null;
  if (ended === undefined && !nsgPresent && flow.direction === 'Inbound' && input.viaStandardSkuPublicIp === true) {
    ended = { access: 'Deny', decidedBy: { kind: 'standard-sku-closed' } };
  }
  if (ended === undefined) {
    const last = allowingRules.at(-1);
    ended = { access: 'Allow', decidedBy: last === undefined ? { kind: 'no-nsg' } : { kind: 'rule', located: last } };
  }
  if (ended.access === 'Allow') return ok({ kind: 'allowed', ...common, decidedBy: ended.decidedBy });

  const nsgLayers: LayerRules[] = [];
  for (const step of steps) {
    if (!('absent' in step) && step.layer !== 'admin') {
      nsgLayers.push({ rules: step.rules, env: step.env, where: where(step.layer, step.nsg) });
    }
  }
  const decider = ended.decidedBy;
  return ok({
    kind: 'denied',
    ...common,
    decidedBy: decider,
    otherSourceAllows: findOtherSourceAllows(nsgLayers),
    jitDeny: decider.kind === 'rule' && classifyJitRuleName(decider.located.rule.name) === 'jit-deny',
  });
}
