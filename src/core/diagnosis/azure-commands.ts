import type { Finding } from '../report-schema.js';

/** Values for the `<placeholders>` of the Azure remedies; null or absent ones stay for the user to fill. */
export type AzureCommandValues = Readonly<Record<string, string | number | null | undefined>>;

/** Fills `<name>` placeholders in a finding's remedy commands with what the snapshot knows. */
export function fillAzurePlaceholders(finding: Finding, values: AzureCommandValues): Finding {
  const fill = (command: string) =>
    command.replace(/<([a-z][a-z-]*)>/g, (whole, name: string) => {
      const value = values[name];
      return value === null || value === undefined || value === '' ? whole : String(value);
    });
  return {
    ...finding,
    remedy: {
      ...finding.remedy,
      steps: finding.remedy.steps.map((step) => ({ ...step, command: fill(step.command) })),
    },
  };
}
