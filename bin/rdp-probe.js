#!/usr/bin/env node
// The rdp-probe command. Compiled code lives in dist/ (npm run build, run by `npm install`).
import { main } from '../dist/src/cli/entry.js';

main();
