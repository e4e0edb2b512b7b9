import type { AzureCollectStep } from '../../../core/azure/snapshot-schema.js';
import { type ArmCallOptions, type ArmOutcome, armCall } from './arm-call.js';

/** Calls Resource Manager and records each call as a step of the collection, for the report and progress. */
export class CollectLog {
  readonly steps: AzureCollectStep[] = [];

  constructor(
    private readonly signal: AbortSignal,
    private readonly onStep?: (step: AzureCollectStep) => void,
  ) {}

  /** Runs one SDK call as a named step. */
  async call<T>(operation: string, run: (options: ArmCallOptions) => Promise<T>): Promise<ArmOutcome<T>> {
    const started = performance.now();
    const outcome = await armCall(this.signal, run);
    const durationMs = Math.round(performance.now() - started);
    if (outcome.kind === 'ok') {
      this.add({ operation, status: 'ok', httpStatus: 200, code: null, detail: null, durationMs });
    } else {
      const { status, code, message } = outcome.failure;
      this.add({
        operation,
        status: status === 403 ? 'forbidden' : 'failed',
        httpStatus: status,
        code,
        detail: message,
        durationMs,
      });
    }
    return outcome;
  }

  /** Records a step that was not attempted, and why. */
  skip(operation: string, why: string): void {
    this.add({ operation, status: 'skipped', httpStatus: null, code: null, detail: why, durationMs: 0 });
  }

  private add(step: AzureCollectStep): void {
    this.steps.push(step);
    this.onStep?.(step);
  }
}
