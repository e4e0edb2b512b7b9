/**
 * Where the Azure CLI installs that a GUI app's PATH lacks: apps started from Finder or the Dock get
 * launchd's PATH (/usr/bin:/bin:/usr/sbin:/sbin), not the shell's, so `az` from Homebrew is not found.
 */
const MACOS_AZ_DIRS = ['/opt/homebrew/bin', '/usr/local/bin'];

/** PATH with the usual Azure CLI locations appended on macOS (unchanged elsewhere or when present). */
export function pathWithAzureCli(path: string | undefined, platform: NodeJS.Platform): string | undefined {
  if (platform !== 'darwin') return path;
  const parts = (path ?? '').split(':').filter((part) => part !== '');
  const missing = MACOS_AZ_DIRS.filter((dir) => !parts.includes(dir));
  return missing.length === 0 ? path : [...parts, ...missing].join(':');
}
