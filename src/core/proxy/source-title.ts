import type { ProxySourceName } from '../evidence/edge.js';

const TITLES: Readonly<Record<ProxySourceName, string>> = {
  option: '--proxy',
  pac: '--pac',
  env: 'the environment',
  windows: "Windows' proxy settings",
  winhttp: "Windows' WinHTTP proxy (netsh winhttp)",
  macos: "macOS's proxy settings",
  gnome: "GNOME's proxy settings",
  kde: "KDE's proxy settings",
  app: "the app's proxy settings",
};

/** Where a proxy came from, in words for a sentence. */
export function proxySourceTitle(source: ProxySourceName): string {
  return TITLES[source];
}
