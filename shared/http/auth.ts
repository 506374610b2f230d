import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload } from 'jose';
import { ACCESS_POLICY, ROLES, SCOPE_CLAIM, scopeFor, rolesFor, type Role, type RouteKey, type Scope } from '../access/policy.ts';
import { requireEnv } from '../config.ts';
import { accountDeactivated } from '../adapters/account-status.ts';
import { isServedRegion } from '../regions/index.ts';
import type { Access, Caller } from '../access/caller.ts';
import { problem } from './responses.ts';

// Caller and Access are the use cases' (shared/access/caller.ts): this file makes them from a token.
export type { Access, Caller } from '../access/caller.ts';

/** The resource server's scopes a practice system needs: reading its referrals, and submitting or changing them. */
export const SYSTEM_SCOPES = { read: 'overbrug/referrals.read', write: 'overbrug/referrals.write' } as const;

/**
 * The practice systems that may sign in with client credentials (OAuth 2.0, RFC 6749 §4.4), each
 * bound to one organisation: `SYSTEM_CLIENTS` is a JSON array of { clientId, organisationId, name }.
 */
export function systemClients(): Record<string, { organisationId: string; name: string }> {
  const raw = process.env.SYSTEM_CLIENTS;
  if (!raw) return {};
  try {
    const list = JSON.parse(raw) as { clientId: string; organisationId: string; name: string }[];
    return Object.fromEntries(list.map(({ clientId, organisationId, name }) => [clientId, { organisationId, name }]));
  } catch {
    throw new Error('Environment variable SYSTEM_CLIENTS must be a JSON array of { clientId, organisationId, name }');
  }
}


// Cognito signs ID tokens with RS256 and publishes its keys at <issuer>/.well-known/jwks.json;
// the local dev IdP does the same, so this code verifies tokens alike locally and on AWS. The
// key set is fetched once per execution environment and cached (jose refetches on an unknown kid).
let verifier: { issuer: string; audience: string; keys: ReturnType<typeof createRemoteJWKSet> } | undefined;

function currentVerifier() {
  const issuer = requireEnv('AUTH_ISSUER');
  // The app clients whose ID tokens count (comma-separated): the web app's, and a smoke-test client where a stage has one.
  const audience = requireEnv('AUTH_AUDIENCE');
  if (!verifier || verifier.issuer !== issuer || verifier.audience !== audience) {
    verifier = { issuer, audience, keys: createRemoteJWKSet(new URL(`${issuer.replace(/\/$/, '')}/.well-known/jwks.json`)) };
  }
  return verifier;
}

const CLOCK_TOLERANCE_SECONDS = 5;
/** Cognito's ID tokens live at most a day (the app client's setting); none of ours lives longer. */
export const MAX_TOKEN_LIFETIME_SECONDS = 24 * 60 * 60;
/** How far an issuer's clock may run ahead of ours. */
export const MAX_CLOCK_AHEAD_SECONDS = 5 * 60;

const claim = (payload: JWTPayload, name: string) => (typeof payload[name] === 'string' && payload[name] ? (payload[name] as string) : undefined);

/** Cognito puts groups in the ID token as an array of strings. */
function groupsOf(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : [];
}

export class InvalidToken extends Error {
  readonly expired: boolean;

  constructor(message: string, expired = false) {
    super(message);
    this.name = 'InvalidToken';
    this.expired = expired;
  }
}

/**
 * Verifies a token (signature, issuer, expiry, use) and reads who it is: a person's ID token (for
 * this application's audience), or the access token of a practice system that signed in with
 * client credentials (Cognito's have no audience: its client id must be a known system client).
 */
