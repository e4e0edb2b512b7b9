import { networkInterfaces } from 'node:os';
import { matchAgents } from '../../core/agents/agent-table.js';
import type { ClientAgentsEvidence } from '../../core/evidence/client.js';
import { PS_ARGS, parsePsComm, parseTasklistCsv, TASKLIST_ARGS } from '../../core/parsers/process-list.js';
import { type Budget, readTool } from './read-tool.js';

/** Where the process listers are, and where interface names come from; tests replace them. */
export interface AgentSources {
  readonly ps?: string;
  readonly tasklist?: string;
  readonly interfaces?: () => readonly string[];
}

function osOf(platform: NodeJS.Platform): ClientAgentsEvidence['os'] {
  if (platform === 'win32') return 'windows';
  if (platform === 'darwin') return 'macos';
  return platform === 'linux' ? 'linux' : 'other';
}

/**
 * Lists the running processes (`ps -A -o comm=`, or `tasklist /fo csv /nh` on Windows: bounded by the
 * budget and the runner's output cap) and the network interfaces, and matches them against the known
 * proxy, VPN and inspection agents. Only names are read: no command lines, users or addresses.
 */
export async function listAgents(
  platform: NodeJS.Platform,
  sources: AgentSources,
  budget: Budget,
): Promise<ClientAgentsEvidence> {
  const windows = platform === 'win32';
  const display = windows ? 'tasklist /fo csv /nh' : 'ps -A -o comm=';
  const listing = windows
    ? await readTool(sources.tasklist ?? 'tasklist', TASKLIST_ARGS, display, budget)
    : await readTool(sources.ps ?? 'ps', PS_ARGS, display, budget);
  const processes =
    listing.stdout === null ? [] : windows ? parseTasklistCsv(listing.stdout) : parsePsComm(listing.stdout);
  const interfaces = [...(sources.interfaces ?? (() => Object.keys(networkInterfaces())))()];
  return {
    kind: 'client.agents',
    os: osOf(platform),
    processes: { command: display, count: processes.length, error: listing.tool.message },
    interfaces,
    ...matchAgents(processes, interfaces),
  };
}
