import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lambdaContext, startEmulatedAws, type EmulatedAws } from '../support/emulated-aws.ts';
import { readEvent, sampleBody } from '../support/samples.ts';

type HttpHandler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;

let aws: EmulatedAws;
let submit: HttpHandler;
let get: HttpHandler;
const postTemplate = await readEvent<APIGatewayProxyEventV2>('api/post-referrals.json');
const getTemplate = await readEvent<APIGatewayProxyEventV2>('api/get-referral.json');

beforeAll(async () => {
  aws = await startEmulatedAws();
  aws.wire('submit-referral', 'get-referral');
  submit = (await import('#functions/submit-referral/handler.ts')).handler;
  get = (await import('#functions/get-referral/handler.ts')).handler;
});
afterAll(() => aws.close());

const read = async (referralId: string, username = 'poh-delinde') =>
  get(await aws.signedIn({ ...getTemplate, rawPath: `/referrals/${referralId}`, pathParameters: { referralId } }, username), lambdaContext('get-referral'));

async function accessLog(referralId: string) {
  const { Items } = await aws.document.send(
    new QueryCommand({
      TableName: aws.tableNames['access-log'],
      KeyConditionExpression: 'referralId = :id',
      ExpressionAttributeValues: { ':id': referralId },
    }),
  );
  return Items ?? [];
}

describe('get-referral handler', () => {
  it('shows status, timeline and the client contact as entered, not the intake, and logs both reads', async () => {
    const body = await sampleBody('combined');
    const created = await submit(await aws.signedIn({ ...postTemplate, body: JSON.stringify(body) }, 'poh-delinde'), lambdaContext('submit-referral'));
    const { referralId } = JSON.parse(created.body as string);

    const response = await read(referralId);
    expect(response.statusCode).toBe(200);
    const view = JSON.parse(response.body as string);
    expect(view).toMatchObject({
      referralId,
      caseNumber: expect.stringMatching(/^RV-\d{4}-\d{5}$/),
      status: 'triaged',
      nextStep: { step: 'matching', due: null },
      // What the referrer's organisation entered, the phone number in one form.
      client: { contact: { phone: '+31100000301', email: body.client.contact.email, preferredChannel: 'phone', bestTimes: body.client.contact.bestTimes, viaReferrer: false } },
      // Triaged in the request that submitted it.
      triage: expect.objectContaining({ route: 'combined' }),
      matches: [],
      contactPerson: null,
      timeline: [
        { event: 'received', at: expect.any(String), actor: { role: 'verwijzer', name: 'J. Visser (POH-ggz)' } },
        expect.objectContaining({ event: 'triaged' }),
      ],
    });
    const text = response.body as string;
    for (const story of Object.values((body.intake as { story: Record<string, string> }).story)) expect(text).not.toContain(story);
    expect(text).not.toContain(String(body.client.birthYear));

    const poh = (await aws.idp.idToken('poh-delinde')).split('.')[1]!;
    const subject = JSON.parse(Buffer.from(poh, 'base64url').toString()).sub;
    const entries = await accessLog(referralId);
    expect(entries).toHaveLength(2);
    for (const action of ['read-referral-status', 'read-client-contact']) {
      expect(entries).toContainEqual(
        expect.objectContaining({ referralId, actor: subject, role: 'verwijzer', action, purpose: expect.any(String), requestId: getTemplate.requestContext.requestId }),
      );
    }
  });

  it('answers 404 problem details for an unknown or malformed id, logging the refused attempt and no read', async () => {
    const unknown = crypto.randomUUID();
    for (const id of [unknown, 'not-an-id', '../../etc/passwd']) {
      const response = await read(id);
      expect(response.statusCode).toBe(404);
      expect(response.headers?.['content-type']).toBe('application/problem+json');
      expect(JSON.parse(response.body as string)).toMatchObject({ status: 404, type: '/problems/not-found' });
    }
    // A well-formed id is logged as it is; a malformed one under one marker, never as sent.
    expect((await accessLog(unknown)).map((entry) => [entry.action, entry.outcome])).toEqual([['attempt', 'not-found']]);
    expect((await accessLog('malformed-id')).map((entry) => [entry.action, entry.outcome])).toEqual([
      ['attempt', 'not-found'],
      ['attempt', 'not-found'],
    ]);
    expect(await accessLog('not-an-id')).toEqual([]);
  });
});
