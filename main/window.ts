import { BrowserWindow, type Session, type WebContents } from 'electron';
import { APP_URL, isAppUrl } from './app-files.js';

/**
 * Opens the app's one window: context isolation and the sandbox on, no Node in the page, the bundled
 * preload as the only bridge.
 */
export function createMainWindow(preloadPath: string): BrowserWindow {
  const window = new BrowserWindow({
    width: 1120,
    height: 840,
    minWidth: 560,
    minHeight: 480,
    show: false,
    title: 'RDP Probe',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
    },
  });
  window.once('ready-to-show', () => window.show());
  void window.loadURL(APP_URL);
  return window;
}

/**
 * Blocks navigation, redirects, new windows and webviews in every web contents: a link or a dropped
 * file can never replace the app's page with other content that would then inherit its bridge.
 */
export function lockDownContents(contents: WebContents): void {
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

/**
 * Denies every permission request (camera, notifications, geolocation, …) except writing to the
 * clipboard from the app's own page, which the copy buttons use. Downloads are allowed only for the
 * reports the page itself makes (blob: URLs of the app), with a native save dialog.
 */
export function lockDownSession(session: Session): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(permission === 'clipboard-sanitized-write' && isAppUrl(details.requestingUrl));
  });
  session.setPermissionCheckHandler(
    (_contents, permission, origin) => permission === 'clipboard-sanitized-write' && isAppUrl(origin),
  );
  session.on('will-download', (event, item) => {
    if (!item.getURL().startsWith('blob:app://')) {
      event.preventDefault();
      return;
    }
    item.setSaveDialogOptions({
      title: 'Save the report',
      filters: [{ name: 'RDP Probe report', extensions: ['json'] }],
    });
  });
}
