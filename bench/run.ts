import { benchProbe } from './probe-bench.js';
import { printTable } from './table.js';

// `npm run bench`: speed and memory targets live here, never in timed tests.
printTable('Probe: time to verdict (median)', await benchProbe());
