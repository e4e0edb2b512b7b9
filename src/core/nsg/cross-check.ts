import type { FlowVerdict } from './flow-types.js';
import type { IpFlowVerifyResult } from './parse-ip-flow-verify.js';

/** Whether the local evaluator and Network Watcher's IP flow verify agree on one flow. */
export type CrossCheck =
  | { readonly kind: 'agree'; readonly access: 'Allow' | 'Deny'; readonly ruleName?: string }
  | {
      readonly kind: 'disagree';
      /** `access`: one allows, the other denies. `rule`: same access, different deciding rule. */
      readonly on: 'access' | 'rule';
      readonly evaluator: { readonly access: 'Allow' | 'Deny'; readonly ruleNames: readonly string[] };
      readonly ipFlowVerify: IpFlowVerifyResult;
      /** One sentence for the report. */
      readonly message: string;
    };

/**
 * Reduces a rule name to compare across APIs: drops `securityRules/`, `defaultSecurityRules/` (or any
 * path) and the older `UserRule_` / `DefaultRule_` prefixes IP flow verify has used, and lower-cases.
 */
export function comparableRuleName(name: string): string {
  const short = name.slice(name.lastIndexOf('/') + 1);
  return short.replace(/^(UserRule_|DefaultRule_)/i, '').toLowerCase();
}

/** Compares the evaluator's verdict with an IP flow verify result for the same flow. */
export function crossCheckIpFlowVerify(verdict: FlowVerdict, ipFlowVerify: IpFlowVerifyResult): CrossCheck {
  const access = verdict.kind === 'allowed' ? 'Allow' : 'Deny';
  const deciding = verdict.decidedBy.kind === 'rule' ? [verdict.decidedBy.located.rule] : [];
  const candidates = verdict.kind === 'allowed' ? verdict.allowingRules.map((located) => located.rule) : deciding;
  const ruleNames = candidates.map((rule) => rule.name);
  const evaluator = { access, ruleNames } as const;
  const theirs = ipFlowVerify.ruleName === undefined ? '' : ` by ${ipFlowVerify.ruleName}`;
  const ours = ruleNames.length === 0 ? '' : ` by ${ruleNames.join(' and ')}`;
  if (ipFlowVerify.access !== access) {
    const message = `IP flow verify says ${ipFlowVerify.access}${theirs}; the local evaluation says ${access}${ours}.`;
    return { kind: 'disagree', on: 'access', evaluator, ipFlowVerify, message };
  }
  const wanted = ipFlowVerify.ruleName;
  if (wanted === undefined || ruleNames.length === 0)
    return { kind: 'agree', access, ...(wanted ? { ruleName: wanted } : {}) };
  const agreed = ruleNames.some((name) => comparableRuleName(name) === comparableRuleName(wanted));
  if (agreed) return { kind: 'agree', access, ruleName: wanted };
  const message = `Both say ${access}, but IP flow verify names rule ${wanted} and the local evaluation${ours}.`;
  return { kind: 'disagree', on: 'rule', evaluator, ipFlowVerify, message };
}
