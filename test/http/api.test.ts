import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Route } from '#shared/domain/vocabulary.ts';
import { OverbrugClient } from '../support/api-client.ts';
import { sampleBody, SAMPLE_ROUTES } from '../support/samples.ts';
import { startTarget, type Target } from '../support/target.ts';

// The API over HTTP only, so it runs against the local stack in `npm test` and against a deployed
// stack in `npm run test:remote` (TEST_BASE_URL and a Cognito test user). What needs the local
// emulators (the mailbox, the tables) is in test/integration.

let target: Target;
let api: OverbrugClient;
beforeAll(async () => {
  target = await startTarget();
  api = new OverbrugClient(target.baseUrl, target.auth);
});
afterAll(() => target?.stop());

/** A client reference of its own per run, so runs against a shared deployment do not meet. */
async function sample(route: Route): Promise<Record<string, any>> {
  const body = (await sampleBody(route)) as Record<string, any>;
  body.client.ref = `http-${route}-${crypto.randomUUID().slice(0, 8)}`;
  return body;
}

describe(`the Overbrug API (${process.env.TEST_BASE_URL ? 'deployed' : 'local'})`, () => {
  it('answers GET /health without a token', async () => {
    const response = await fetch(`${target.baseUrl}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'ok', service: 'overbrug' });
  });

  it.each(SAMPLE_ROUTES)('accepts the %s sample and triages it onto its route', async (route) => {
    const { status, json, headers } = await api.submit(await sample(route));
    expect(status).toBe(202);
    expect(headers.get('location')).toBe(`/referrals/${json.referralId}`);
    const triaged = await api.waitForStatus(json.referralId, ['triaged', 'matched', 'notified', 'crisis-handed-off', 'flagged-for-region'], 30_000);
    expect(triaged.triage?.route).toBe(route);
  });

  it('answers a resubmission with the same Idempotency-Key with the same referral, and another referral under it with 409', async () => {
    const key = crypto.randomUUID();
    const body = await sample('basic-ggz');
    const first = await api.submit(body, { 'idempotency-key': key });
    const again = await api.submit(body, { 'idempotency-key': key });
    expect(again.status).toBe(202);
    expect(again.json.referralId).toBe(first.json.referralId);
    const other = await api.submit({ ...(await sample('advice-only')), referrer: body.referrer }, { 'idempotency-key': key });
    expect(other.status).toBe(409);
    expect(other.json.type).toBe('/problems/idempotency-key-reused');
  });

  it('refuses invalid input with problem details listing every failing field', async () => {
    const body = await sample('combined');
    body.client.postcode = '1234AB';
    body.intake.domains = [{ domain: 'hobbies', need: 'some', helpFrom: 'professional' }];
    const { status, headers, json } = await api.submit(body);
    expect(status).toBe(400);
    expect(headers.get('content-type')).toBe('application/problem+json');
    expect(json.errors.map((error: { path: string }) => error.path).sort()).toEqual(['client.postcode', 'intake.domains.0.domain']);
  });

  it('answers 404 problem details for a referral that does not exist', async () => {
    const { status, json } = await api.get(crypto.randomUUID());
    expect(status).toBe(404);
    expect(json).toMatchObject({ status: 404, type: '/problems/not-found' });
  });

  it('refuses a request without a token', async () => {
    const response = await fetch(`${target.baseUrl}/referrals`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(await sample('combined')),
    });
    expect(response.status).toBe(401);
  });
});
