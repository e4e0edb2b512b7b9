import { describe, expect, it } from 'vitest';
import { pathWithAzureCli } from '../../../src/node/azure/live/az-path.js';

describe('pathWithAzureCli', () => {
  it("adds Homebrew's folders to a macOS GUI app's PATH, once", () => {
    expect(pathWithAzureCli('/usr/bin:/bin:/usr/sbin:/sbin', 'darwin')).toBe(
      '/usr/bin:/bin:/usr/sbin:/sbin:/opt/homebrew/bin:/usr/local/bin',
    );
    expect(pathWithAzureCli('/opt/homebrew/bin:/usr/local/bin:/usr/bin', 'darwin')).toBe(
      '/opt/homebrew/bin:/usr/local/bin:/usr/bin',
    );
  });

  it('leaves other systems alone', () => {
    expect(pathWithAzureCli('/usr/bin', 'linux')).toBe('/usr/bin');
    expect(pathWithAzureCli(undefined, 'win32')).toBeUndefined();
  });
});
