import { extname, join, relative, sep } from 'node:path';

/** The app's own scheme and host: the renderer is served from `app://rdp-probe/`, never from file:// or the web. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'rdp-probe';
/** The page the window loads. */
export const APP_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/**
 * The content security policy, sent as a header with every file and repeated in index.html's meta tag
 * (a test keeps them equal). It stops injected or remote script, style and network access in the page.
 */
export const CONTENT_SECURITY_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'none'; base-uri 'none'; form-action 'none'";

const MIME_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.map': 'application/json',
};

/** Whether a URL is the app's own page (scheme and host), e.g. a frame's URL in an IPC event. */
export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
  } catch {
    return false;
  }
}

/**
 * Maps an app:// URL to a file under `root` and its MIME type, or null. Stops path traversal
 * (`..`, encoded slashes) and any file type the renderer does not ship.
 */
export function resolveAppFile(url: string, root: string): { path: string; mimeType: string } | null {
  if (!isAppUrl(url)) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(url).pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0') || pathname.includes('\\')) return null;
  const path = join(root, pathname === '/' ? 'index.html' : pathname);
  const inside = relative(root, path);
  if (inside === '' || inside.startsWith('..') || inside.startsWith(sep)) return null;
  const mimeType = MIME_TYPES[extname(path).toLowerCase()];
  return mimeType === undefined ? null : { path, mimeType };
}
