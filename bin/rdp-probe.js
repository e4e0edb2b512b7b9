#!/usr/bin/env node
// The rdp-probe command. Compiled code lives in dist/ (npm run build, run by `npm install`). Inside the
// project, npm puts the `node` devDependency (Node 24) first on PATH; elsewhere an old Node gets one line.
const major = Number(process.versions.node.split('.')[0]);
if (major < 22) {
  process.stderr.write(
    `rdp-probe: needs Node.js 22 or newer, this is ${process.version}; run it with npx from the project (which brings Node 24) or install Node 24 LTS.\n`,
  );
  process.exit(3);
}
const { main } = await import('../dist/src/cli/entry.js');
main();
