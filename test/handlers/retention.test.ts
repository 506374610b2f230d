import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context, ScheduledEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_DELETE_AFTER_DAYS, DEFAULT_PSEUDONYMISE_AFTER_DAYS } from '#shared/regions/index.ts';
import { lambdaContext, startEmulatedAws, type EmulatedAws } from '../support/emulated-aws.ts';
import { readEvent, sampleBody } from '../support/samples.ts';

type HttpHandler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;

let aws: EmulatedAws;
let submit: HttpHandler;
let get: HttpHandler;
let retention: (event: ScheduledEvent, context: Context) => Promise<{ pseudonymised: number; deleted: number }>;
const postTemplate = await readEvent<APIGatewayProxyEventV2>('api/post-referrals.json');
const getTemplate = await readEvent<APIGatewayProxyEventV2>('api/get-referral.json');
const scheduled = await readEvent<ScheduledEvent>('scheduled/retention.json');
const DAY = 24 * 60 * 60 * 1000;

beforeAll(async () => {
  aws = await startEmulatedAws();
  aws.wire('submit-referral', 'get-referral', 'retention');
  submit = (await import('#functions/submit-referral/handler.ts')).handler;
  get = (await import('#functions/get-referral/handler.ts')).handler;
  retention = (await import('#functions/retention/handler.ts')).handler;
});
afterAll(() => aws.close());

const runAt = (at: Date) => retention({ ...scheduled, time: at.toISOString() }, lambdaContext('retention'));
const stored = async (referralId: string) =>
  (await aws.document.send(new GetCommand({ TableName: aws.tableNames.referrals, Key: { referralId }, ConsistentRead: true }))).Item;
const storedContact = async (referralId: string) =>
  (await aws.document.send(new GetCommand({ TableName: aws.tableNames['client-contacts'], Key: { referralId }, ConsistentRead: true }))).Item;

/** A referral closed `daysAgo` days ago (the case work itself is the lifecycle tests' business). */
async function closedCase(daysAgo: number): Promise<{ referralId: string; body: Record<string, any> }> {
  const body = await sampleBody('combined');
  const response = await submit(await aws.signedIn({ ...postTemplate, body: JSON.stringify(body) }, 'poh-delinde'), lambdaContext('submit-referral'));
  const { referralId } = JSON.parse(response.body as string);
  const closedAt = new Date(Date.now() - daysAgo * DAY).toISOString();
  await aws.document.send(
    new UpdateCommand({
      TableName: aws.tableNames.referrals,
      Key: { referralId },
      UpdateExpression: 'SET #status = :closed, statusChangedAt = :at, closedAt = :at, timeline = list_append(timeline, :entry)',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':closed': 'closed', ':at': closedAt, ':entry': [{ event: 'closed', at: closedAt, by: 'user-x', detail: `Mevrouw ${body.client.ref} verhuisd` }] },
    }),
  );
  return { referralId, body };
}

describe('retention handler', () => {
  it('pseudonymises a case closed longer ago than the retention period, once, keeping what the statistics count', async () => {
    const old = await closedCase(DEFAULT_PSEUDONYMISE_AFTER_DAYS + 1);
    const recent = await closedCase(30);
    expect(await storedContact(old.referralId)).toBeDefined();
    expect((await runAt(new Date())).pseudonymised).toBe(1);
    expect((await runAt(new Date())).pseudonymised).toBe(0);

    const item = (await stored(old.referralId))!;
    expect(Object.keys(item).sort()).toEqual(
      // The case number stays: it names no one, and the statistics' list and the timeline refer to it.
      ['caseNumber', 'caseSequence', 'createdAt', 'closedAt', 'expiresAt', 'pseudonymisedAt', 'referralId', 'referrerOrganisationId', 'regionId', 'stats', 'status', 'statusChangedAt', 'timeline', 'triage'].sort(),
    );
    // The triage keeps its route and reasons in functional words, not the clinical notes.
    expect(item.triage).toMatchObject({ route: expect.any(String), clinicalNotes: [] });
    // How to reach the client went with the rest of the client details; the recent case keeps its own.
    expect(await storedContact(old.referralId)).toBeUndefined();
    expect((await storedContact(recent.referralId))?.contact.email).toBe(recent.body.client.contact.email);
    expect(item.stats).toMatchObject({ gemeente: 'Rivierstad', ageBand: '26-44', onGgzWaitlist: true });
    const text = JSON.stringify(item);
    for (const secret of [old.body.client.ref, old.body.intake.story.whatHappened, String(old.body.client.birthYear), old.body.client.contact.email]) {
      expect(text).not.toContain(secret);
    }
    expect(item.expiresAt).toBeGreaterThan(Date.now() / 1000 + (DEFAULT_DELETE_AFTER_DAYS - 1) * 86_400);
    // The recent one is untouched.
    expect((await stored(recent.referralId))!.client.ref).toBe(recent.body.client.ref);

    // The referrer no longer sees a client record there.
    const read = await get(await aws.signedIn({ ...getTemplate, pathParameters: { referralId: old.referralId } }, 'poh-delinde'), lambdaContext('get-referral'));
    expect(read.statusCode).toBe(410);
  });

  it('deletes what is left once the second period passed, as TTL would', async () => {
    const { referralId } = await closedCase(DEFAULT_PSEUDONYMISE_AFTER_DAYS + 1);
    await runAt(new Date());
    expect(await stored(referralId)).toBeDefined();
    const later = await runAt(new Date(Date.now() + (DEFAULT_DELETE_AFTER_DAYS + 1) * DAY));
    expect(later.deleted).toBeGreaterThanOrEqual(1);
    expect(await stored(referralId)).toBeUndefined();
  });
});
