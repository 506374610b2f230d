import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startStackProcess, type StackProcess } from '#local/child-process.ts';
import { mailbox, OverbrugClient } from '../support/api-client.ts';

// Issue 16, users: the region's beheerder invites a user with a role and organisation, the user
// signs in (locally at the dev IdP, by e-mail), is deactivated and refused: at sign-in, and by the
// API for a token issued before; every change is kept with who made it and when.

let stack: StackProcess;
let beheerder: OverbrugClient;

beforeAll(async () => {
  // timeScale 0.1: the functions trust an account's status for 3 s instead of 30.
  stack = await startStackProcess({ timeScale: 0.1 });
  beheerder = await OverbrugClient.local(stack.endpoints, 'beheerder-kaart');
});
afterAll(() => stack?.stop());

const uniqueEmail = (who: string) => `${who}.${randomUUID().slice(0, 8)}@praktijk-test.example`;
const tokenResponse = (email: string) => fetch(`${stack.endpoints.idp}/token?user=${encodeURIComponent(email)}`);
const signedIn = async (email: string) => OverbrugClient.local(stack.endpoints, email);

function verwijzer(email: string) {
  return { email, name: 'T. de Boer (POH-ggz)', role: 'verwijzer', organisationId: 'hap-de-linde', organisationName: 'Huisartsenpraktijk De Linde (fictief)', referrerKind: 'poh-ggz' };
}

