import { err, ok, type Result } from '../result.js';
import type { PortEntry } from './rule-model.js';

const PORT = /^\d{1,5}$/;

function port(text: string): number | undefined {
  if (!PORT.test(text)) return undefined;
  const value = Number(text);
  return value <= 65_535 ? value : undefined;
}

/**
 * Parses one port field (`*`, `3389`, `3000-4000`, `0-65535`; a comma-separated mix as the portal
 * accepts) into entries. The error is a phrase such as `"3389-80" is not a port or port range`.
 */
export function parsePortEntries(text: string): Result<PortEntry[], string> {
  const entries: PortEntry[] = [];
  for (const piece of text.split(',')) {
    const part = piece.trim();
    if (part === '*' || part.toLowerCase() === 'any') {
      entries.push({ kind: 'any', text: part });
      continue;
    }
    const [low = '', high, ...rest] = part.split('-').map((p) => p.trim());
    const first = port(low);
    const last = high === undefined ? first : port(high);
    if (rest.length > 0 || first === undefined || last === undefined || first > last) {
      return err(`"${part}" is not a port (0-65535), a range (3000-4000) or *`);
    }
    entries.push(
      first === 0 && last === 65_535 ? { kind: 'any', text: part } : { kind: 'range', text: part, first, last },
    );
  }
  return ok(entries);
}
