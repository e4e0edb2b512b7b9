import { describe, expect, it } from 'vitest';
import { evidenceMemberName, unsafeMemberName } from '../../../../src/core/bundle/member-name.js';
import { parseManifest } from '../../../../src/core/bundle/parse-manifest.js';
import { parseRedactionList, redactedCategories } from '../../../../src/core/bundle/redaction-categories.js';

describe('unsafeMemberName', () => {
  it.each([
    ['../evil', 'climbs out of the bundle (path traversal with ..)'],
    ['evidence/../../evil', 'climbs out of the bundle (path traversal with ..)'],
    ['/etc/passwd', 'is an absolute path'],
    ['evidence\\..\\evil', 'uses backslashes (a Windows path)'],
    ['C:evil', 'starts with a drive letter'],
    ['c:/Windows/evil', 'starts with a drive letter'],
    ['evidence//x', 'has an empty or "." path segment'],
    ['./x', 'has an empty or "." path segment'],
    ['a\u0000b', 'has control characters in its name'],
    ['', 'has an empty name'],
  ])('refuses %j', (name, why) => {
    expect(unsafeMemberName(name)).toBe(why);
  });

  it.each(['report.json', 'evidence/dns/dns.fresh@direct.txt', 'evidence/'])('accepts %j', (name) => {
    expect(unsafeMemberName(name)).toBeNull();
  });

  it('keeps evidence names under evidence/ with plain characters', () => {
    expect(evidenceMemberName('tcp/tcp.connect@proxy:http://p:8080.txt')).toBe(
      'evidence/tcp/tcp.connect@proxy_http_/p_8080.txt',
    );
  });
});

describe('parseRedactionList', () => {
  it('parses category names, all and none', () => {
    const some = parseRedactionList('host-names, public-ips');
    expect(some.kind === 'ok' && redactedCategories(some.value)).toEqual(['host-names', 'public-ips']);
    const all = parseRedactionList('all', 'a-long-key');
    expect(all.kind === 'ok' && redactedCategories(all.value).length).toBe(9);
    expect(all.kind === 'ok' && all.value.key).toBe('a-long-key');
    const none = parseRedactionList('none');
    expect(none.kind === 'ok' && redactedCategories(none.value)).toEqual([]);
  });

  it('names an unknown category and a short key', () => {
    const bad = parseRedactionList('hostnames');
    expect(bad.kind === 'err' && bad.error.message).toMatch(
      /^--redact: "hostnames" is not a category; expected some of all, none, user-names/,
    );
    const short = parseRedactionList('all', 'abc');
    expect(short.kind === 'err' && short.error.message).toBe(
      '--redact-key: the key has 3 characters; expected 8 to 1024.',
    );
  });
});

describe('parseManifest', () => {
  it('refuses a newer bundle version with a message that says to update', () => {
    const result = parseManifest({ bundleSchemaVersion: 2 }, 'b.zip');
    expect(result.kind === 'err' && result.error.message).toBe(
      'b.zip is a bundle of version 2, made by a newer rdp-probe; this version reads bundle version 1: update rdp-probe.',
    );
  });

  it('names the first invalid field', () => {
    const result = parseManifest({ bundleSchemaVersion: 1, app: { name: 'x' } }, 'b.zip');
    expect(result.kind === 'err' && result.error.message).toMatch(
      /^b\.zip has an invalid manifest\.json: at app\.name, /,
    );
  });
});
