import { GetCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drain, lambdaContext, startEmulatedAws, type EmulatedAws } from '../support/emulated-aws.ts';
import { readEvent, sampleBody, SAMPLE_REFERRER_ACCOUNT, SAMPLE_ROUTES } from '../support/samples.ts';

let aws: EmulatedAws;
let handler: (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;
const template = await readEvent<APIGatewayProxyEventV2>('api/post-referrals.json');

beforeAll(async () => {
  aws = await startEmulatedAws();
  aws.wire('submit-referral');
  ({ handler } = await import('#functions/submit-referral/handler.ts'));
});
afterAll(() => aws.close());

const post = async (body: unknown, headers: Record<string, string> = {}) => {
  const response = await handler(
    await aws.signedIn({ ...template, headers: { ...template.headers, ...headers }, body: JSON.stringify(body) }, 'poh-delinde'),
    lambdaContext('submit-referral'),
  );
  return { ...response, json: JSON.parse(response.body as string) };
};

async function storedIds(): Promise<string[]> {
  const { Items } = await aws.document.send(new ScanCommand({ TableName: aws.tableNames.referrals }));
  return (Items ?? []).map((item) => item.referralId as string);
}

describe('submit-referral handler', () => {
  it('accepts the sample event: stores the referral triaged and enqueues it for matching', async () => {
    const response = await handler(await aws.signedIn(template, 'poh-delinde'), lambdaContext('submit-referral'));
    expect(response.statusCode).toBe(202);
    const body = JSON.parse(response.body as string);
    expect(body).toEqual({ referralId: expect.stringMatching(/^[0-9a-f-]{36}$/), caseNumber: expect.stringMatching(/^RV-\d{4}-\d{5}$/), status: 'received' });
    expect(response.headers?.location).toBe(`/referrals/${body.referralId}`);
    expect(await storedIds()).toContain(body.referralId);
    const { Item } = await aws.document.send(new GetCommand({ TableName: aws.tableNames.referrals, Key: { referralId: body.referralId } }));
    expect(Item).toMatchObject({ status: 'triaged', triage: { route: expect.any(String) } });
    const messages = await drain(aws.sqs, aws.queues.match.url);
    expect(messages.map((message) => JSON.parse(message.Body!))).toContainEqual(
      expect.objectContaining({ referralId: body.referralId, origin: 'submit-referral' }),
    );
  });

  it.each(SAMPLE_ROUTES)('accepts the %s sample', async (route) => {
    const response = await post(await sampleBody(route));
    expect(response.statusCode).toBe(202);
    expect(response.json.crisis !== undefined).toBe(route === 'crisis');
  });

  it('tells the referrer of a crisis whom to call in the answer itself', async () => {
    const { json } = await post(await sampleBody('crisis'));
    expect(json.crisis.call.map((line: { name: string }) => line.name)).toEqual(
      expect.arrayContaining([expect.stringContaining('Crisisdienst'), '113 Zelfmoordpreventie']),
    );
  });

  it('stores and enqueues nothing for an invalid referral', async () => {
    const before = await storedIds();
    await drain(aws.sqs, aws.queues.match.url);
    const body = await sampleBody('combined');
    (body.client as Record<string, unknown>).birthYear = 'negentienhonderd';
    const response = await post(body);
    expect(response.statusCode).toBe(400);
    expect(response.headers?.['content-type']).toBe('application/problem+json');
    expect(response.json.errors).toEqual([{ path: 'client.birthYear', message: expect.any(String) }]);
    expect(await storedIds()).toEqual(before);
    expect(await drain(aws.sqs, aws.queues.match.url)).toEqual([]);
  });

  it('answers a repeated Idempotency-Key with the first answer and stores nothing new', async () => {
    const body = await sampleBody('basic-ggz');
    const key = crypto.randomUUID();
    const first = await post(body, { 'idempotency-key': key });
    const count = (await storedIds()).length;
    const again = await post(body, { 'idempotency-key': key });
    expect(first.statusCode).toBe(202);
    expect(again.statusCode).toBe(202);
    expect(again.json.referralId).toBe(first.json.referralId);
    expect((await storedIds()).length).toBe(count);
  });

  it('refuses the same Idempotency-Key with another referral with 409', async () => {
    const key = crypto.randomUUID();
    await post(await sampleBody('basic-ggz'), { 'idempotency-key': key });
    const count = (await storedIds()).length;
    // Keys are per submitter: the other referral comes from the same referrer.
    const other = { ...(await sampleBody('social-domain')), referrer: (await sampleBody('basic-ggz')).referrer };
    const conflict = await post(other, { 'idempotency-key': key });
    expect(conflict.statusCode).toBe(409);
    expect(conflict.json.type).toBe('/problems/idempotency-key-reused');
    expect((await storedIds()).length).toBe(count);
  });

  it('carries on where a crashed attempt with the same key stopped, storing nothing twice', async () => {
    const { submitReferral, IdempotencyKeyReusedError } = await import('#shared/pipeline/submit-referral.ts');
    const { ReferralStore } = await import('#shared/adapters/referral-store.ts');
    const { PipelineQueue } = await import('#shared/adapters/pipeline-queue.ts');
    const { SubmissionClaims, requestHash } = await import('#shared/adapters/submission-claims.ts');
    const { regionById } = await import('#shared/regions/index.ts');
    const { referrerOf } = await import('#shared/domain/referral.ts');
    const { normaliseReferral, ReferralRequestSchema } = await import('#shared/domain/referral-request.ts');
    const { OpenNeeds } = await import('#shared/adapters/open-needs.ts');
    const { ClientContacts } = await import('#shared/adapters/client-contacts.ts');
    const { CaseNumbers } = await import('#shared/adapters/case-numbers.ts');
    const claims = new SubmissionClaims(aws.document, aws.tableNames.idempotency, 86_400);
    const referrals = new ReferralStore(aws.document, aws.tableNames.referrals);
    const deps = {
      referrals,
      clientContacts: new ClientContacts(aws.document, aws.tableNames['client-contacts']),
      caseNumbers: new CaseNumbers(aws.document, aws.tableNames.idempotency),
      queue: new PipelineQueue(aws.sqs, () => aws.queues.triage.url),
      claims,
      openNeeds: new OpenNeeds(aws.document, aws.tableNames.idempotency, (id) => referrals.openReferral(id)),
      now: () => new Date(),
    };
    const config = regionById('regio-voorbeeld');
    const { request } = normaliseReferral(ReferralRequestSchema.parse(await sampleBody('combined')));

    // Died after claiming the key, before storing: the retry stores under the claimed id.
    const key = crypto.randomUUID();
    const claimedId = crypto.randomUUID();
    const submitter = { id: 'user-poh-1', organisationId: 'hap-de-linde', ...SAMPLE_REFERRER_ACCOUNT };
    await claims.claim(submitter.id, key, { referralId: claimedId, requestHash: requestHash({ ...request, referrer: referrerOf(request, SAMPLE_REFERRER_ACCOUNT) }) }, new Date());
    const input = { request, submitter, correlationId: 'test', idempotencyKey: key };
    expect((await submitReferral(deps, config, input)).referralId).toBe(claimedId);
    expect(await storedIds()).toContain(claimedId);

    // Died after storing, before enqueueing: the retry enqueues it again and stores nothing new.
    await drain(aws.sqs, aws.queues.triage.url);
    const count = (await storedIds()).length;
    expect((await submitReferral(deps, config, input)).referralId).toBe(claimedId);
    expect((await storedIds()).length).toBe(count);
    expect((await drain(aws.sqs, aws.queues.triage.url)).map((message) => JSON.parse(message.Body!).referralId)).toContain(claimedId);

    // The same key with another referral is refused; from another submitter it is another key.
    const other = { ...normaliseReferral(ReferralRequestSchema.parse(await sampleBody('social-domain'))).request, referrer: request.referrer };
    await expect(submitReferral(deps, config, { ...input, request: other })).rejects.toBeInstanceOf(IdempotencyKeyReusedError);
    const otherSubmitter = await submitReferral(deps, config, {
      ...input,
      submitter: { id: 'user-poh-2', organisationId: 'hap-de-linde', ...SAMPLE_REFERRER_ACCOUNT },
      request: { ...request, client: { ...request.client, ref: 'another-client-1' } },
    });
    expect(otherSubmitter.referralId).not.toBe(claimedId);
  });

  it('frees a key a day after it was claimed', async () => {
    const { SubmissionClaims } = await import('#shared/adapters/submission-claims.ts');
    const claims = new SubmissionClaims(aws.document, aws.tableNames.idempotency, 86_400);
    const first = { referralId: crypto.randomUUID(), requestHash: 'a' };
    const later = { referralId: crypto.randomUUID(), requestHash: 'b' };
    expect(await claims.claim('user-x', 'key-1', first, new Date())).toEqual({ claimed: true });
    expect(await claims.claim('user-x', 'key-1', later, new Date())).toEqual({ claimed: false, existing: first });
    expect(await claims.claim('user-x', 'key-1', later, new Date(Date.now() + 86_401_000))).toEqual({ claimed: true });
  });
});
