import { readFileSync } from 'node:fs';
import { join } from 'node:path';

// The outputs in test/fixtures/vm-checks/ are HAND-WRITTEN to check-rdp.ps1's output contract (key order,
// value formats, caps), not recorded: PowerShell is not available on these machines. `*.txt` is what the
// script prints (CRLF, as on Windows); `*.run-command.json` is a RunCommandResult as the SDK and
// `az vm run-command invoke` return it.

const DIR = join(import.meta.dirname, '..', '..', '..', 'fixtures', 'vm-checks');

/** A fixture's text. */
export function fixtureText(name: string): string {
  return readFileSync(join(DIR, name), 'utf8');
}

/** A fixture's bytes. */
export function fixtureBytes(name: string): Uint8Array {
  return readFileSync(join(DIR, name));
}

/** A `*.run-command.json` fixture, parsed. */
export function fixtureJson(name: string): unknown {
  return JSON.parse(fixtureText(name));
}

/** The time the fixtures were "collected". */
export const COLLECTED_AT = '2026-11-25T10:00:00.000Z';
