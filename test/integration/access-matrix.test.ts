import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStackProcess, type StackProcess } from '#local/child-process.ts';
import { DevIdentityProvider, fetchDevToken } from '#local/dev-idp.ts';
import { ACCESS_POLICY, ROLES, ROUTE_KEYS, rolesFor, splitRoute, type Role, type RouteKey } from '#shared/access/policy.ts';
import { OverbrugClient } from '../support/api-client.ts';
import { sampleBody } from '../support/samples.ts';

// Every route of the access policy against every role, over HTTP on the local stack with real
// tokens of the dev IdP: a role the policy allows gets past the check (an answer other than 401
// and 403), any other gets 403; without a token, or with an expired or forged one, 401.

const USER_OF: Record<Role, string> = {
  verwijzer: 'poh-delinde',
  clientondersteuner: 'cp-anouk-de-vries',
  partner: 'partner-de-brug',
  manager: 'manager-regio',
  beheerder: 'beheerder-kaart',
  coordinator: 'coordinator-voorbeeld',
  privacy: 'privacy-voorbeeld',
};

let stack: StackProcess;
const tokens = {} as Record<Role, string>;
let referralId: string;
const serviceId = 'vb-herstelacademie'; // Stichting De Brug's, the demo partner's

beforeAll(async () => {
  stack = await startStackProcess();
  for (const role of ROLES) tokens[role] = await fetchDevToken(stack.endpoints.idp, USER_OF[role]);
  const poh = await OverbrugClient.local(stack.endpoints, USER_OF.verwijzer);
  referralId = (await poh.submit(await sampleBody('combined'))).json.referralId;
  await poh.waitForStatus(referralId, ['notified']);
});
afterAll(() => stack?.stop());

/** A request on the route that a caller allowed there could make (a harmless one where it writes). */
async function call(route: RouteKey, token?: string): Promise<number> {
  return (await answer(route, token)).status;
}

/** The answer, and whether a handler gave it (an unrouted path gets the gateway's plain 404). */
async function answer(route: RouteKey, token?: string): Promise<{ status: number; fromHandler: boolean }> {
  const { method, path } = splitRoute(route);
  const url = path.replace('{referralId}', referralId).replace('{serviceId}', serviceId).replace('{contactPersonId}', 'cp-anouk-de-vries');
  const body: Partial<Record<RouteKey, unknown>> = {
    'POST /referrals': await sampleBody('advice-only'),
    'POST /referrals/{referralId}/actions': { action: 'withdraw-consent', recipient: 'naasten' },
    'PUT /kaart/{serviceId}/availability': { waitingWeeks: 2 },
    'POST /kaart/import': { data: [] },
  };
  const response = await fetch(`${stack.endpoints.api}${url}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body[route] ? { 'content-type': 'application/json' } : {}) },
    ...(body[route] ? { body: JSON.stringify(body[route]) } : {}),
  });
  await response.arrayBuffer();
  const type = response.headers.get('content-type') ?? '';
  return { status: response.status, fromHandler: !(response.status === 404 && type === 'application/json') };
}

const privateRoutes = ROUTE_KEYS.filter((route) => !('public' in ACCESS_POLICY[route]));
const publicRoutes = ROUTE_KEYS.filter((route) => 'public' in ACCESS_POLICY[route]);
const pairs = privateRoutes.flatMap((route) => ROLES.map((role) => [route, role] as const));

describe('the role × route matrix', () => {
  it.each(pairs)('%s as %s: allowed exactly when the policy says so', async (route, role) => {
    const { status, fromHandler } = await answer(route, tokens[role]);
    expect(fromHandler, `${route} is served`).toBe(true);
    if (rolesFor(route).includes(role)) expect([401, 403], `${route} as ${role} answered ${status}`).not.toContain(status);
    else expect(status, `${route} as ${role}`).toBe(403);
  });

  it.each(publicRoutes)('%s is open without a token', async (route) => {
    const { status, fromHandler } = await answer(route);
    expect(fromHandler, `${route} is served`).toBe(true);
    expect([401, 403]).not.toContain(status);
  });

  it.each(privateRoutes)('%s refuses a request without a token, with an expired one and with a forged one', async (route) => {
    const allowedRole = rolesFor(route)[0]!;
    expect(await call(route)).toBe(401);
    expect(await call(route, await fetchDevToken(stack.endpoints.idp, USER_OF[allowedRole], { expiresIn: -60 }))).toBe(401);
    const forger = await DevIdentityProvider.create({ issuer: stack.endpoints.idp, allowedRedirectPrefixes: [] });
    expect(await call(route, await forger.idToken(USER_OF[allowedRole]))).toBe(401);
  });

  it("answers another organisation's referrer 404, not 403, so that the referral's existence does not leak", async () => {
    const other = await OverbrugClient.local(stack.endpoints, 'huisarts-rivierkade');
    const read = await other.get(referralId);
    expect(read.status).toBe(404);
    expect(read.json.type).toBe('/problems/not-found');
    expect((await other.act(referralId, { action: 'withdraw', reason: 'test' })).status).toBe(404);
    // Its list does not show it either.
    expect(((await other.request('GET', '/referrals?state=all')).json.items as any[]).map((item) => item.referralId)).not.toContain(referralId);
  });
});