describe('the beheerder keeps the region\'s users', () => {
  it('invites a verwijzer, who gets an e-mail, signs in by e-mail, is deactivated and refused, and can be let in again; all in the history', async () => {
    const email = uniqueEmail('t.deboer');
    const invited = await beheerder.request('POST', '/users', verwijzer(email));
    expect(invited.status).toBe(201);
    expect(invited.json).toMatchObject({ email, role: 'verwijzer', organisationId: 'hap-de-linde', active: true });
    const userId = invited.json.userId as string;
    expect(invited.headers.get('location')).toBe(`/users/${userId}`);

    // The list shows who has which role, and whether they can sign in.
    const list = await beheerder.request('GET', '/users');
    expect(list.status).toBe(200);
    expect(list.json.items).toContainEqual(expect.objectContaining({ userId, email, role: 'verwijzer', active: true }));

    // The invitation, with where to sign in, went through SES (the local mailbox).
    await vi.waitUntil(async () => (await mailbox(stack.endpoints.mailbox)).some((mail) => mail.destination.to.includes(email)), { timeout: 10_000, interval: 100 });
    const mail = (await mailbox(stack.endpoints.mailbox)).find((candidate) => candidate.destination.to.includes(email))!;
    expect(mail.subject).toContain('Uitnodiging voor Overbrug');
    expect(mail.body.text).toContain(stack.endpoints.api);
    expect(mail.body.text).toContain(email);

    // Signed in at the dev IdP by e-mail: the API knows them as the verwijzer of their organisation.
    const user = await signedIn(email);
    const referrals = await user.request('GET', '/referrals');
    expect(referrals.status).toBe(200);

    // Deactivated: no more sign-in, and the token they already have stops working within the cache time.
    const deactivated = await beheerder.request('PUT', `/users/${userId}`, { active: false });
    expect(deactivated.status).toBe(200);
    expect(deactivated.json.active).toBe(false);
    const refusedSignIn = await tokenResponse(email);
    expect(refusedSignIn.status).toBe(403);
    expect(await refusedSignIn.json()).toMatchObject({ error: 'user_disabled' });
    await vi.waitUntil(async () => (await user.request('GET', '/referrals')).status === 401, { timeout: 15_000, interval: 250 });
    const refused = await user.request('GET', '/referrals');
    expect(refused.json.detail).toMatch(/deactivated/);

    // Deactivating twice changes nothing, and keeps no second line.
    expect((await beheerder.request('PUT', `/users/${userId}`, { active: false })).json.history).toHaveLength(2);

    // Reactivated: they can sign in again.
    const reactivated = await beheerder.request('PUT', `/users/${userId}`, { active: true });
    expect(reactivated.status).toBe(200);
    expect((await tokenResponse(email)).status).toBe(200);

    // Every change with who made it and when.
    const history = reactivated.json.history as { change: string; by: string; byName?: string; at: string }[];
    expect(history.map((entry) => entry.change)).toEqual(['invited', 'deactivated', 'reactivated']);
    for (const entry of history) {
      expect(entry.byName).toBe('B. Hoekstra (beheerder sociale kaart)');
      expect(entry.by).toMatch(/^[0-9a-f-]{36}$/);
      expect(Date.parse(entry.at)).not.toBeNaN();
    }
  });

  it('links a cliëntondersteuner to a contact person of the region, who then sees their own cases', async () => {
    const email = uniqueEmail('sanne');
    const missing = await beheerder.request('POST', '/users', { email, name: 'Sanne Jansen', role: 'clientondersteuner', organisationId: 'clientondersteuning-voorbeeld' });
    expect(missing.status).toBe(400);
    expect(missing.json.errors).toContainEqual(expect.objectContaining({ path: 'contactPersonId' }));
    const unknown = await beheerder.request('POST', '/users', { email, name: 'Sanne Jansen', role: 'clientondersteuner', organisationId: 'clientondersteuning-voorbeeld', contactPersonId: 'cp-bestaat-niet' });
    expect(unknown.status).toBe(400);
    expect(unknown.json.errors).toEqual([expect.objectContaining({ path: 'contactPersonId', message: expect.stringMatching(/region/) })]);
    const invited = await beheerder.request('POST', '/users', { email, name: 'Sanne Jansen', role: 'clientondersteuner', organisationId: 'clientondersteuning-voorbeeld', contactPersonId: 'cp-sanne-jansen' });
    expect(invited.status).toBe(201);
    const inbox = await (await signedIn(email)).request('GET', '/referrals');
    expect(inbox.status).toBe(200);
  });

  it('refuses an address already in use (409), a body it cannot use (400 naming the field), and every role but the beheerder', async () => {
    const email = uniqueEmail('dubbel');
    expect((await beheerder.request('POST', '/users', verwijzer(email))).status).toBe(201);
    const again = await beheerder.request('POST', '/users', verwijzer(email.toUpperCase()));
    expect(again.status).toBe(409);
    expect(again.headers.get('content-type')).toContain('application/problem+json');
    expect(again.json.errors).toEqual([expect.objectContaining({ path: 'email' })]);

    const badRole = await beheerder.request('POST', '/users', { ...verwijzer(uniqueEmail('x')), role: 'admin' });
    expect(badRole.status).toBe(400);
    expect(badRole.json.errors).toEqual([expect.objectContaining({ path: 'role' })]);
    const badEmail = await beheerder.request('POST', '/users', { ...verwijzer('geen-adres'), extra: 1 });
    expect(badEmail.status).toBe(400);
    expect(badEmail.json.errors.map((error: { path: string }) => error.path).sort()).toEqual(['email', 'extra']);
    // A region is never chosen in the body: the beheerder's own region is the only one.
    const region = await beheerder.request('POST', '/users', { ...verwijzer(uniqueEmail('y')), regionId: 'regio-elders' });
    expect(region.status).toBe(400);

    for (const username of ['manager-regio', 'poh-delinde', 'coordinator-voorbeeld', 'privacy-voorbeeld']) {
      const other = await OverbrugClient.local(stack.endpoints, username);
      expect((await other.request('GET', '/users')).status, username).toBe(403);
      expect((await other.request('POST', '/users', verwijzer(uniqueEmail('z')))).status, username).toBe(403);
    }
  });

  it('lets an invited beheerder keep the users too, but not deactivate their own account', async () => {
    const email = uniqueEmail('tweede.beheerder');
    const invited = await beheerder.request('POST', '/users', { email, name: 'Tweede beheerder', role: 'beheerder', organisationId: 'regio-voorbeeld' });
    expect(invited.status).toBe(201);
    const second = await signedIn(email);
    expect((await second.request('GET', '/users?role=beheerder')).json.items).toContainEqual(expect.objectContaining({ email }));
    const self = await second.request('PUT', `/users/${invited.json.userId}`, { active: false });
    expect(self.status).toBe(409);
    expect(self.json.errors).toEqual([expect.objectContaining({ path: 'active' })]);
    expect((await beheerder.request('PUT', `/users/${randomUUID()}`, { active: false })).status).toBe(404);
  });
});
