import { isAppUrl } from './app-files.js';

/** The parts of an IPC event the guards read; Electron's `IpcMainInvokeEvent` has them. */
export interface IpcSenderEvent {
  readonly sender: { readonly id: number };
  readonly senderFrame: { readonly url: string; readonly parent: unknown } | null;
}

/**
 * Whether an IPC message comes from the app's own page: the top frame of the app's window, showing an
 * app:// URL. Stops a frame or window that loaded other content (should one ever appear) from driving
 * the engine.
 */
export function isTrustedSender(event: IpcSenderEvent, trustedWebContentsId: number | null): boolean {
  const frame = event.senderFrame;
  if (frame === null || frame.parent !== null) return false;
  if (trustedWebContentsId === null || event.sender.id !== trustedWebContentsId) return false;
  return isAppUrl(frame.url);
}
