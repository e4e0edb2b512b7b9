// Rebuilds the optional native module (raw-socket, behind net-ping) against the headers of the Node that
// runs this project (the `node` devDependency), not the machine's own Node: a module built for another
// Node's ABI fails to load. net-ping is optional, so a failed build is reported and never fails the install.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const root = process.cwd();
const require = createRequire(join(root, 'package.json'));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const log = (line) => console.log(`rebuild-native: ${line}`);

function loads() {
  try {
    require('raw-socket');
    return true;
  } catch {
    return false;
  }
}

function headersIn(dir) {
  if (!existsSync(dir)) return undefined;
  for (const name of readdirSync(dir)) {
    const candidate = join(dir, name);
    if (name.startsWith('node-') && existsSync(join(candidate, 'include', 'node', 'node.h'))) return candidate;
  }
  return undefined;
}

// The `node` package installs its platform package (which carries include/node) only during a fresh
// install; a later `npm install` prunes it. Fetch the same version into a cache folder in that case.
function findOrFetchHeaders() {
  const bundled = headersIn(join(root, 'node_modules', 'node', 'node_modules'));
  if (bundled !== undefined) return bundled;
  const cache = join(root, 'node_modules', '.cache', 'node-headers');
  const cached = headersIn(join(cache, 'node_modules'));
  if (cached !== undefined) return cached;
  const platform = process.platform === 'win32' ? 'win' : process.platform;
  const prefix = process.platform === 'darwin' && process.arch === 'arm64' ? 'node-bin' : 'node';
  const pkg = `${prefix}-${platform}-${process.arch}@${process.versions.node}`;
  mkdirSync(cache, { recursive: true });
  const result = spawnSync(npm, ['install', '--no-save', '--ignore-scripts', '--prefix', cache, pkg], {
    stdio: ['ignore', 'ignore', 'inherit'],
    shell: process.platform === 'win32',
    timeout: 300_000,
  });
  return result.status === 0 ? headersIn(join(cache, 'node_modules')) : undefined;
}

if (!existsSync(join(root, 'node_modules', 'raw-socket'))) {
  log('raw-socket is not installed (optional); ICMP falls back to the OS ping.');
} else if (loads()) {
  log(`raw-socket loads on Node ${process.versions.node}.`);
} else {
  const nodedir = findOrFetchHeaders();
  const result =
    nodedir === undefined
      ? { status: 1 }
      : spawnSync(npm, ['rebuild', 'raw-socket'], {
          cwd: root,
          stdio: ['ignore', 'ignore', 'inherit'],
          env: { ...process.env, npm_config_nodedir: nodedir },
          shell: process.platform === 'win32',
          timeout: 300_000,
        });
  if (result.status === 0 && loads()) log(`raw-socket rebuilt for Node ${process.versions.node}.`);
  else log(`raw-socket did not build for Node ${process.versions.node} (optional; ICMP falls back to the OS ping).`);
}
