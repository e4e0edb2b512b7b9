import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createRedactor } from '../../../../src/core/bundle/create-redactor.js';
import { redactReport } from '../../../../src/core/bundle/redact-report.js';
import { FULL_REDACTION, NO_REDACTION } from '../../../../src/core/bundle/redaction-categories.js';
import { RedactionOptionsSchema } from '../../../../src/core/bundle/redaction-options.js';
import { ReportSchema } from '../../../../src/core/report-schema.js';
import { SECRET_VALUES, SENSITIVE_VALUES, sensitiveReport } from '../../../support/bundle-report.js';

const hmac = (key: string) => (value: string) => createHmac('sha256', key).update(value).digest('hex');
const known = { userNames: ['alice'], hostNames: ['ws-alice-01'] };

function leaks(text: string, values: readonly string[]): string[] {
  const lower = text.toLowerCase();
  return values.filter((v) => lower.includes(v.toLowerCase()));
}

describe('redactReport', () => {
  it('masks a bound path’s local address and the route’s addresses, keeping the path id valid', () => {
    const report = sensitiveReport();
    const route = {
      id: 'route.path' as const,
      path: 'bind:198.18.31.1',
      title: 'route',
      status: 'info' as const,
      summary: 'Traffic to 20.50.60.70 leaves through wg0, from 198.18.31.1.',
      startedAt: report.run.startedAt,
      durationMs: 1,
      evidence: {
        kind: 'route.path' as const,
        os: 'linux' as const,
        destination: '20.50.60.70',
        lookup: { command: 'ip -j route get 20.50.60.70', outcome: 'read' as const, message: null },
        outcome: 'route' as const,
        route: {
          interface: 'wg0',
          gateway: '198.18.31.2',
          source: '198.18.31.1',
          type: null,
          mtu: 1420,
          description: null,
        },
        vpn: { name: 'wg0', why: 'WireGuard creates it', agent: 'WireGuard' },
        vpnInterfaces: [{ name: 'wg0', why: 'WireGuard creates it', agent: 'WireGuard' }],
        interfaces: ['lo', 'wg0'],
      },
    };
    const out = redactReport({ ...report, checks: [...report.checks, route] }, FULL_REDACTION, hmac('k1'), known);
    const masked = out.checks.at(-1);
    expect(masked?.path).toMatch(/^bind:ipv4-private-[0-9a-f]{8}$/);
    expect(JSON.stringify(masked)).not.toMatch(/198\.18\.31|20\.50\.60\.70/);
    expect(masked?.evidence).toMatchObject({ route: { interface: 'wg0', mtu: 1420 } });
  });

  it('masks every sensitive value: none of the originals is in the serialised report', () => {
    const out = JSON.stringify(redactReport(sensitiveReport(), FULL_REDACTION, hmac('k1'), known));
    expect(leaks(out, [...SENSITIVE_VALUES, ...SECRET_VALUES])).toEqual([]);
  });

  it('removes credentials and tokens even when nothing is masked', () => {
    const out = JSON.stringify(redactReport(sensitiveReport(), NO_REDACTION, hmac('k1')));
    expect(leaks(out, SECRET_VALUES)).toEqual([]);
    expect(out).toContain('http://***@proxy.contoso-corp.com:8080');
    expect(out).toContain('Cookie: msts=[removed]');
    // Nothing else changed: the values the user chose to keep are still there.
    expect(out).toContain('20.50.60.70');
    expect(out).toContain('myvm.westeurope.cloudapp.azure.com');
  });

  it('keeps the report valid and its structure: enums, timestamps, hashes untouched', () => {
    const report = sensitiveReport();
    const out = redactReport(report, FULL_REDACTION, hmac('k1'), known);
    expect(ReportSchema.safeParse(out).success).toBe(true);
    expect(out.checks.map((c) => [c.id, c.status, c.startedAt])).toEqual(
      report.checks.map((c) => [c.id, c.status, c.startedAt]),
    );
    expect(out.target.hostKind).toBe('hostname');
    expect(out.checks[3]?.path).toMatch(/^proxy:proxy-[0-9a-f]{8}$/);
    expect(out.findings[0]?.evidence[0]?.check).toBe(`tcp.connect@${out.checks[3]?.path}`);
  });

  it('gives one value one mask everywhere, and keeps its kind, family and scope visible', () => {
    const out = redactReport(sensitiveReport(), FULL_REDACTION, hmac('k1'), known);
    const ip = out.checks[0]?.evidence?.kind === 'dns.os' ? out.checks[0].evidence.addresses : [];
    expect(ip[0]?.address).toMatch(/^ipv4-public-[0-9a-f]{8}$/);
    expect(ip[1]?.address).toMatch(/^ipv6-public-[0-9a-f]{8}$/);
    expect(out.options.nameservers[0]).toMatch(/^ipv4-private-[0-9a-f]{8}$/);
    expect(out.options.expectIp).toBe(ip[0]?.address);
    expect(out.verdict.summary).toContain(ip[0]?.address);
    expect(out.target.host).toMatch(/^host-[0-9a-f]{8}\.westeurope\.cloudapp\.azure\.com$/);
    expect(out.findings[0]?.remedy.steps[0]?.command).toMatch(/--subscription subscription-[0-9a-f]{8} /);
    expect(out.findings[0]?.remedy.steps[1]?.command).toMatch(/--tenant tenant-[0-9a-f]{8}$/);
    expect(out.target.rdpFile?.path).toMatch(/^C:\\Users\\user-[0-9a-f]{8}\\Desktop\\/);
    expect(out.checks[3]?.summary).toMatch(/adapter mac-[0-9a-f]{8} \(ipv6-private-[0-9a-f]{8}\)/);
  });

  it('gives the same masks under the same key and different ones under another (compare across bundles)', () => {
    const a = redactReport(sensitiveReport(), FULL_REDACTION, hmac('shared-key'), known);
    const b = redactReport(sensitiveReport(), FULL_REDACTION, hmac('shared-key'), known);
    const c = redactReport(sensitiveReport(), FULL_REDACTION, hmac('other-key'), known);
    expect(b.target.host).toBe(a.target.host);
    expect(c.target.host).not.toBe(a.target.host);
  });

  it('masks only the categories asked for', () => {
    const options = RedactionOptionsSchema.parse({ publicIps: true });
    const out = JSON.stringify(redactReport(sensitiveReport(), options, hmac('k1')));
    expect(out).not.toContain('20.50.60.70');
    expect(out).toContain('10.20.30.40');
    expect(out).toContain('myvm.westeurope.cloudapp.azure.com');
    expect(out).toContain('0b1f6471-1bf0-4dda-aec3-cb9272f09590');
  });

  it('leaves addresses that identify no one readable (loopback, Azure DNS)', () => {
    const redact = createRedactor(sensitiveReport(), FULL_REDACTION, hmac('k1'));
    expect(redact('127.0.0.1 and ::1 and 168.63.129.16, but not 52.1.2.3')).toMatch(
      /^127\.0\.0\.1 and ::1 and 168\.63\.129\.16, but not ipv4-public-[0-9a-f]{8}$/,
    );
    expect(redact('at 10:00:00.000Z, version 10.0.20348.1')).toBe('at 10:00:00.000Z, version 10.0.20348.1');
  });

  it('removes PEM certificates from evidence text when names or addresses are masked', () => {
    const redact = createRedactor(sensitiveReport(), FULL_REDACTION, hmac('k1'));
    const pem = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----';
    expect(redact(`cert:\n${pem}\n`)).toBe('cert:\n[certificate removed: it names the host]\n');
    expect(createRedactor(sensitiveReport(), NO_REDACTION, hmac('k1'))(pem)).toBe(pem);
  });
});
