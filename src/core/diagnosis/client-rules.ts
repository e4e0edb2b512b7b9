import { CLIENT_ERROR_CODES, formatClientErrorCode } from '../client-error-codes.js';
import { makeFinding } from '../findings/make-finding.js';
import type { Finding } from '../report-schema.js';

/**
 * Turns the error code the user's RDP client showed into evidence: what it means, where it points, and
 * whether this probe sees the same now. Unknown codes are recorded as given.
 */
export function clientErrorFinding(code: number, rdpPortAnswers: boolean): Finding {
  const known = CLIENT_ERROR_CODES[code];
  const shown = formatClientErrorCode(code);
  if (known === undefined) {
    return makeFinding('client.error-code', {
      detail: `Your RDP client reported ${shown}, which is not a documented disconnect reason; it is kept with this report for support.`,
      evidence: [{ check: 'client', says: shown }],
      confidence: 'low',
      values: {},
    });
  }
  const network = known.sources.includes(4);
  const now = !network
    ? ''
    : rdpPortAnswers
      ? ' From here the RDP port answers now: the failure may have been temporary, or on another network or path.'
      : ' This probe sees the same: the RDP port does not answer from here either.';
  const [source, ...candidates] = known.sources;
  return makeFinding('client.error-code', {
    detail: `Your RDP client reported ${shown} (${known.name}): ${known.meaning}.${now}`,
    evidence: [{ check: 'client', says: `${shown} ${known.name}` }],
    confidence: 'medium',
    values: {},
    ...(source === undefined ? {} : { source, candidates }),
  });
}
