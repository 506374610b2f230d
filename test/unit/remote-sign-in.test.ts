import { describe, expect, it } from 'vitest';
import { totp } from '../support/target.ts';

describe('the TOTP of the remote test user', () => {
  it('matches the RFC 6238 test vector', () => {
    // Secret "12345678901234567890" in base32; at 59 s the 8-digit code is 94287082.
    expect(totp('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 59_000)).toBe('287082');
  });
});
