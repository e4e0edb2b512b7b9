import { escapeHtml } from './html-escape.js';

/** Nesting deeper than this is shown as JSON text: evidence is shallow, and output stays bounded. */
const MAX_DEPTH = 6;

/** `subjectAltNames` → `subject alt names`, for labels. */
export function humanise(key: string): string {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase();
}

/**
 * Any evidence value as escaped HTML: objects as definition lists, arrays of objects as numbered
 * lists, scalars as text. Generic, so evidence kinds added later render without changes here.
 */
export function renderValueHtml(value: unknown, depth = 0): string {
  if (value === null || value === undefined) return '<span class="muted">—</span>';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'number') return escapeHtml(String(value));
  if (typeof value === 'string') {
    return value.includes('\n') ? `<pre>${escapeHtml(value)}</pre>` : escapeHtml(value);
  }
  if (depth >= MAX_DEPTH) return `<code>${escapeHtml(JSON.stringify(value))}</code>`;
  if (Array.isArray(value)) {
    if (value.length === 0) return '<span class="muted">none</span>';
    if (value.every((v) => v === null || typeof v !== 'object')) {
      return value.map((v) => renderValueHtml(v, depth + 1)).join(', ');
    }
    return `<ol class="items">${value.map((v) => `<li>${renderValueHtml(v, depth + 1)}</li>`).join('')}</ol>`;
  }
  if (typeof value === 'object') {
    const rows = Object.entries(value).map(
      ([k, v]) => `<dt>${escapeHtml(humanise(k))}</dt><dd>${renderValueHtml(v, depth + 1)}</dd>`,
    );
    return `<dl>${rows.join('')}</dl>`;
  }
  return escapeHtml(String(value));
}
