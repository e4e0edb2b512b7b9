import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { LroTable } from './lro.js';
import { actionKey, type EmulatorState, type RouteAnswer, route } from './router.js';
import { ResourceStore } from './store.js';
import { emulatorTls } from './tls.js';
import type { ArmEmulator, ArmEmulatorOptions, ArmRequestRecord } from './types.js';

/** Request bodies larger than this are refused (413): the emulator only takes small JSON documents. */
const MAX_BODY_BYTES = 4 * 1024 * 1024;

async function readBody(request: IncomingMessage): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > MAX_BODY_BYTES) return undefined;
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

function parseBody(raw: Buffer): unknown {
  if (raw.length === 0) return undefined;
  const text = raw.toString('utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function decodePath(pathname: string): string {
  try {
    return decodeURIComponent(pathname);
  } catch {
    return pathname;
  }
}

function send(response: ServerResponse, answer: RouteAnswer): void {
  const requestId = randomUUID();
  const headers: Record<string, string> = {
    'x-ms-request-id': requestId,
    'x-ms-correlation-request-id': requestId,
    ...answer.headers,
  };
  if (answer.body === undefined) {
    response.writeHead(answer.status, { ...headers, 'Content-Length': '0' }).end();
    return;
  }
  const text = JSON.stringify(answer.body);
  response
    .writeHead(answer.status, {
      ...headers,
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Length': String(Buffer.byteLength(text)),
    })
    .end(text);
}

/**
 * Starts the ARM emulator on 127.0.0.1 (ephemeral port) over HTTPS with a test CA. Every request is recorded,
 * then answered after `latencyMs`.
 */
export async function startArmEmulator(options: ArmEmulatorOptions = {}): Promise<ArmEmulator> {
  const tls = await emulatorTls();
  const latencyMs = Math.max(0, options.latencyMs ?? 0);
  const host = options.host ?? '127.0.0.1';
  const requests: ArmRequestRecord[] = [];
  const timers = new Set<NodeJS.Timeout>();
  let state: EmulatorState | undefined;

  const wait = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve();
      }, ms);
      timers.add(timer);
    });

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const url = new URL(request.url ?? '/', 'https://127.0.0.1');
    const path = decodePath(url.pathname);
    const raw = await readBody(request);
    const body = raw === undefined ? undefined : parseBody(raw);
    const authorization = request.headers.authorization;
    const apiVersion = url.searchParams.get('api-version');
    const method = (request.method ?? 'GET').toUpperCase();
    requests.push({
      method,
      path,
      apiVersion,
      query: Object.fromEntries(url.searchParams),
      body,
      authorization: /^Bearer\s+\S+/i.test(authorization ?? ''),
    });
    const answer: RouteAnswer =
      raw === undefined || state === undefined
        ? { status: 413, body: { error: { code: 'RequestEntityTooLarge', message: 'The request body is too large.' } } }
        : await route(state, {
            method,
            path,
            query: Object.fromEntries(url.searchParams),
            apiVersion,
            authorization,
            body,
          });
    if (latencyMs > 0) await wait(latencyMs);
    if (!response.destroyed) send(response, answer);
  };

  const server = createServer({ key: tls.key, cert: tls.cert }, (request, response) => {
    handle(request, response).catch((thrown: unknown) => {
      const message = thrown instanceof Error ? thrown.message : String(thrown);
      if (!response.headersSent && !response.destroyed) {
        send(response, { status: 500, body: { error: { code: 'InternalServerError', message } } });
      }
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const endpoint = `https://${host}:${(server.address() as AddressInfo).port}`;
  const live: EmulatorState = {
    store: new ResourceStore(),
    lro: new LroTable(endpoint),
    handlers: new Map(),
    forbidden: [],
    activityLog: [],
  };
  state = live;

  return {
    endpoint,
    ca: tls.ca,
    requests,
    put: (id, body) => live.store.put(id, body),
    remove: (id) => live.store.remove(id),
    get: (id) => {
      const body = live.store.find(id);
      return body === undefined ? undefined : structuredClone(body);
    },
    onAction: (resourceId, action, handler) => {
      live.handlers.set(actionKey(resourceId, action), handler);
    },
    forbid: (pathPart, action) => {
      live.forbidden.push({ match: pathPart, action });
    },
    setActivityLog: (events) => {
      live.activityLog = structuredClone([...events]);
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        timers.clear();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
