import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redactReport } from '../../../src/core/bundle/redact-report.js';
import { FULL_REDACTION, NO_REDACTION } from '../../../src/core/bundle/redaction-categories.js';
import type { Report } from '../../../src/core/report-schema.js';
import { parseTarget } from '../../../src/core/target.js';
import { createRedactionKey } from '../../../src/node/bundle/keyed-hash.js';
import { localKnownValues } from '../../../src/node/bundle/local-values.js';
import { readBundle, readReportOrBundle } from '../../../src/node/bundle/read-bundle.js';
import { writeBundle } from '../../../src/node/bundle/write-bundle.js';
import { runProbe } from '../../../src/node/probe.js';
import { SECRET_VALUES, SENSITIVE_VALUES, sensitiveReport } from '../../support/bundle-report.js';

const KEY = 'support-ticket-4711';

/** Every member of a bundle, inflated and joined: what a reader of the zip could see. */
async function bundleText(path: string): Promise<string> {
  const { readFile } = await import('node:fs/promises');
  const members = unzipSync(new Uint8Array(await readFile(path)));
  return Object.entries(members)
    .map(([name, data]) => `${name}\n${new TextDecoder().decode(data)}`)
    .join('\n');
}

describe('bundle export and import (real files)', () => {
  let dir: string;
  let server: Server;
  let report: Report;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'rdp-probe-bundle-'));
    server = createServer((s) => s.resume().end());
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as { port: number }).port;
    const target = parseTarget(`127.0.0.1:${port}`);
    if (target.kind === 'err') throw new Error(target.error.message);
    report = await runProbe({
      target: target.value,
      timeoutMs: 1000,
      quick: true,
      expectIp: null,
      nameservers: null,
      routingToken: null,
      expectName: null,
    });
  });
  afterAll(async () => {
    await new Promise<void>((r) => server.close(() => r()));
    await rm(dir, { recursive: true, force: true });
  });

  it('round-trips a real probe report: import equals the redacted report', async () => {
    const path = join(dir, 'probe.zip');
    const written = await writeBundle(report, { path, force: false, redaction: { ...FULL_REDACTION, key: KEY } });
    if (written.kind === 'err') throw new Error(written.error.message);
    expect(written.value.path).toBe(path);
    const read = await readBundle(path);
    if (read.kind === 'err') throw new Error(read.error.message);
    const expected = redactReport(report, FULL_REDACTION, createRedactionKey(KEY).hash, localKnownValues());
    expect(read.value.report).toEqual(expected);
    expect(read.value.manifest.bundleSchemaVersion).toBe(1);
    expect(read.value.manifest.redaction.key).toBe('user');
    expect(read.value.manifest.files.map((f) => f.name)).toEqual(
      expect.arrayContaining([
        'report.json',
        'report.html',
        'evidence/tcp/tcp.connect@direct.txt',
        'evidence/rdp/rdp.negotiate@direct.txt',
      ]),
    );
    const html = await bundleText(path);
    expect(html).toContain('Content-Security-Policy');
  });

  it('masks equal values equally in two bundles made with one key, and says so in the manifest', async () => {
    const options = { force: false, redaction: { ...FULL_REDACTION, key: KEY } };
    for (const [name, redaction] of [
      ['home.zip', options.redaction],
      ['office.zip', options.redaction],
      ['once.zip', FULL_REDACTION],
    ] as const) {
      const written = await writeBundle(sensitiveReport(), { ...options, redaction, path: join(dir, name) });
      expect(written.kind).toBe('ok');
    }
    const [home, office, once] = await Promise.all(
      ['home.zip', 'office.zip', 'once.zip'].map((n) => readBundle(join(dir, n))),
    );
    if (home?.kind !== 'ok' || office?.kind !== 'ok' || once?.kind !== 'ok') throw new Error('unreadable bundle');
    expect(office.value.report.target.host).toBe(home.value.report.target.host);
    expect(office.value.manifest.redaction.keyId).toBe(home.value.manifest.redaction.keyId);
    expect(once.value.report.target.host).not.toBe(home.value.report.target.host);
    expect(once.value.manifest.redaction).toMatchObject({ key: 'one-off' });
    expect(once.value.manifest.redaction.keyId).not.toBe(home.value.manifest.redaction.keyId);
  });

  it('leaves no sensitive value and no secret in any member, evidence files included', async () => {
    const path = join(dir, 'redacted.zip');
    const evidenceFiles = [
      {
        name: 'commands/ipconfig.txt',
        content: `Host Name . . : ${hostname()}\nUser: C:\\Users\\alice\nPhysical Address: 00-15-5D-01-02-03\nIPv4: 192.168.1.23\nDNS: 10.20.30.40\nproxy http://alice:S3cretPass@proxy.contoso-corp.com:8080\n`,
      },
      { name: 'rdp/certificate.pem', content: '-----BEGIN CERTIFICATE-----\nMIIBmyvm\n-----END CERTIFICATE-----\n' },
      { name: 'processes.txt', content: 'alice  1234  mstsc.exe /v:myvm.westeurope.cloudapp.azure.com\n' },
    ];
    const written = await writeBundle(sensitiveReport(), {
      path,
      force: false,
      redaction: FULL_REDACTION,
      evidenceFiles,
    });
    if (written.kind === 'err') throw new Error(written.error.message);
    const text = (await bundleText(path)).toLowerCase();
    const leaked = [...SENSITIVE_VALUES, ...SECRET_VALUES, '00-15-5d-01-02-03', 'mstsc.exe', hostname()].filter((v) =>
      text.includes(v.toLowerCase()),
    );
    expect(leaked).toEqual([]);
    expect(text).toContain('evidence/commands/ipconfig.txt');
    expect(text).not.toContain('evidence/processes.txt');
  });

  it('keeps chosen values but never secrets when nothing is masked', async () => {
    const path = join(dir, 'plain.zip');
    const written = await writeBundle(sensitiveReport(), { path, force: false, redaction: NO_REDACTION });
    expect(written.kind).toBe('ok');
    const text = await bundleText(path);
    expect(SECRET_VALUES.filter((v) => text.includes(v))).toEqual([]);
    expect(text).toContain('20.50.60.70');
    expect(text).toContain('myvm.westeurope.cloudapp.azure.com');
  });

  it('readReportOrBundle reads both a bundle and a JSON report', async () => {
    const json = join(dir, 'report.json');
    await writeFile(json, JSON.stringify(report));
    const fromJson = await readReportOrBundle(json);
    expect(fromJson.kind === 'ok' && fromJson.value.kind).toBe('report-json');
    expect(fromJson.kind === 'ok' && fromJson.value.report).toEqual(report);
    const fromZip = await readReportOrBundle(join(dir, 'probe.zip'));
    expect(fromZip.kind === 'ok' && fromZip.value.kind).toBe('bundle');
    const names = await readdir(dir);
    expect(names.filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });
});
