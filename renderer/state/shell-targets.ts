import { useSyncExternalStore } from 'react';
import type { RdpProbeApi, TargetInput } from '../../src/api.js';

/** A target the desktop shell opened (File menu, "Open with"), numbered so the same file twice is news. */
export interface ShellTarget {
  readonly target: TargetInput;
  readonly seq: number;
}

let latest: ShellTarget | null = null;
const subscribers = new Set<() => void>();

/**
 * Starts listening for targets the shell opens. Called once before the first render, so a file the app
 * was launched with is not lost while React mounts.
 */
export function listenForShellTargets(api: RdpProbeApi): void {
  api.on('shell:open-target', ({ target }) => {
    latest = { target, seq: (latest?.seq ?? 0) + 1 };
    for (const notify of subscribers) notify();
  });
}

function subscribe(notify: () => void): () => void {
  subscribers.add(notify);
  return () => subscribers.delete(notify);
}

/** The last target the shell opened, or null. */
export function useShellTarget(): ShellTarget | null {
  return useSyncExternalStore(subscribe, () => latest);
}
