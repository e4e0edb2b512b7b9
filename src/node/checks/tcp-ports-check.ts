import { checkKey, DIRECT_PATH } from '../../core/ids.js';
import type { TcpPortsEvidence } from '../../core/report-schema.js';
import type { CheckDefinition } from '../runner/check-definition.js';
import { tcpConnect } from '../tcp/tcp-connect.js';

/** Ports tried beside the RDP port: HTTPS, SSH and HTTP are the ones most often let through. */
export const DEFAULT_EXTRA_PORTS: readonly number[] = [443, 22, 80];

/**
 * tcp.ports: connects to the address `tcp.connect` tried first on the RDP port and on `ports`, all at
 * once, to tell "the host is unreachable" (nothing answers) from "only the RDP port is blocked".
 */
export function tcpPortsCheck(ports: readonly number[]): CheckDefinition {
  const tcpKey = checkKey('tcp.connect', DIRECT_PATH);
  return {
    id: 'tcp.ports',
    path: DIRECT_PATH,
    title: 'TCP to other ports of the target',
    needs: [tcpKey],
    async run(context) {
      const tcp = context.result(tcpKey)?.evidence;
      const first = tcp?.kind === 'tcp.connect' ? tcp.attempts.find((a) => a.via !== 'fresh') : undefined;
      if (first === undefined)
        return { status: 'skipped', summary: 'Not run: no address to connect to.', evidence: null };
      const targetPort = context.target.port;
      const all = [...new Set([targetPort, ...ports])];
      const results = await Promise.all(
        all.map(async (port) => {
          const r = await tcpConnect({
            address: first.address,
            port,
            timeoutMs: context.timeoutMs,
            signal: context.signal,
          });
          return { port, outcome: r.outcome, connectMs: r.connectMs, errorCode: r.errorCode };
        }),
      );
      const evidence: TcpPortsEvidence = {
        kind: 'tcp.ports',
        address: first.address,
        targetPort,
        timeoutMs: context.timeoutMs,
        ports: results,
      };
      const line = results.map((r) => `${r.port} ${r.outcome}`).join(', ');
      const own = results.find((r) => r.port === targetPort);
      const answering = results.filter(
        (r) => r.port !== targetPort && (r.outcome === 'open' || r.outcome === 'refused'),
      );
      if (own?.outcome === 'open') return { status: 'pass', summary: `${first.address}: ${line}.`, evidence };
      if (answering.length > 0 && own?.outcome === 'filtered') {
        return { status: 'warn', summary: `${first.address}: ${line}: only the RDP port is silent.`, evidence };
      }
      if (answering.length === 0) {
        return {
          status: 'fail',
          summary: `${first.address}: ${line}: no port answers; the host is unreachable from here.`,
          evidence,
        };
      }
      return { status: 'info', summary: `${first.address}: ${line}.`, evidence };
    },
  };
}
