import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app.js';
import { listenForShellTargets } from './state/shell-targets.js';

// The renderer's entry: the bridge (`window.rdpProbe`) is the preload's in the app and the tests' in
// Chromium; either way it is the contract's `RdpProbeApi` and nothing else.
const api = window.rdpProbe;
const root = document.getElementById('root');
if (root === null) throw new Error('index.html has no #root');
if (api === undefined) {
  root.textContent = 'RDP Probe must run inside its desktop app.';
} else {
  listenForShellTargets(api);
  createRoot(root).render(
    <StrictMode>
      <App api={api} />
    </StrictMode>,
  );
}
