import { contextBridge, ipcRenderer } from 'electron';
import { createPreloadApi } from './preload-api.js';

// The preload of the app's window (bundled to one CommonJS file: a sandboxed preload can only require
// electron). It exposes the contract and nothing else; never ipcRenderer itself.
contextBridge.exposeInMainWorld('rdpProbe', createPreloadApi(ipcRenderer));
