import type { Finding } from '../report-schema.js';
import type { Source } from '../source.js';
import { CATALOG, type FindingCode, type Severity } from './catalog.js';

/** Values substituted into a remedy's commands (`{host}`, `{port}`, `{address}`, `{expected}`). */
export type CommandValues = Readonly<Partial<Record<'host' | 'port' | 'address' | 'expected', string>>>;

/** What one run adds to a catalog entry; source and severity may be sharpened by the evidence. */
export interface FindingFacts {
  readonly detail: string;
  readonly evidence: Finding['evidence'];
  readonly confidence: Finding['confidence'];
  readonly values: CommandValues;
  readonly source?: Source;
  readonly candidates?: readonly Source[];
  readonly severity?: Severity;
}

/** Builds a finding from its catalog entry and the facts of this run. */
export function makeFinding(code: FindingCode, facts: FindingFacts): Finding {
  const entry = CATALOG[code];
  const source = facts.source ?? entry.source;
  const candidates = (facts.candidates ?? entry.candidates).filter((candidate) => candidate !== source);
  return {
    code,
    severity: facts.severity ?? entry.severity,
    source,
    candidates: [...candidates],
    confidence: facts.confidence,
    title: entry.title,
    detail: facts.detail,
    evidence: facts.evidence,
    remedy: {
      summary: entry.remedy,
      steps: entry.steps.map((step) => ({ ...step, command: fillCommand(step.command, facts.values) })),
    },
  };
}

/** Fills `{name}` placeholders; unknown ones stay visible so the user sees what to replace. */
export function fillCommand(command: string, values: CommandValues): string {
  return command.replace(
    /\{(host|port|address|expected)\}/g,
    (whole, name: keyof CommandValues) => values[name] ?? whole,
  );
}
