import { DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Route } from '#shared/domain/vocabulary.ts';
import { mailbox, notificationIdOf, notificationKindOf, OverbrugClient } from '../support/api-client.ts';
import { startStackProcess, type StackProcess } from '#local/child-process.ts';
import { sampleBody, SAMPLE_ROUTES } from '../support/samples.ts';

let stack: StackProcess;
let api: OverbrugClient;

beforeAll(async () => {
  // Every function warm, as `npm start` leaves them: the README example's 5 seconds include no cold start.
  stack = await startStackProcess({ warm: 'all' });
  api = await OverbrugClient.local(stack.endpoints);
});
afterAll(() => stack?.stop());

const EXPECTED: Record<Route, { status: string; notifications: string[] }> = {
  crisis: { status: 'crisis-handed-off', notifications: ['crisis-service', 'referrer-crisis'] },
  'specialised-ggz': { status: 'notified', notifications: ['contact-person', 'bridging-partner'] },
  'basic-ggz': { status: 'notified', notifications: ['contact-person', 'bridging-partner'] },
  'social-domain': { status: 'notified', notifications: ['contact-person'] },
  // The combined sample (the README's) gives the client's e-mail and consent to the client letter by e-mail.
  combined: { status: 'notified', notifications: ['contact-person', 'bridging-partner', 'client-letter'] },
  'advice-only': { status: 'notified', notifications: ['contact-person'] },
};

async function storedReferralCount(): Promise<number> {
  const client = new DynamoDBClient({
    endpoint: stack.endpoints.dynamodb,
    region: 'eu-central-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
  const { Count } = await client.send(new ScanCommand({ TableName: 'overbrug-local-referrals', Select: 'COUNT' }));
  return Count ?? 0;
}

/** Messages submit-referral sent to the triage queue, as the local runtime counts them. */
async function triageMessagesSent(): Promise<number> {
  const usage = (await (await fetch(`${stack.endpoints.api}/_local/usage`)).json()) as {
    functions: Record<string, { calls: Record<string, number> }>;
  };
  return usage.functions['submit-referral']!.calls['SQS SendMessage overbrug-local-triage'] ?? 0;
}

describe('the local stack over HTTP', () => {
  it('answers GET /health once every local service is ready', async () => {
    const response = await fetch(`${stack.endpoints.api}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'ok', stage: 'local' });
  });

  it('runs the README example: notified within 5 seconds, the e-mail in the local mailbox', async () => {
    const started = Date.now();
    const { status, json } = await api.submit(await sampleBody('combined'));
    expect(status).toBe(202);
    expect(json).toEqual({ referralId: expect.any(String), caseNumber: expect.stringMatching(/^RV-\d{4}-\d{5}$/), status: 'received' });
    const done = await api.waitForStatus(json.referralId, ['notified'], 5_000);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(done.triage?.route).toBe('combined');
    expect(done.contactPerson).not.toBeNull();
    expect(done.matches.filter((match) => match.kind === 'bridging')).toHaveLength(1);
    const mail = (await mailbox(stack.endpoints.mailbox)).find((email) => notificationIdOf(email)?.startsWith(`${json.referralId}:contact-person:`));
    expect(mail?.subject).toContain('nieuwe cliënt');
  });

  it.each(SAMPLE_ROUTES)('takes the %s sample to its final status with the right e-mails', async (route) => {
    const { json } = await api.submit(await sampleBody(route));
    const done = await api.waitForStatus(json.referralId);
    expect(done.status).toBe(EXPECTED[route].status);
    expect(done.triage?.route).toBe(route);
    expect(done.notifications.map((notification) => notification.kind)).toEqual(EXPECTED[route].notifications);
    const sent = (await mailbox(stack.endpoints.mailbox)).filter((email) => notificationIdOf(email)?.startsWith(json.referralId));
    expect(sent.map(notificationKindOf).sort()).toEqual([...EXPECTED[route].notifications].sort());
  });

  it('answers an idempotent resubmission with the same referral, and a reused key with 409', async () => {
    const key = crypto.randomUUID();
    const body = await sampleBody('basic-ggz');
    const first = await api.submit(body, { 'Idempotency-Key': key });
    const count = await storedReferralCount();
    const again = await api.submit(body, { 'Idempotency-Key': key });
    expect(again.status).toBe(202);
    expect(again.json.referralId).toBe(first.json.referralId);
    expect(await storedReferralCount()).toBe(count);
    const other = await api.submit({ ...(await sampleBody('advice-only')), referrer: body.referrer }, { 'Idempotency-Key': key });
    expect(other.status).toBe(409);
    expect(other.headers.get('content-type')).toBe('application/problem+json');
    expect(await storedReferralCount()).toBe(count);
  });

  it('refuses invalid input with problem details, storing and enqueueing nothing', async () => {
    const count = await storedReferralCount();
    const enqueued = await triageMessagesSent();
    const body = await sampleBody('combined');
    (body.client as Record<string, unknown>).postcode = '1234AB';
    const cases = [body, '{"referrer":', { hello: 'world' }];
    for (const input of cases) {
      const { status, headers, json } = await api.submit(input);
      expect(status).toBe(400);
      expect(headers.get('content-type')).toBe('application/problem+json');
      expect(json.errors.length).toBeGreaterThan(0);
    }
    expect(await storedReferralCount()).toBe(count);
    expect(await triageMessagesSent()).toBe(enqueued);
  });

  it('answers 404 problem details for an unknown referral', async () => {
    const { status, json } = await api.get(crypto.randomUUID());
    expect(status).toBe(404);
    expect(json).toMatchObject({ status: 404, type: '/problems/not-found' });
  });
});
