/** Characters that continue a name, so `vm1` does not match inside `vm10` or `my-vm1`. */
const NAME_CHAR = 'A-Za-z0-9_-';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/**
 * One case-insensitive pattern matching any of `values` as a whole name (longest first, so a full
 * domain name wins over its first label), or null when there is nothing to match.
 */
export function literalPattern(values: Iterable<string>): RegExp | null {
  const unique = [...new Set([...values].filter((v) => v.length > 0))].sort((a, b) => b.length - a.length);
  if (unique.length === 0) return null;
  return new RegExp(`(?<![${NAME_CHAR}])(?:${unique.map(escapeRegExp).join('|')})(?![${NAME_CHAR}])`, 'gi');
}
