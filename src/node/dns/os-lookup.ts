import { lookup } from 'node:dns/promises';
import { rejectOnAbort } from '../abort.js';

/** What the operating system's resolver answers: what the RDP client will use (cache and hosts file included). */
export type OsLookupResult =
  | { readonly kind: 'addresses'; readonly addresses: { address: string; family: 4 | 6 }[] }
  | { readonly kind: 'error'; readonly code: string };

/**
 * Resolves through getaddrinfo, all addresses of both families in the order the OS gives them.
 * getaddrinfo cannot be cancelled, so the wait is raced against the signal.
 */
export async function osLookup(name: string, signal: AbortSignal): Promise<OsLookupResult> {
  try {
    const answers = await Promise.race([lookup(name, { all: true, order: 'verbatim' }), rejectOnAbort(signal)]);
    return {
      kind: 'addresses',
      addresses: answers.map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 })),
    };
  } catch (error) {
    if (signal.aborted) return { kind: 'error', code: 'ETIMEOUT' };
    return { kind: 'error', code: (error as NodeJS.ErrnoException).code ?? 'EUNKNOWN' };
  }
}
