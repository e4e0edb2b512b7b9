import { benchNsgEvaluator } from './nsg-evaluator.js';
import { benchProbe } from './probe-bench.js';
import { benchRdp } from './rdp-bench.js';
import { benchRenderer } from './renderer-bench.js';
import { printTable } from './table.js';

// `npm run bench`: speed and memory targets live here, never in timed tests.
printTable('Probe: time to verdict (median)', await benchProbe());
printTable('RDP probe against xrdp on loopback, and nmap on the same server (median)', await benchRdp());
printTable('NSG evaluator: 5,000 rules × 10,000 flows (median)', await benchNsgEvaluator());
printTable('Desktop renderer in Chromium, real engine (median)', await benchRenderer());
