import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, type BrowserWindow, dialog, ipcMain, Menu, session } from 'electron';
import type { TargetInput } from '../src/api.js';
import { createEngineApi } from '../src/node/engine-api.js';
import { pacAnswerSource } from '../src/node/proxy/sources.js';
import { registerAppScheme, serveAppFiles } from './app-protocol.js';
import { createFileDialogs } from './file-dialogs.js';
import { forwardEvents, registerInvokeHandlers } from './ipc-handlers.js';
import { buildAppMenu } from './menu.js';
import { filesFromArgv, readOpenedFile } from './open-file.js';
import { isTrustedSender } from './trusted-sender.js';
import { createMainWindow, lockDownContents, lockDownSession } from './window.js';

// The Electron main process: thin. One window, the engine in-process behind validated IPC, native
// dialogs. Built by `npm run build:app` to dist/main/main.js (this file) and dist/main/preload.cjs.
// Bundles are saved and opened through the engine's `bundle:*` channels with the native dialogs of
// file-dialogs.ts. The proxy checks add `session.resolveProxy` (the app's own view of the proxy settings)
// to the environment and the OS's settings. Reading Azure live signs in inside this process (the engine's
// default connection: the chosen cloud's own Resource Manager, no endpoint from the renderer or from here).
// Not built here yet (its issue): a bundle opened from Finder or "Open with".

const here = dirname(fileURLToPath(import.meta.url));
const preloadPath = join(here, 'preload.cjs');
const rendererRoot = join(here, '..', 'renderer');

let mainWindow: BrowserWindow | null = null;
let pageLoaded = false;
/** Targets opened before the page could receive them (a launch with a file, macOS open-file). */
const pending: TargetInput[] = [];

function deliver(target: TargetInput): void {
  if (mainWindow === null || mainWindow.isDestroyed() || !pageLoaded) {
    pending.push(target);
    return;
  }
  mainWindow.webContents.send('shell:open-target', { target });
}

async function openFile(path: string): Promise<void> {
  const opened = await readOpenedFile(path);
  if (opened.kind === 'target') deliver(opened.target);
  else {
    const message =
      opened.kind === 'bundle'
        ? 'To read a bundle, use "Open a bundle…" in RDP Probe\'s window; opening it from outside arrives later.'
        : opened.message;
    await dialog.showMessageBox({ type: 'warning', message, buttons: ['OK'] });
  }
}

async function chooseRdpFile(): Promise<void> {
  const options = {
    title: 'Open a Remote Desktop file',
    properties: ['openFile' as const],
    filters: [{ name: 'Remote Desktop files', extensions: ['rdp'] }],
  };
  const result =
    mainWindow === null ? await dialog.showOpenDialog(options) : await dialog.showOpenDialog(mainWindow, options);
  const path = result.filePaths[0];
  if (!result.canceled && path !== undefined) await openFile(path);
}

function start(): void {
  serveAppFiles(rendererRoot);
  lockDownSession(session.defaultSession);
  const engine = createEngineApi(
    createFileDialogs(() => mainWindow),
    {
      proxySource: pacAnswerSource((url) => session.defaultSession.resolveProxy(url)),
    },
  );
  const window = createMainWindow(preloadPath);
  mainWindow = window;
  const webContentsId = window.webContents.id;
  const unregister = registerInvokeHandlers(ipcMain, engine, (event) => isTrustedSender(event, webContentsId));
  const stopForwarding = forwardEvents(engine, (channel, payload) => {
    if (!window.isDestroyed()) window.webContents.send(channel, payload);
  });
  window.webContents.on('did-finish-load', () => {
    pageLoaded = true;
    for (const target of pending.splice(0)) deliver(target);
  });
  window.on('closed', () => {
    mainWindow = null;
    stopForwarding();
    unregister();
    engine.dispose();
  });
  Menu.setApplicationMenu(
    buildAppMenu({ openRdpFile: () => void chooseRdpFile() }, process.platform === 'darwin', app.isPackaged),
  );
  for (const path of filesFromArgv(process.argv)) void openFile(path);
}

registerAppScheme();
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', (_event, argv) => {
    if (mainWindow !== null) {
      if (mainWindow.isMinimized()) mainWindow.restore();
      mainWindow.focus();
    }
    for (const path of filesFromArgv(argv)) void openFile(path);
  });
  // macOS hands files from Finder ("Open with", a double-clicked bundle) to a running app this way.
  app.on('open-file', (event, path) => {
    event.preventDefault();
    if (app.isReady()) void openFile(path);
    else void app.whenReady().then(() => openFile(path));
  });
  app.on('web-contents-created', (_event, contents) => lockDownContents(contents));
  app.on('window-all-closed', () => app.quit());
  void app.whenReady().then(start);
}
