import { join } from 'node:path';
import { app, type BrowserWindow, dialog, type OpenDialogOptions, type SaveDialogOptions } from 'electron';
import { BUNDLE_EXTENSION } from '../src/core/bundle/bundle-file-name.js';
import type { FileDialogs } from '../src/node/bundle/bundle-actions.js';

const BUNDLES = { name: 'RDP Probe bundles', extensions: [BUNDLE_EXTENSION, 'zip'] };
const REPORTS = { name: 'Bundles and reports', extensions: [BUNDLE_EXTENSION, 'zip', 'json'] };
const VM_OUTPUT = { name: 'Output of check-rdp.ps1', extensions: ['txt', 'json', 'log'] };
const ALL_FILES = { name: 'All files', extensions: ['*'] };

/**
 * The engine's file dialogs as Electron's native ones, attached to the app window. The only source of
 * paths for bundles: the renderer never names a file, so a compromised page can neither read nor
 * overwrite one the user did not pick.
 */
export function createFileDialogs(window: () => BrowserWindow | null): FileDialogs {
  const save = (options: SaveDialogOptions) => {
    const parent = window();
    return parent === null ? dialog.showSaveDialog(options) : dialog.showSaveDialog(parent, options);
  };
  const open = (options: OpenDialogOptions) => {
    const parent = window();
    return parent === null ? dialog.showOpenDialog(options) : dialog.showOpenDialog(parent, options);
  };
  return {
    async chooseSavePath(defaultName) {
      const result = await save({
        title: 'Export a bundle for support',
        defaultPath: join(app.getPath('documents'), defaultName),
        filters: [BUNDLES],
        properties: ['showOverwriteConfirmation', 'createDirectory'],
      });
      return result.canceled || result.filePath === undefined || result.filePath === '' ? null : result.filePath;
    },
    async chooseOpenPaths(count) {
      const paths: string[] = [];
      for (let i = 0; i < count; i++) {
        const title = count === 1 ? 'Open a bundle or report' : `Choose file ${i + 1} of ${count} to compare`;
        const result = await open({ title, properties: ['openFile'], filters: [REPORTS] });
        const path = result.filePaths[0];
        if (result.canceled || path === undefined) return null;
        paths.push(path);
      }
      return paths;
    },
    async chooseVmCheckOutput() {
      const result = await open({
        title: 'Import the output of check-rdp.ps1',
        properties: ['openFile'],
        filters: [VM_OUTPUT, ALL_FILES],
      });
      const path = result.filePaths[0];
      return result.canceled || path === undefined ? null : path;
    },
  };
}
