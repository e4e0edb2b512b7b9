import type { RdpProbeApi } from '../src/api.js';

// The window's bridge, typed from the contract itself (never a hand-kept copy): the preload exposes a
// `RdpProbeApi` as `window.rdpProbe`, and the Playwright tests inject one over the real engine.
declare global {
  interface Window {
    rdpProbe: RdpProbeApi;
  }
}
