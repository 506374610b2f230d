import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { looksLikeBsn } from '#shared/domain/referral.ts';
import { parseReferralRequest } from '#shared/http/referral-request.ts';
import { readEvent, sampleBody, SAMPLE_ROUTES } from '../support/samples.ts';

const template = await readEvent<APIGatewayProxyEventV2>('api/post-referrals.json');

function event(body: unknown, headers: Record<string, string> = {}): APIGatewayProxyEventV2 {
  return { ...template, headers: { ...template.headers, ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) };
}

function problemOf(result: ReturnType<typeof parseReferralRequest>) {
  if (result.ok) throw new Error('expected a refusal');
  return { status: result.response.statusCode, headers: result.response.headers, body: JSON.parse(result.response.body as string) };
}

describe('POST /referrals request validation', () => {
  it.each(SAMPLE_ROUTES)('accepts the %s sample', async (route) => {
    const result = parseReferralRequest(event(await sampleBody(route)));
    expect(result.ok).toBe(true);
  });

  it('spells the gemeente as the region does', async () => {
    const body = await sampleBody('combined');
    (body.client as Record<string, unknown>).gemeente = '  rivierSTAD ';
    const result = parseReferralRequest(event(body));
    expect(result.ok && result.request.client.gemeente).toBe('Rivierstad');
  });

  it('reports every failing field at once as RFC 9457 problem details', async () => {
    const body = await sampleBody('combined');
    const client = body.client as Record<string, unknown>;
    client.postcode = '99021';
    client.channels = ['fax'];
    (body.intake as Record<string, unknown>).domains = [{ domain: 'hobbies', need: 'lots', helpFrom: 'professional' }];
    delete (body.consent as Record<string, unknown>).shareDiagnosis;
    const problem = problemOf(parseReferralRequest(event(body)));
    expect(problem.status).toBe(400);
    expect(problem.headers?.['content-type']).toBe('application/problem+json');
    expect(problem.body).toMatchObject({ type: '/problems/invalid-referral', title: 'Invalid referral', status: 400 });
    expect(problem.body.errors.map((error: { path: string }) => error.path).sort()).toEqual(
      ['client.channels.0', 'client.postcode', 'consent.shareDiagnosis', 'intake.domains.0.domain', 'intake.domains.0.need'].sort(),
    );
  });

  it('explains a refused field in words where the contract sets no message of its own (zod/mini gets zod English messages)', async () => {
    // zod/mini alone answers a bare "Invalid input"; shared/domain/zod.ts gives it the messages the full API had.
    const body = await sampleBody('combined');
    delete body.referrer;
    (body.client as Record<string, unknown>).languages = Array.from({ length: 11 }, () => 'nl');
    (body.consent as Record<string, unknown>).shareWithPartners = 'ja';
    const { errors } = problemOf(parseReferralRequest(event(body))).body as { errors: { path: string; message: string }[] };
    expect(errors).toEqual(
      expect.arrayContaining([
        { path: 'referrer', message: 'Invalid input: expected object, received undefined' },
        { path: 'client.languages', message: 'Too big: expected array to have <=10 items' },
        { path: 'consent.shareWithPartners', message: 'Invalid input: expected boolean, received string' },
      ]),
    );
  });

  describe('a waiting date', () => {
    afterEach(() => vi.useRealTimers());

    it('of today is taken as the Dutch calendar has it: just after midnight in Amsterdam, not yet in UTC', async () => {
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(new Date('2026-12-07T23:30:00Z'));
      const waitingSince = async (since: string) => {
        const body = await sampleBody('combined');
        body.waiting = { onGgzWaitlist: true, since, provider: 'GGZ Voorbeeld' };
        return parseReferralRequest(event(body));
      };
      expect((await waitingSince('2026-12-08')).ok).toBe(true);
      const tomorrow = problemOf(await waitingSince('2026-12-09'));
      expect(tomorrow.status).toBe(400);
      expect(JSON.stringify(tomorrow.body)).toContain('Must not be in the future');
    });
  });

  it('refuses fields outside the contract, such as a name or a BSN', async () => {
    const body = await sampleBody('combined');
    (body.client as Record<string, unknown>).name = 'Jan Jansen';
    (body as Record<string, unknown>).bsn = '111222333';
    const problem = problemOf(parseReferralRequest(event(body)));
    expect(problem.body.errors).toEqual(
      expect.arrayContaining([
        { path: 'client.name', message: expect.stringContaining('Unknown field') },
        { path: 'bsn', message: expect.stringContaining('Unknown field') },
      ]),
    );
  });

  it('refuses a client reference that is a valid BSN', async () => {
    expect(looksLikeBsn('111222333')).toBe(true);
    expect(looksLikeBsn('123456789')).toBe(false);
    const body = await sampleBody('combined');
    (body.client as Record<string, unknown>).ref = '111222333';
    expect(problemOf(parseReferralRequest(event(body))).body.errors).toEqual([{ path: 'client.ref', message: expect.stringContaining('BSN') }]);
  });

  it('refuses duplicate domains, control characters and broken Unicode', async () => {
    const body = await sampleBody('combined');
    const intake = body.intake as { domains: unknown[]; story: Record<string, string> };
    intake.domains.push({ domain: 'finances', need: 'some', helpFrom: 'network' });
    intake.story.goals = 'stop\u0007';
    intake.story.needs = 'half a pair \ud800';
    const paths = problemOf(parseReferralRequest(event(body))).body.errors.map((error: { path: string }) => error.path);
    expect(paths.sort()).toEqual(['intake.domains.4', 'intake.story.goals', 'intake.story.needs'].sort());
  });

  it('answers 400 for a body that is not JSON, 415 for another content type and 413 above the size limit', async () => {
    expect(problemOf(parseReferralRequest(event('{"referrer":'))).status).toBe(400);
    expect(problemOf(parseReferralRequest(event(await sampleBody('combined'), { 'content-type': 'text/plain' }))).status).toBe(415);
    const huge = await sampleBody('combined');
    (huge.intake as { story: Record<string, string> }).story.whatHappened = 'x'.repeat(70_000);
    expect(problemOf(parseReferralRequest(event(huge))).status).toBe(413);
  });

  it('lists an unserved gemeente together with the other failing fields', async () => {
    const body = await sampleBody('combined');
    (body.client as Record<string, unknown>).gemeente = 'Amsterdam';
    (body.client as Record<string, unknown>).postcode = 'x';
    const paths = problemOf(parseReferralRequest(event(body))).body.errors.map((error: { path: string }) => error.path);
    expect(paths.sort()).toEqual(['client.gemeente', 'client.postcode']);
  });

  it('refuses a gemeente this instance does not serve, naming the ones it does', async () => {
    const body = await sampleBody('combined');
    (body.client as Record<string, unknown>).gemeente = 'Amsterdam';
    const problem = problemOf(parseReferralRequest(event(body)));
    expect(problem.body.errors).toEqual([{ path: 'client.gemeente', message: expect.stringContaining('Rivierstad') }]);
  });

  it('refuses an Idempotency-Key that is not plain visible ASCII', async () => {
    const problem = problemOf(parseReferralRequest(event(await sampleBody('combined'), { 'idempotency-key': 'sleutel met spaties' })));
    expect(problem.body.errors[0].path).toBe('Idempotency-Key');
  });
});
