/**
 * Escapes text for HTML element content and double- or single-quoted attributes. Every string in the
 * HTML report goes through it: certificate names, banners and DNS answers come from the network and
 * must never become markup. Control and bidirectional-override characters are shown as `\u…` so a
 * hostile name cannot hide or reorder what the reader sees.
 */
export function escapeHtml(text: string): string {
  return text
    .replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c)
    .replace(
      // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this makes visible.
      /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g,
      (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
    );
}

const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
