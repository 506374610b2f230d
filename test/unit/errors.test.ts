import { describe, expect, it } from 'vitest';
import { describeError, errorReason } from '#shared/errors.ts';
import { ReferralNotFoundError } from '#shared/pipeline/outcome.ts';

describe('what a log line may say about an error', () => {
  it('keeps an AWS SDK error to its name and status: its message can quote what was refused', () => {
    const error = Object.assign(new Error('Email address is not verified: jan@example.org'), {
      name: 'MessageRejected',
      $metadata: { httpStatusCode: 400, requestId: 'req-1' },
    });
    expect(describeError(error)).toEqual({ name: 'MessageRejected', httpStatusCode: 400, requestId: 'req-1' });
    expect(errorReason(error)).toBe('MessageRejected (HTTP 400)');
    expect(JSON.stringify(describeError(error))).not.toContain('jan@example.org');
  });

  it('drops the message of a JSON syntax error, which quotes the text it choked on', () => {
    let error: unknown;
    try {
      JSON.parse('{"story": "geheim verhaal"');
    } catch (caught) {
      error = caught;
    }
    expect(JSON.stringify(describeError(error))).not.toContain('geheim');
  });

  it('keeps the message of our own errors, which carry ids only', () => {
    expect(errorReason(new ReferralNotFoundError('r-1'))).toBe('ReferralNotFoundError: Referral r-1 does not exist');
  });
});
