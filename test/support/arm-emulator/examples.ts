import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * Where the official Azure REST examples (x-ms-examples) live: `AZURE_EXAMPLES_DIR`, or `../shared/azure-examples/`
 * beside the repository (as `test/unit/core/nsg/nsg-fixtures.ts` finds them).
 */
export function azureExamplesDir(): string {
  const fromEnv = process.env.AZURE_EXAMPLES_DIR;
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv.endsWith('/') ? fromEnv : `${fromEnv}/`;
  return fileURLToPath(new URL('../../../../shared/azure-examples/', import.meta.url));
}

const cache = new Map<string, unknown>();

/** A fresh copy of an official example's response body, e.g. `network/NetworkSecurityGroupGet.json`. */
export function exampleResponseBody(file: string, status = '200'): unknown {
  const key = `${file}#${status}`;
  if (!cache.has(key)) {
    const example = JSON.parse(readFileSync(`${azureExamplesDir()}${file}`, 'utf8')) as {
      responses?: Record<string, { body?: unknown }>;
    };
    const body = example.responses?.[status]?.body;
    if (body === undefined) throw new Error(`${file} has no ${status} response body`);
    cache.set(key, body);
  }
  return structuredClone(cache.get(key));
}

/** A fresh copy of an example body that is a JSON object (fails the test otherwise). */
export function exampleObject(file: string, status = '200'): Record<string, unknown> {
  const body = exampleResponseBody(file, status);
  if (!isRecord(body)) throw new Error(`${file}: the ${status} body is not an object`);
  return body;
}

/** A JSON object (not an array, not null). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
