import { PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DevIdentityProvider } from '#local/dev-idp.ts';
import { lambdaContext, startEmulatedAws, type EmulatedAws } from '../support/emulated-aws.ts';
import { readEvent, sampleBody } from '../support/samples.ts';
import { newAccount } from '#shared/domain/user-account.ts';

type HttpHandler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;

let aws: EmulatedAws;
let submit: HttpHandler;
let get: HttpHandler;
let audit: HttpHandler;
const postTemplate = await readEvent<APIGatewayProxyEventV2>('api/post-referrals.json');
const getTemplate = await readEvent<APIGatewayProxyEventV2>('api/get-referral.json');
const auditTemplate = await readEvent<APIGatewayProxyEventV2>('api/get-access-log.json');

beforeAll(async () => {
  aws = await startEmulatedAws();
  aws.wire('submit-referral', 'get-referral', 'access-audit');
  submit = (await import('#functions/submit-referral/handler.ts')).handler;
  get = (await import('#functions/get-referral/handler.ts')).handler;
  audit = (await import('#functions/access-audit/handler.ts')).handler;
});
afterAll(() => aws.close());

const withToken = <T extends APIGatewayProxyEventV2>(event: T, token: string): T => ({ ...event, headers: { ...event.headers, authorization: `Bearer ${token}` } });
const status = (response: APIGatewayProxyStructuredResultV2) => ({ status: response.statusCode, type: JSON.parse(response.body as string).type });
const readAs = async (referralId: string, username: string) =>
  get(await aws.signedIn({ ...getTemplate, pathParameters: { referralId } }, username), lambdaContext('get-referral'));

describe('authorisation in the handlers themselves, with the token verification AWS runs too', () => {
  it('refuses a request without a token with 401, whatever API Gateway was configured to do', async () => {
    expect(status(await submit(postTemplate, lambdaContext('submit-referral')))).toEqual({ status: 401, type: '/problems/unauthorized' });
    expect(status(await get(getTemplate, lambdaContext('get-referral')))).toEqual({ status: 401, type: '/problems/unauthorized' });
  });

  it('refuses an expired token and one signed with another key, with 401', async () => {
    const expired = await aws.idp.idToken('poh-delinde', { expiresIn: -120 });
    const response = await submit(withToken(postTemplate, expired), lambdaContext('submit-referral'));
    expect(status(response)).toEqual({ status: 401, type: '/problems/unauthorized' });
    expect(JSON.parse(response.body as string).detail).toMatch(/expired/);
    expect(response.headers?.['www-authenticate']).toBe('Bearer');
    // Same issuer, same claims, another key: what a forger would make.
    const forger = await DevIdentityProvider.create({ issuer: aws.idp.issuer, allowedRedirectPrefixes: [] });
    const forged = await forger.idToken('poh-delinde');
    expect(status(await submit(withToken(postTemplate, forged), lambdaContext('submit-referral')))).toEqual({ status: 401, type: '/problems/unauthorized' });
    // A token whose payload was edited after signing.
    const [header, payload, signature] = (await aws.idp.idToken('poh-delinde')).split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
    const tampered = Buffer.from(JSON.stringify({ ...claims, 'cognito:groups': ['manager'] })).toString('base64url');
    expect(status(await get(withToken(getTemplate, `${header}.${tampered}.${signature}`), lambdaContext('get-referral')))).toEqual({
      status: 401,
      type: '/problems/unauthorized',
    });
  });

  it('refuses a role the route does not allow with 403', async () => {
    expect(status(await submit(await aws.signedIn(postTemplate, 'manager-regio'), lambdaContext('submit-referral')))).toEqual({
      status: 403,
      type: '/problems/forbidden',
    });
    expect(status(await get(await aws.signedIn(getTemplate, 'beheerder-kaart'), lambdaContext('get-referral')))).toEqual({
      status: 403,
      type: '/problems/forbidden',
    });
  });

  it("answers 404, not 403, to another organisation's referrer, to a contact person it is not assigned to, and to the coordinator for a case not on the desk", async () => {
    const posted = await submit(
      await aws.signedIn({ ...postTemplate, body: JSON.stringify(await sampleBody('combined')) }, 'poh-delinde'),
      lambdaContext('submit-referral'),
    );
    expect(posted.statusCode).toBe(202);
    const { referralId } = JSON.parse(posted.body as string);
    expect((await readAs(referralId, 'poh-delinde')).statusCode).toBe(200);
    expect(status(await readAs(referralId, 'huisarts-rivierkade'))).toEqual({ status: 404, type: '/problems/not-found' });
    // Not matched yet, so assigned to nobody.
    expect(status(await readAs(referralId, 'cp-anouk-de-vries'))).toEqual({ status: 404, type: '/problems/not-found' });
    // The coordinator sees the region's cases only while they are on the desk: this one is not.
    expect(status(await readAs(referralId, 'coordinator-voorbeeld'))).toEqual({ status: 404, type: '/problems/not-found' });
    const letter = { ...getTemplate, routeKey: 'GET /referrals/{referralId}/client-letter', rawPath: `/referrals/${referralId}/client-letter`, pathParameters: { referralId } };
    expect(status(await get(await aws.signedIn(letter, 'coordinator-voorbeeld'), lambdaContext('get-referral')))).toEqual({ status: 403, type: '/problems/forbidden' });
    const { Items } = await aws.document.send(
      new QueryCommand({ TableName: aws.tableNames['access-log'], KeyConditionExpression: 'referralId = :id', ExpressionAttributeValues: { ':id': referralId } }),
    );
    // The allowed read (the referral, and how to reach the client) and the refused attempts, with their outcome.
    expect(Items?.map((item) => [item.role, item.action, item.outcome]).sort()).toEqual([
      ['clientondersteuner', 'attempt', 'not-found'],
      ['coordinator', 'attempt', 'forbidden'],
      ['coordinator', 'attempt', 'not-found'],
      ['verwijzer', 'attempt', 'not-found'],
      ['verwijzer', 'read-client-contact', 'shown'],
      ['verwijzer', 'read-referral-status', 'shown'],
    ]);
  });

  it("refuses the token of an account the beheerder deactivated with 401, before the token expires", async () => {
    // Trust an account's status for no time at all here, so the change counts at once.
    process.env.ACCOUNT_STATUS_CACHE_SECONDS = '0';
    const userId = crypto.randomUUID();
    const account = newAccount(
      { email: `${userId.slice(0, 8)}@hap-de-linde.example`, name: 'Uitgenodigde POH', role: 'verwijzer', organisationId: 'hap-de-linde', organisationName: 'Huisartsenpraktijk De Linde (fictief)' },
      { userId, regionId: 'regio-voorbeeld', by: 'beheerder', at: new Date().toISOString() },
    );
    await aws.document.send(new PutCommand({ TableName: aws.tableNames.users, Item: account }));
    await aws.document.send(new PutCommand({ TableName: aws.tableNames.users, Item: { userId: `email:${account.email}`, ownerId: userId } }));
    const token = await aws.idp.idToken(account.email);
    const submitWith = async () => submit(withToken({ ...postTemplate, body: JSON.stringify(await sampleBody('advice-only')) }, token), lambdaContext('submit-referral'));
    expect((await submitWith()).statusCode).toBe(202);
    await aws.document.send(
      new UpdateCommand({ TableName: aws.tableNames.users, Key: { userId }, UpdateExpression: 'SET active = :no', ExpressionAttributeValues: { ':no': false } }),
    );
    const refused = await submitWith();
    expect(status(refused)).toEqual({ status: 401, type: '/problems/unauthorized' });
    expect(JSON.parse(refused.body as string).detail).toMatch(/deactivated/);
    // And no new token: the dev IdP refuses a deactivated account as Cognito refuses a disabled user.
    await expect(aws.idp.idToken(account.email)).rejects.toThrow(/deactivated/);
    delete process.env.ACCOUNT_STATUS_CACHE_SECONDS;
  });
});

