import { SOURCES } from '../source.js';
import { CATALOG, FINDING_CODES, THRESHOLDS } from './catalog.js';

const OS_LABEL = { any: 'Any', windows: 'Windows', macos: 'macOS', linux: 'Linux', 'azure-cli': 'Azure CLI' } as const;

/** docs/findings.md, generated from the catalog so the two never drift (a unit test compares them). */
export function renderFindingsDoc(): string {
  const lines = [
    '# Findings',
    '',
    '<!-- Generated from src/core/findings/ by `npm run findings-doc`; do not edit by hand. -->',
    '',
    'Every finding RDP Probe reports has a stable code that support engineers can search for. The source is',
    "the place the finding most likely points at (0 the target itself, 1 your computer, 2 your organization's",
    'edge, 3 the Azure endpoint, 4 network security groups, 5 the VM); the candidates are the places the',
    'evidence of that finding alone cannot rule out.',
    '',
    '| code | severity | source | candidates | title |',
    '|---|---|---|---|---|',
    ...FINDING_CODES.map((code) => {
      const e = CATALOG[code];
      const candidates = e.candidates.map((c) => `${c} ${SOURCES[c].name}`).join(', ') || '—';
      return `| \`${code}\` | ${e.severity} | ${e.source} ${SOURCES[e.source].name} | ${candidates} | ${e.title} |`;
    }),
    '',
    '## Thresholds',
    '',
    ...Object.entries(THRESHOLDS).map(([name, value]) => `- \`${name}\`: ${value}`),
    '',
  ];
  for (const code of FINDING_CODES) {
    const e = CATALOG[code];
    lines.push(
      `## \`${code}\``,
      '',
      `**${e.title}** (${e.severity}, source ${e.source}: ${SOURCES[e.source].title})`,
      '',
      e.remedy,
      '',
    );
    for (const step of e.steps)
      lines.push(`- ${OS_LABEL[step.os]}: ${step.label}`, '', '  ```', `  ${step.command}`, '  ```', '');
  }
  return `${lines.join('\n').trimEnd()}\n`;
}
