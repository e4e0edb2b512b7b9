import type { AccessToken, GetTokenOptions, TokenCredential } from '@azure/identity';

/** The fake token `StaticTokenCredential` hands out unless told otherwise. */
export const STATIC_TEST_TOKEN = 'rdp-probe-test-token';

/**
 * A credential that returns a fixed fake bearer token (valid for an hour) and counts its calls, so tests
 * can drive the real SDK clients against the ARM emulator without any identity service.
 */
export class StaticTokenCredential implements TokenCredential {
  /** How many times a token was asked for. */
  calls = 0;
  /** The scopes of every call, in order. */
  readonly scopes: (string | string[])[] = [];

  constructor(private readonly token: string = STATIC_TEST_TOKEN) {}

  async getToken(scopes: string | string[], _options?: GetTokenOptions): Promise<AccessToken> {
    this.calls += 1;
    this.scopes.push(scopes);
    return { token: this.token, expiresOnTimestamp: Date.now() + 3_600_000, tokenType: 'Bearer' };
  }
}
