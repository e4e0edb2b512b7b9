import { maskCredentials } from '../../core/proxy/proxy-url.js';
import { err, type InputError, inputError, ok, type Result } from '../../core/result.js';
import { targetUrl } from './discover-proxies.js';
import { evaluatePac, loadPacScript } from './pac-script.js';

/**
 * Loads `--pac` before probing and runs it once for the target, so an unreadable file, a failed fetch or
 * a broken script is the user's input error (one line, exit 2), not a silent gap in the report.
 */
export async function preparePac(
  location: string,
  target: { readonly host: string; readonly port: number },
  options: { readonly timeoutMs: number; readonly signal?: AbortSignal },
): Promise<Result<{ readonly location: string; readonly script: string }, InputError>> {
  const shown = maskCredentials(location);
  const loaded = await loadPacScript(location, options);
  if (loaded.kind === 'err') return err(inputError('--pac', `--pac: ${shown} ${loaded.error}.`));
  const answer = await evaluatePac(loaded.value, targetUrl(target.host, target.port), target.host, options.timeoutMs);
  if (answer.kind === 'err') return err(inputError('--pac', `--pac: ${shown}: ${answer.error}.`));
  return ok({ location, script: loaded.value });
}