describe("the access log, for the region's privacy officer only", () => {
  it('lets the privacy officer find a refused read, refuses every other role, and logs the officer’s own use', async () => {
    const posted = await submit(
      await aws.signedIn({ ...postTemplate, body: JSON.stringify(await sampleBody('advice-only')) }, 'poh-delinde'),
      lambdaContext('submit-referral'),
    );
    const { referralId } = JSON.parse(posted.body as string);
    expect((await readAs(referralId, 'huisarts-rivierkade')).statusCode).toBe(404);

    const query = { referralId };
    const asked = { ...auditTemplate, queryStringParameters: query, rawQueryString: `referralId=${referralId}` };
    for (const username of ['poh-delinde', 'cp-anouk-de-vries', 'partner-de-brug', 'manager-regio', 'beheerder-kaart', 'coordinator-voorbeeld']) {
      expect(status(await audit(await aws.signedIn(asked, username), lambdaContext('access-audit'))), username).toEqual({ status: 403, type: '/problems/forbidden' });
    }
    const response = await audit(await aws.signedIn(asked, 'privacy-voorbeeld'), lambdaContext('access-audit'));
    expect(response.statusCode).toBe(200);
    const { items } = JSON.parse(response.body as string);
    expect(items.map((item: { role: string; outcome: string }) => [item.role, item.outcome]).sort()).toEqual([['verwijzer', 'denied']]);
    expect(items[0]).toMatchObject({ organisation: { id: 'hap-rivierkade' }, route: 'GET /referrals/{referralId}' });

    const { Items } = await aws.document.send(
      new QueryCommand({ TableName: aws.tableNames['access-log'], KeyConditionExpression: 'referralId = :id', ExpressionAttributeValues: { ':id': referralId } }),
    );
    expect(Items?.find((item) => item.action === 'audit-read')).toMatchObject({ role: 'privacy', regionId: 'regio-voorbeeld', route: 'GET /access-log', query: { referralId } });
    expect(Items?.every((item) => item.regionId === 'regio-voorbeeld')).toBe(true);
  });
});
