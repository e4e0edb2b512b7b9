import { shortRuleName } from './normalize-rule.js';

/** What a rule name says about Just-In-Time VM access (Defender for Cloud). */
export type JitRuleKind = 'jit-deny' | 'jit-allow' | 'not-jit';

// JIT keeps a standing deny named `SecurityCenter-JITRule_-<n>_<hex>` and, while a request is active,
// adds an allow named `SecurityCenter-JITRule-<n>-<hex>` for the requested source.
const JIT_DENY = /^SecurityCenter-JITRule_-?\d+_[0-9a-f]+$/i;
const JIT_ALLOW = /^SecurityCenter-JITRule-(?:-?\d+)-[0-9a-f]+$/i;

/** Classifies a rule name (with or without the effective API's `securityRules/` prefix) as a JIT rule or not. */
export function classifyJitRuleName(name: string): JitRuleKind {
  const short = shortRuleName(name);
  if (JIT_DENY.test(short)) return 'jit-deny';
  if (JIT_ALLOW.test(short)) return 'jit-allow';
  return 'not-jit';
}
