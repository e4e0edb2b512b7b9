import { useCallback, useEffect, useReducer, useRef } from 'react';
import type { ProbeStartRequest, RdpProbeApi } from '../../src/api.js';
import type { Report } from '../../src/core/report-schema.js';
import { IDLE, type RunState, runReducer } from './run-state.js';

/** The probe's state and its two actions, over the window's `rdpProbe` API. */
export interface Probe {
  readonly state: RunState;
  readonly start: (request: ProbeStartRequest) => void;
  readonly cancel: () => void;
  /** Shows the engine's new report of the finished run `runId` (after an import or a repair). */
  readonly updateReport: (runId: string, report: Report) => void;
}

/** Subscribes to the engine's events and runs probes through the API. */
export function useProbe(api: RdpProbeApi): Probe {
  const [state, dispatch] = useReducer(runReducer, IDLE);
  const stateRef = useRef(state);
  stateRef.current = state;

  useEffect(() => {
    const offs = [
      api.on('probe:progress', ({ runId, progress }) =>
        dispatch({ kind: 'event', event: { kind: 'progress', runId, progress } }),
      ),
      api.on('probe:finished', ({ runId, report }) =>
        dispatch({ kind: 'event', event: { kind: 'finished', runId, report } }),
      ),
      api.on('azure:device-code', ({ runId, message }) =>
        dispatch({ kind: 'event', event: { kind: 'device-code', runId, message } }),
      ),
    ];
    return () => {
      for (const off of offs) off();
    };
  }, [api]);

  const start = useCallback(
    (request: ProbeStartRequest) => {
      dispatch({ kind: 'start-requested' });
      api.invoke('probe:start', request).then(
        (response) => dispatch({ kind: 'start-answered', response }),
        (error: unknown) => dispatch({ kind: 'start-failed', message: String(error) }),
      );
    },
    [api],
  );

  const cancel = useCallback(() => {
    const current = stateRef.current;
    if (current.kind !== 'running') return;
    dispatch({ kind: 'cancel-requested' });
    void api.invoke('probe:cancel', { runId: current.run.runId });
  }, [api]);

  const updateReport = useCallback(
    (runId: string, report: Report) => dispatch({ kind: 'report-updated', runId, report }),
    [],
  );

  return { state, start, cancel, updateReport };
}
