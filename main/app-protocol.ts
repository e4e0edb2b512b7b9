import { readFile } from 'node:fs/promises';
import { protocol } from 'electron';
import { APP_SCHEME, CONTENT_SECURITY_POLICY, resolveAppFile } from './app-files.js';

/** Declares app:// a standard, secure scheme; must run before the app is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true } }]);
}

/**
 * Serves the built renderer from `root` over app://, every response with the CSP header. Anything
 * outside `root`, or of a type the renderer does not ship, is a 404.
 */
export function serveAppFiles(root: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const file = resolveAppFile(request.url, root);
    if (file === null) return new Response('not found', { status: 404 });
    try {
      const body = await readFile(file.path);
      return new Response(body, {
        headers: {
          'content-type': file.mimeType,
          'content-security-policy': CONTENT_SECURITY_POLICY,
          'x-content-type-options': 'nosniff',
        },
      });
    } catch {
      return new Response('not found', { status: 404 });
    }
  });
}
