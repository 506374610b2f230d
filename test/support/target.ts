import { CognitoIdentityProviderClient, InitiateAuthCommand, RespondToAuthChallengeCommand } from '@aws-sdk/client-cognito-identity-provider';
import { createHmac } from 'node:crypto';
import { startStackProcess, type StackProcess } from '#local/child-process.ts';
import { devToken } from './api-client.ts';

/**
 * Where the HTTP suite runs: the local stack (npm test), or a deployed stack when TEST_BASE_URL is
 * set (npm run test:remote), signed in as a Cognito test user.
 */
export interface Target {
  kind: 'local' | 'remote';
  baseUrl: string;
  /** Headers that sign a request in: a verwijzer's ID token (the dev IdP's locally, Cognito's when deployed). */
  auth: Record<string, string>;
  stop(): Promise<void>;
}

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set; npm run test:remote needs TEST_BASE_URL, TEST_USER_POOL_CLIENT_ID, TEST_USERNAME, TEST_PASSWORD and TEST_TOTP_SECRET (see README, "Deploy to AWS")`);
  return value;
}

/** RFC 6238 time-based one-time password (SHA-1, 6 digits, 30 s), from a base32 secret. */
export function totp(secretBase32: string, at = Date.now()): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const char of secretBase32.replace(/=+$/, '').toUpperCase()) {
    const index = alphabet.indexOf(char);
    if (index < 0) throw new Error('TEST_TOTP_SECRET is not base32');
    bits += index.toString(2).padStart(5, '0');
  }
  const key = Buffer.from(bits.match(/.{8}/g)!.map((byte) => parseInt(byte, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(at / 1000 / 30)));
  const digest = createHmac('sha1', key).update(counter).digest();
  const offset = digest[digest.length - 1]! & 0x0f;
  const code = (digest.readUInt32BE(offset) & 0x7fffffff) % 1_000_000;
  return code.toString().padStart(6, '0');
}

async function signIn(): Promise<string> {
  const cognito = new CognitoIdentityProviderClient({});
  const clientId = required('TEST_USER_POOL_CLIENT_ID');
  const username = required('TEST_USERNAME');
  const started = await cognito.send(
    new InitiateAuthCommand({ ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: username, PASSWORD: required('TEST_PASSWORD') } }),
  );
  let result = started.AuthenticationResult;
  if (!result && started.ChallengeName === 'SOFTWARE_TOKEN_MFA') {
    const answered = await cognito.send(
      new RespondToAuthChallengeCommand({
        ClientId: clientId,
        ChallengeName: 'SOFTWARE_TOKEN_MFA',
        Session: started.Session,
        ChallengeResponses: { USERNAME: username, SOFTWARE_TOKEN_MFA_CODE: totp(required('TEST_TOTP_SECRET')) },
      }),
    );
    result = answered.AuthenticationResult;
  }
  if (!result?.IdToken) throw new Error(`Signing in as ${username} did not give a token (challenge: ${started.ChallengeName ?? 'none'})`);
  return result.IdToken;
}

export async function startTarget(): Promise<Target> {
  const remote = process.env.TEST_BASE_URL;
  if (remote) {
    return { kind: 'remote', baseUrl: remote.replace(/\/$/, ''), auth: { authorization: `Bearer ${await signIn()}` }, stop: async () => undefined };
  }
  const stack: StackProcess = await startStackProcess();
  // A demo verwijzer of the dev IdP, as the remote run signs in a Cognito test user.
  const token = await devToken(stack.endpoints.idp, 'poh-delinde');
  return { kind: 'local', baseUrl: stack.endpoints.api, auth: { authorization: `Bearer ${token}` }, stop: () => stack.stop() };
}
