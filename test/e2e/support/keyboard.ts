import type { Page } from 'playwright-core';

/** What the page's focused element offers here (the tests compile without the DOM library). */
interface FocusedElement {
  readonly tagName: string;
  readonly textContent: string | null;
  readonly labels?: ArrayLike<{ readonly textContent: string | null }> | null;
}

/** The focused element as `tag:name`: an input by its label, anything else by its text. */
export function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    const doc = (globalThis as unknown as { document: { activeElement: FocusedElement | null } }).document;
    const el = doc.activeElement;
    if (el === null) return '';
    const tag = el.tagName.toLowerCase();
    const label = el.labels?.[0]?.textContent ?? null;
    return `${tag}:${(tag === 'input' || tag === 'select' ? label : el.textContent)?.trim() ?? ''}`;
  });
}

/** Presses Tab until the focused element is `target` (as `focused` names it); throws after `max` presses. */
export async function tabTo(page: Page, target: string, max = 80): Promise<void> {
  for (let i = 0; i < max; i++) {
    if ((await focused(page)) === target) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${target}; focus is on ${await focused(page)}`);
}
