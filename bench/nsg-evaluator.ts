// Throughput of the pure NSG evaluator: 5,000 rules × 10,000 flows, median of a few runs.
// Dependency-free so the bench runner can compile and run it anywhere.
import { evaluateFlow } from '../src/core/nsg/evaluate-flow.js';
import type { AddressContext, Flow } from '../src/core/nsg/flow-types.js';
import { parseNetworkSecurityGroup } from '../src/core/nsg/parse-nsg.js';
import type { ParsedNsg } from '../src/core/nsg/rule-model.js';

const RULES = 5_000;
const FLOWS = 10_000;
const RUNS = 3;

/** A small deterministic generator (LCG), so every run sees the same rules and flows. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 4_294_967_296;
  };
}

function buildNsg(): ParsedNsg {
  const next = random(42);
  const int = (max: number) => Math.floor(next() * max);
  const securityRules = Array.from({ length: RULES }, (_, i) => {
    const block = () => `20.${int(256)}.${int(256)}.0/24`;
    const sources =
      i % 5 === 0 ? { sourceAddressPrefixes: [block(), block(), block()] } : { sourceAddressPrefix: block() };
    const low = 1_000 + int(60_000);
    const ports =
      i % 3 === 0
        ? { destinationPortRanges: [String(low), `${low + 10}-${low + 500}`] }
        : { destinationPortRange: String(low) };
    return {
      name: `rule-${i}`,
      properties: {
        access: i % 7 === 0 ? 'Deny' : 'Allow',
        direction: i % 11 === 0 ? 'Outbound' : 'Inbound',
        protocol: i % 4 === 0 ? '*' : 'Tcp',
        priority: 100 + i,
        ...sources,
        destinationAddressPrefix: '*',
        sourcePortRange: '*',
        ...ports,
      },
    };
  });
  const parsed = parseNetworkSecurityGroup({ name: 'bench-nsg', properties: { securityRules } }, 'bench NSG');
  if (parsed.kind === 'err') throw new Error(parsed.error.message);
  return parsed.value;
}

function buildFlows(): Flow[] {
  const next = random(7);
  const int = (max: number) => Math.floor(next() * max);
  return Array.from({ length: FLOWS }, () => ({
    direction: 'Inbound' as const,
    protocol: 'Tcp' as const,
    sourceIp: `20.${int(256)}.${int(256)}.${int(256)}`,
    sourcePort: 49_152 + int(16_384),
    destinationIp: '10.0.1.4',
    destinationPort: int(4) === 0 ? 3389 : 1_000 + int(60_000),
  }));
}

interface Run {
  readonly ms: number;
  readonly considered: number;
  readonly allowed: number;
}

function runOnce(nsg: ParsedNsg, flows: readonly Flow[], context: AddressContext, detail: 'full' | 'brief'): Run {
  let considered = 0;
  let allowed = 0;
  const start = performance.now();
  for (const flow of flows) {
    const result = evaluateFlow({ flow, subnetNsg: null, nicNsg: nsg, context, detail });
    if (result.kind === 'err') throw new Error(result.error.message);
    const verdict = result.value;
    if (verdict.kind === 'allowed') allowed++;
    for (const layer of verdict.layers) if (layer.kind === 'decided') considered += layer.considered.length;
  }
  return { ms: performance.now() - start, considered, allowed };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

const format = (n: number) => Math.round(n).toLocaleString('en-US');

/** Times the evaluator on 5,000 rules × 10,000 flows (median of 3 runs, full and brief detail) and returns table rows. */
export async function benchNsgEvaluator(): Promise<{ name: string; value: string }[]> {
  const parseStart = performance.now();
  const nsg = buildNsg();
  const parseMs = performance.now() - parseStart;
  const flows = buildFlows();
  const context: AddressContext = { vmIps: ['10.0.1.4'], virtualNetworkPrefixes: ['10.0.0.0/16'] };
  runOnce(nsg, flows.slice(0, 200), context, 'full'); // warm-up: compiles the rules once
  const rows: { name: string; value: string }[] = [
    { name: 'nsg evaluator: rules × flows', value: `${format(RULES)} × ${format(FLOWS)}` },
    { name: 'nsg evaluator: parse + normalise 5,000 ARM rules', value: `${parseMs.toFixed(1)} ms` },
  ];
  for (const detail of ['full', 'brief'] as const) {
    const runs: Run[] = [];
    for (let i = 0; i < RUNS; i++) {
      runs.push(runOnce(nsg, flows, context, detail));
      await new Promise((resolve) => setTimeout(resolve, 0)); // let the runner breathe between runs
    }
    const ms = median(runs.map((run) => run.ms));
    const first = runs[0];
    rows.push(
      { name: `nsg evaluator (${detail} detail): median time`, value: `${format(ms)} ms` },
      { name: `nsg evaluator (${detail} detail): flows per second`, value: format((FLOWS / ms) * 1000) },
      {
        name: `nsg evaluator (${detail} detail): rules evaluated per second`,
        value: detail === 'full' && first !== undefined ? format((first.considered / ms) * 1000) : 'n/a',
      },
    );
    if (detail === 'full' && first !== undefined) {
      rows.push({
        name: 'nsg evaluator: flows allowed / denied',
        value: `${format(first.allowed)} / ${format(FLOWS - first.allowed)}`,
      });
    }
  }
  return rows;
}
