import { readFile } from 'node:fs/promises';
import type { QuickJS } from 'quickjs-wasi';
import { err, ok, type Result } from '../../core/result.js';

/** A PAC script larger than this is refused: real ones are a few kilobytes. */
export const MAX_PAC_BYTES = 1024 * 1024;

/** QuickJS heap for one evaluation: a PAC script needs little; a hostile one cannot take more. */
const PAC_MEMORY_BYTES = 32 * 1024 * 1024;

/** Whether a PAC location is fetched over the network (a third party) rather than read from a file. */
export function isPacUrl(location: string): boolean {
  return /^https?:\/\//i.test(location);
}

/**
 * Loads a PAC script from an http(s) URL (bounded by `timeoutMs`, the signal and MAX_PAC_BYTES) or a
 * local file. Failures are one phrase, never an exception.
 */
export async function loadPacScript(
  location: string,
  options: { readonly timeoutMs: number; readonly signal?: AbortSignal },
): Promise<Result<string, string>> {
  if (!isPacUrl(location)) {
    try {
      const bytes = await readFile(location);
      if (bytes.length > MAX_PAC_BYTES) return err(`larger than ${MAX_PAC_BYTES} bytes`);
      return ok(bytes.toString('utf8'));
    } catch (error) {
      return err(`cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
    }
  }
  const signals = [AbortSignal.timeout(options.timeoutMs), ...(options.signal ? [options.signal] : [])];
  try {
    const response = await fetch(location, { signal: AbortSignal.any(signals), redirect: 'follow' });
    if (!response.ok) return err(`answered HTTP ${response.status}`);
    const declared = Number(response.headers.get('content-length') ?? '0');
    if (declared > MAX_PAC_BYTES) return err(`is larger than ${MAX_PAC_BYTES} bytes`);
    const text = await response.text();
    return text.length > MAX_PAC_BYTES ? err(`is larger than ${MAX_PAC_BYTES} bytes`) : ok(text);
  } catch (error) {
    const name = (error as Error).name;
    if (name === 'TimeoutError') return err(`did not answer within ${options.timeoutMs} ms`);
    if (name === 'AbortError') return err('fetch cancelled');
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    return err(`could not be fetched (${cause ?? (error as Error).message})`);
  }
}

/**
 * Runs `FindProxyForURL(url, host)` of a PAC script in QuickJS (pac-resolver), isolated from Node, with a
 * memory cap and an interrupt at `timeoutMs` so a looping script cannot hang the probe.
 */
export async function evaluatePac(
  script: string,
  url: string,
  host: string,
  timeoutMs: number,
): Promise<Result<string, string>> {
  const deadline = performance.now() + timeoutMs;
  let vm: QuickJS | null = null;
  let timer: NodeJS.Timeout | undefined;
  try {
    // Loaded on demand: most machines have no PAC, and the PAC engine costs start-up time.
    const [{ createPacResolver }, { QuickJS }] = await Promise.all([import('pac-resolver'), import('quickjs-wasi')]);
    vm = await QuickJS.create({ memoryLimit: PAC_MEMORY_BYTES, interruptHandler: () => performance.now() > deadline });
    const find = createPacResolver(vm, script, { filename: 'proxy.pac' });
    const timeout = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    });
    return ok(await Promise.race([find(url, host), timeout]));
  } catch (error) {
    return err(`the script failed: ${((error as Error).message ?? String(error)).split('\n')[0]}`);
  } finally {
    clearTimeout(timer);
    try {
      vm?.dispose();
    } catch {
      // A script interrupted mid-call may leave handles behind; the VM is dropped either way.
    }
  }
}