export async function verifyIdToken(token: string): Promise<Caller> {
  const { issuer, audience, keys } = currentVerifier();
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(token, keys, {
      issuer,
      algorithms: ['RS256'],
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
      requiredClaims: ['exp', 'iat'],
    }));
  } catch (error) {
    if (error instanceof errors.JWTExpired) throw new InvalidToken('The token has expired; sign in again.', true);
    if (error instanceof errors.JOSEError) throw new InvalidToken('The token is not valid here.');
    throw error;
  }
  // A token that lives longer than an ID token can, or was issued in the future, was not made by
  // our identity provider's rules: a leaked signing key or a clock gone wrong. Refused either way.
  const now = Math.floor(Date.now() / 1000);
  if (payload.exp! > now + MAX_TOKEN_LIFETIME_SECONDS + CLOCK_TOLERANCE_SECONDS) throw new InvalidToken('The token lives longer than an ID token may; sign in again.');
  if (payload.iat! > now + MAX_CLOCK_AHEAD_SECONDS) throw new InvalidToken('The token was issued in the future; check the clock and sign in again.');
  if (payload.token_use === 'access' && typeof payload.client_id === 'string') {
    const system = systemClients()[payload.client_id];
    if (!system) throw new InvalidToken('This client may not use the API.');
    return {
      id: `system:${payload.client_id}`,
      roles: ['verwijzer'],
      name: system.name,
      organisationId: system.organisationId,
      scopes: typeof payload.scope === 'string' ? payload.scope.split(' ') : [],
    };
  }
  const audiences = audience.split(',');
  const aud = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
  if (!aud.some((value) => value !== undefined && audiences.includes(value))) throw new InvalidToken('The token is not valid here.');
  if (payload.token_use !== 'id' || !payload.sub) throw new InvalidToken('Send an ID token of this application.');
  const groups = groupsOf(payload['cognito:groups']);
  return {
    id: payload.sub,
    roles: ROLES.filter((role) => groups.includes(role)),
    ...optional('name', claim(payload, 'name')),
    ...optional('email', claim(payload, 'email')),
    ...optional('organisationName', claim(payload, 'custom:organisation_name')),
    ...optional('organisationId', claim(payload, 'custom:organisation_id')),
    ...optional('contactPersonId', claim(payload, 'custom:contact_person_id')),
    ...optional('regionId', claim(payload, 'custom:region_id')),
  };
}

const optional = <K extends string>(key: K, value: string | undefined) => (value ? ({ [key]: value } as Record<K, string>) : {});

const unauthorized = (detail: string) =>
  problem(401, { type: '/problems/unauthorized', title: 'Sign-in required', detail }, { 'www-authenticate': 'Bearer' });

/**
 * The caller and the scope the access policy gives them on this route, or the problem to answer:
 * 401 without a valid token, 403 when their role may not use the route (or their account lacks
 * what the scope needs, such as the organisation). API Gateway already checks the token on AWS;
 * the handler checks it again, so a route wired without its authorizer still lets nobody in.
 */
export async function authorize(
  event: APIGatewayProxyEventV2,
  route: RouteKey = event.routeKey as RouteKey,
): Promise<{ access: Access } | { denied: APIGatewayProxyStructuredResultV2; caller?: Caller }> {
  if (!(route in ACCESS_POLICY)) throw new Error(`Route ${route} is not in the access policy`);
  const header = event.headers?.authorization ?? '';
  const token = /^Bearer ([\w-]+\.[\w-]+\.[\w-]+)$/i.exec(header)?.[1];
  if (!token) return { denied: unauthorized('Send a valid bearer token (an ID token from sign-in).') };
  let caller: Caller;
  try {
    caller = await verifyIdToken(token);
  } catch (error) {
    if (error instanceof InvalidToken) return { denied: unauthorized(error.message) };
    throw error;
  }
  // A deactivated account's tokens are refused before they expire (docs/security.md, "User accounts").
  if (!caller.scopes && (await accountDeactivated(caller.id))) {
    return { denied: unauthorized('Your account is deactivated; ask the beheerder of your region.') };
  }
  const role = rolesFor(route).find((candidate) => caller.roles.includes(candidate));
  // A practice system acts within the scopes its token grants: reading, or submitting and changing.
  const needed = route.startsWith('GET ') ? SYSTEM_SCOPES.read : SYSTEM_SCOPES.write;
  if (caller.scopes && !caller.scopes.includes(needed)) {
    return { denied: problem(403, { type: '/problems/forbidden', title: 'Not allowed', detail: `This token lacks the scope ${needed}.` }) };
  }
  // A refusal of someone signed in says who: a route on a client record logs the attempt (visibility.ts).
  if (!role) {
    return { caller, denied: problem(403, { type: '/problems/forbidden', title: 'Not allowed', detail: 'Your role may not do this.' }) };
  }
  const scope = scopeFor(route, role)!;
  if (!caller[SCOPE_CLAIM[scope]]) {
    return {
      caller,
      denied: problem(403, {
        type: '/problems/forbidden',
        title: 'Not allowed',
        detail: `Your account as ${role} has no ${SCOPE_CLAIM[scope]}; ask the beheerder to complete it.`,
      }),
    };
  }
  // A region this deployment does not serve has no statistics, kaart or rules here: the account is wrong, not the request.
  if (SCOPE_CLAIM[scope] === 'regionId' && !isServedRegion(caller.regionId!)) {
    return {
      caller,
      denied: problem(403, {
        type: '/problems/forbidden',
        title: 'Not allowed',
        detail: `Your account's region is not served by this Overbrug instance; ask the beheerder to correct your account.`,
      }),
    };
  }
  return { access: { caller, role, scope, route } };
}
