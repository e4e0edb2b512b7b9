// The pure NSG evaluator: parse ARM / CLI / effective-API JSON, evaluate a flow, cross-check IP flow verify.
export { classifyAddressPrefix } from './address-entry.js';
export { type CrossCheck, comparableRuleName, crossCheckIpFlowVerify } from './cross-check.js';
export { DEFAULT_SECURITY_RULES, withDefaultRules } from './default-rules.js';
export { evaluateFlow } from './evaluate-flow.js';
export { explainConsideredRule } from './explain.js';
export type {
  AddressContext,
  ConsideredRule,
  Decider,
  EvaluateFlowInput,
  Flow,
  FlowProtocol,
  FlowVerdict,
  LayerName,
  LayerReport,
  LocatedRule,
  MatchField,
  OtherSourceAllow,
  Uncertainty,
} from './flow-types.js';
export { classifyJitRuleName, type JitRuleKind } from './jit-rule.js';
export { shortRuleName } from './normalize-rule.js';
export { parseSecurityAdminRules, parseSecurityAdminRulesJson } from './parse-admin-rules.js';
export {
  type EffectiveAssociation,
  type EffectiveLayers,
  type EffectiveNsgEntry,
  effectiveLayers,
  parseEffectiveNsgList,
  parseEffectiveNsgListJson,
} from './parse-effective-nsg.js';
export { type IpFlowVerifyResult, parseIpFlowVerify, parseIpFlowVerifyJson } from './parse-ip-flow-verify.js';
export { parseNetworkSecurityGroup, parseNetworkSecurityGroupJson } from './parse-nsg.js';
export type {
  AddressEntry,
  NormalizedRule,
  ParsedNsg,
  PortEntry,
  RuleAccess,
  RuleDirection,
  RuleOrigin,
  RuleProtocol,
} from './rule-model.js';
