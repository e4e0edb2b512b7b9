import { randomUUID } from 'node:crypto';
import { parsePath } from './resource-path.js';
import type { ArmErrorDetail } from './types.js';

/** What a long-running operation ends in. */
export type LroOutcome =
  | { readonly kind: 'succeeded'; readonly body: unknown }
  | { readonly kind: 'failed'; readonly error: ArmErrorDetail };

/** One HTTP answer of the LRO protocol. */
export interface LroAnswer {
  readonly status: number;
  readonly body: unknown;
  readonly headers: Readonly<Record<string, string>>;
}

interface Operation {
  readonly id: string;
  readonly asyncPath: string;
  readonly locationPath: string;
  readonly apiVersion: string;
  readonly startTime: string;
  readonly outcome: LroOutcome;
  /** "Not yet" answers still to give, counted over both URLs. */
  remaining: number;
}

const OPERATION_PATH = /\/providers\/[^/]+\/locations\/[^/]+\/(operations|operationResults)\/([^/]+)$/i;

/** ARM spells a region without spaces, in lower case (`West US` → `westus`). */
function regionOf(location: unknown): string {
  return typeof location === 'string' && location !== '' ? location.replaceAll(' ', '').toLowerCase() : 'global';
}

/**
 * ARM's asynchronous operation protocol for POST actions: 202 Accepted with `Azure-AsyncOperation` (polled
 * for `{"status": …}`) and `Location` (the final result), both absolute URLs on the emulator.
 */
export class LroTable {
  private readonly operations = new Map<string, Operation>();

  constructor(private readonly endpoint: string) {}

  /** Starts an operation on `resourceId`; `polls` "InProgress" answers come before the outcome. */
  start(
    resourceId: string,
    resourceLocation: unknown,
    apiVersion: string,
    polls: number,
    outcome: LroOutcome,
  ): LroAnswer {
    const parsed = parsePath(resourceId);
    const id = randomUUID();
    const base = `/subscriptions/${parsed.subscriptionId ?? '00000000-0000-0000-0000-000000000000'}/providers/${
      parsed.namespace ?? 'Microsoft.Resources'
    }/locations/${regionOf(resourceLocation)}`;
    const operation: Operation = {
      id,
      asyncPath: `${base}/operations/${id}`,
      locationPath: `${base}/operationResults/${id}`,
      apiVersion,
      startTime: new Date().toISOString(),
      outcome,
      remaining: Math.max(0, Math.floor(polls)),
    };
    this.operations.set(id, operation);
    return { status: 202, body: undefined, headers: this.pollHeaders(operation, true) };
  }

  /** Answers a GET on an operation's URL, or undefined when the path names no operation of this table. */
  answer(path: string): LroAnswer | undefined {
    const match = OPERATION_PATH.exec(path);
    const operation = match?.[2] === undefined ? undefined : this.operations.get(match[2]);
    if (match === null || operation === undefined) return undefined;
    const running = operation.remaining > 0;
    if (running) operation.remaining -= 1;
    if (match[1]?.toLowerCase() === 'operations') return this.status(operation, running);
    if (running) return { status: 202, body: undefined, headers: this.pollHeaders(operation, false) };
    if (operation.outcome.kind === 'succeeded') return { status: 200, body: operation.outcome.body, headers: {} };
    return { status: 400, body: { error: operation.outcome.error }, headers: {} };
  }

  private status(operation: Operation, running: boolean): LroAnswer {
    const common = { id: operation.asyncPath, name: operation.id, startTime: operation.startTime };
    if (running) return { status: 200, body: { ...common, status: 'InProgress' }, headers: { 'Retry-After': '0' } };
    const endTime = new Date().toISOString();
    if (operation.outcome.kind === 'succeeded') {
      return { status: 200, body: { ...common, status: 'Succeeded', endTime }, headers: {} };
    }
    return { status: 200, body: { ...common, status: 'Failed', endTime, error: operation.outcome.error }, headers: {} };
  }

  private pollHeaders(operation: Operation, withAsync: boolean): Record<string, string> {
    const query = `?api-version=${encodeURIComponent(operation.apiVersion)}`;
    return {
      ...(withAsync ? { 'Azure-AsyncOperation': `${this.endpoint}${operation.asyncPath}${query}` } : {}),
      Location: `${this.endpoint}${operation.locationPath}${query}`,
      'Retry-After': '0',
    };
  }
}
