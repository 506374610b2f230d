import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
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
// As deployed: no AUTHORIZATION=none, so only claims verified by API Gateway count.
beforeAll(() => {
  delete process.env.AUTHORIZATION;
});
afterEach(() => {
  delete process.env.AUTHORIZATION;
});

/** The claims API Gateway's JWT authorizer passes on from a Cognito token. */
function signedIn<T extends APIGatewayProxyEventV2>(event: T, sub: string, groups: string[]): T {
  return {
    ...event,
    requestContext: {
      ...event.requestContext,
      authorizer: { jwt: { claims: { sub, 'cognito:groups': `[${groups.join(' ')}]` }, scopes: null } },
    },
  } as T;
}

const status = (response: APIGatewayProxyStructuredResultV2) => ({ status: response.statusCode, type: JSON.parse(response.body as string).type });

describe('authorisation in the handlers themselves', () => {
  it('refuses a request without verified claims with 401, whatever API Gateway was configured to do', async () => {
    expect(status(await submit(postTemplate, lambdaContext('submit-referral')))).toEqual({ status: 401, type: '/problems/unauthorized' });
    expect(status(await get(getTemplate, lambdaContext('get-referral')))).toEqual({ status: 401, type: '/problems/unauthorized' });
  });

  it('refuses a role the route does not allow with 403', async () => {
    const manager = signedIn(postTemplate, 'user-manager', ['manager']);
    expect(status(await submit(manager, lambdaContext('submit-referral')))).toEqual({ status: 403, type: '/problems/forbidden' });
    const beheerder = signedIn(getTemplate, 'user-beheerder', ['beheerder']);
    expect(status(await get(beheerder, lambdaContext('get-referral')))).toEqual({ status: 403, type: '/problems/forbidden' });
  });

  it('lets a verwijzer submit, and logs the read of a cliëntondersteuner under their own id', async () => {
    const posted = await submit(
      signedIn({ ...postTemplate, body: JSON.stringify(await sampleBody('combined')) }, 'user-poh', ['verwijzer']),
      lambdaContext('submit-referral'),
    );
    expect(posted.statusCode).toBe(202);
    const { referralId } = JSON.parse(posted.body as string);
    const read = signedIn({ ...getTemplate, pathParameters: { referralId } }, 'user-co-7', ['clientondersteuner', 'other-group']);
    expect((await get(read, lambdaContext('get-referral'))).statusCode).toBe(200);
    const { Items } = await aws.document.send(
      new QueryCommand({ TableName: aws.tableNames['access-log'], KeyConditionExpression: 'referralId = :id', ExpressionAttributeValues: { ':id': referralId } }),
    );
    expect(Items?.map((item) => item.actor)).toEqual(['user-co-7']);
  });
});
