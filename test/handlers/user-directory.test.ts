import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CognitoUserDirectory, EmailInUse, type NewUser } from '#shared/adapters/user-directory.ts';
import { newAccount } from '#shared/domain/user-account.ts';

// The Cognito adapter's requests, as the real SDK sends them, to a local HTTP endpoint that records
// them and answers as Cognito does (JSON 1.1: the operation in X-Amz-Target). No mock of the SDK.

interface Recorded {
  operation: string;
  body: Record<string, any>;
}

let server: Server;
let recorded: Recorded[] = [];
/** What the endpoint answers per operation: a body, or an error type. */
let answers: Record<string, { body?: unknown; error?: string }> = {};
let directory: CognitoUserDirectory;
const POOL = 'eu-central-1_TestPool1';

beforeAll(async () => {
  server = createServer((request, response) => {
    let text = '';
    request.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    request.on('end', () => {
      const operation = String(request.headers['x-amz-target'] ?? '').split('.')[1] ?? '';
      recorded.push({ operation, body: JSON.parse(text || '{}') });
      const answer = answers[operation] ?? { body: {} };
      response.setHeader('content-type', 'application/x-amz-json-1.1');
      if (answer.error) {
        response.statusCode = 400;
        response.setHeader('x-amzn-errortype', answer.error);
        response.end(JSON.stringify({ __type: answer.error, message: 'As Cognito says it' }));
        return;
      }
      response.end(JSON.stringify(answer.body ?? {}));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const client = new CognitoIdentityProviderClient({
    region: 'eu-central-1',
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 1,
  });
  directory = new CognitoUserDirectory(async () => client, POOL);
});
afterAll(() => new Promise((resolve) => server.close(resolve)));
beforeEach(() => {
  recorded = [];
  answers = {};
});

const clientondersteuner: NewUser = {
  email: 'sanne.jansen@clientondersteuning-voorbeeld.example',
  name: 'Sanne Jansen',
  role: 'clientondersteuner',
  regionId: 'regio-voorbeeld',
  organisationId: 'clientondersteuning-voorbeeld',
  contactPersonId: 'cp-sanne-jansen',
};

describe('the Cognito user directory', () => {
  it('creates the user with the attributes the API reads, Cognito sending the invitation, and adds it to the group of its role', async () => {
    const sub = '3f0c2a1e-8d4b-4c2a-9f1e-0a1b2c3d4e5f';
    answers.AdminCreateUser = { body: { User: { Username: sub, Enabled: true, Attributes: [{ Name: 'sub', Value: sub }] } } };
    expect(await directory.create(clientondersteuner)).toBe(sub);
    expect(recorded.map((request) => request.operation)).toEqual(['AdminCreateUser', 'AdminAddUserToGroup']);
    const [create, group] = recorded;
    expect(create!.body).toEqual({
      UserPoolId: POOL,
      Username: clientondersteuner.email,
      DesiredDeliveryMediums: ['EMAIL'],
      UserAttributes: expect.arrayContaining([
        { Name: 'email', Value: clientondersteuner.email },
        { Name: 'email_verified', Value: 'true' },
        { Name: 'name', Value: 'Sanne Jansen' },
        { Name: 'custom:organisation_id', Value: 'clientondersteuning-voorbeeld' },
        { Name: 'custom:contact_person_id', Value: 'cp-sanne-jansen' },
        { Name: 'custom:region_id', Value: 'regio-voorbeeld' },
      ]),
    });
    // No MessageAction: Cognito sends its invitation. No attribute without a value.
    expect((create!.body.UserAttributes as { Value: string }[]).every((attribute) => attribute.Value)).toBe(true);
    expect(group!.body).toEqual({ UserPoolId: POOL, Username: clientondersteuner.email, GroupName: 'clientondersteuner' });
  });

  it('answers EmailInUse when Cognito has the address, and adds nobody to a group', async () => {
    answers.AdminCreateUser = { error: 'UsernameExistsException' };
    await expect(directory.create(clientondersteuner)).rejects.toBeInstanceOf(EmailInUse);
    expect(recorded.map((request) => request.operation)).toEqual(['AdminCreateUser']);
  });

  it('finds an address with ListUsers, filtered on the e-mail', async () => {
    answers.ListUsers = { body: { Users: [{ Username: 'x' }] } };
    expect(await directory.emailInUse('a"b@voorbeeld.example')).toBe(true);
    expect(recorded[0]).toEqual({ operation: 'ListUsers', body: { UserPoolId: POOL, Filter: 'email = "ab@voorbeeld.example"', Limit: 1 } });
    answers.ListUsers = { body: { Users: [] } };
    expect(await directory.emailInUse('niemand@voorbeeld.example')).toBe(false);
  });

  it('deactivates with AdminDisableUser and reactivates with AdminEnableUser, by e-mail', async () => {
    const account = newAccount({ ...clientondersteuner, organisationName: undefined, referrerKind: undefined }, { userId: 'u', regionId: 'regio-voorbeeld', by: 'b', at: '2026-12-07T10:00:00Z' });
    await directory.setActive(account, false);
    await directory.setActive(account, true);
    expect(recorded).toEqual([
      { operation: 'AdminDisableUser', body: { UserPoolId: POOL, Username: clientondersteuner.email } },
      { operation: 'AdminEnableUser', body: { UserPoolId: POOL, Username: clientondersteuner.email } },
    ]);
  });
});
