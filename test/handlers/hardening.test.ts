import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccessLog } from '#shared/adapters/access-log.ts';
import { encodeCursor } from '#shared/http/cursor.ts';
import { DEMO_USERS } from '#shared/regions/demo-users.ts';
import { sampleBody } from '../support/samples.ts';
import { startInProcessApi, type InProcessApi } from '../support/in-process-api.ts';

// Issue 14: what an outside review found, each held to a test over real HTTP against the handlers
// behind the local gateway (items 4, 6, 7, 8, 10, 11; items 2 and 3 in test/unit/free-text.test.ts,
// item 5 in test/unit/lifecycle.test.ts, item 9 in test/handlers/hostile-input.test.ts).

let api: InProcessApi;
const token = (username: string, options?: Parameters<InProcessApi['aws']['idp']['idToken']>[1]) => api.aws.idp.idToken(username, options);

async function call(method: string, path: string, { as, body, headers = {} }: { as?: string; body?: unknown; headers?: Record<string, string> } = {}) {
  const response = await fetch(`${api.url}${path}`, {
    method,
    headers: {
      ...(as ? { authorization: `Bearer ${as.includes('.') ? as : await token(as)}` } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...headers,
    },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, type: response.headers.get('content-type'), json: text.startsWith('{') ? (JSON.parse(text) as Record<string, any>) : undefined, text };
}

async function accessLogOf(referralId: string) {
  const { Items } = await api.aws.document.send(
    new QueryCommand({ TableName: api.aws.tableNames['access-log'], KeyConditionExpression: 'referralId = :id', ExpressionAttributeValues: { ':id': referralId } }),
  );
  return Items ?? [];
}

let referralId: string;
beforeAll(async () => {
  api = await startInProcessApi();
  const body = await sampleBody('combined');
  // Item 4: who the referrer is comes from the token, whatever the body says.
  body.referrer = { ...body.referrer, name: 'Iemand Anders', organisation: 'Nep BV', email: 'aanvaller@evil.example' };
  const created = await call('POST', '/referrals', { as: 'poh-delinde', body });
  expect(created.status).toBe(202);
  referralId = created.json!.referralId;
});
afterAll(() => api?.close());

describe('the referrer is who the token says (item 4)', () => {
  it('stores the account’s name, organisation and e-mail, never the body’s', async () => {
    const { Item } = await api.aws.document.send(new GetCommand({ TableName: api.aws.tableNames.referrals, Key: { referralId } }));
    const account = DEMO_USERS.find((user) => user.username === 'poh-delinde')!;
    expect(Item!.referrer).toEqual({ kind: 'poh-ggz', name: account.name, organisation: account.organisationName, email: account.email, phone: '+31100000111' });
    expect(JSON.stringify(Item)).not.toContain('evil.example');
  });

  it('refuses an account without an e-mail or organisation name, which a referral names its referrer by', async () => {
    const withoutOrganisationName = await token('poh-delinde', { claims: { 'custom:organisation_name': '' } });
    expect((await call('POST', '/referrals', { as: withoutOrganisationName, body: await sampleBody('combined') })).status).toBe(403);
  });
});

describe('refused reads of a client record are in the access log (item 6)', () => {
  it('logs a 404 for another organisation and a 403 for a role that may not, with the outcome', async () => {
    expect((await call('GET', `/referrals/${referralId}`, { as: 'huisarts-rivierkade' })).status).toBe(404);
    expect((await call('GET', `/referrals/${referralId}`, { as: 'partner-de-brug' })).status).toBe(403);
    expect((await call('POST', `/referrals/${referralId}/actions`, { as: 'cp-sanne-jansen', body: { action: 'accept' } })).status).toBe(404);
    expect((await call('POST', `/hand-offs/${referralId}/actions`, { as: 'partner-de-brug', body: { action: 'accept' } })).status).toBe(404);
    const refusals = (await accessLogOf(referralId)).filter((entry) => entry.action === 'attempt');
    expect(refusals.map((entry) => [entry.role, entry.outcome]).sort()).toEqual([
      ['clientondersteuner', 'not-found'],
      ['partner', 'forbidden'],
      ['partner', 'not-found'],
      ['verwijzer', 'not-found'],
    ]);
  });

  it('logs every case a list shows', async () => {
    const list = await call('GET', '/referrals?state=all', { as: 'poh-delinde' });
    expect(list.json!.items.map((item: { referralId: string }) => item.referralId)).toContain(referralId);
    expect((await accessLogOf(referralId)).some((entry) => entry.action === 'list-referrals' && entry.outcome === 'shown')).toBe(true);
  });
});

describe('the access log only grows (item 7)', () => {
  it('refuses to overwrite an entry', async () => {
    const log = new AccessLog(api.aws.document, api.aws.tableNames['access-log']);
    const entry = { referralId, regionId: 'regio-voorbeeld', route: 'GET /referrals/{referralId}', actor: 'x', role: 'verwijzer' as const, action: 'read-referral-status', outcome: 'shown' as const, purpose: 'test', at: new Date().toISOString(), requestId: 'r-1' };
    await log.record(entry);
    await expect(log.record({ ...entry, purpose: 'overwritten' })).rejects.toMatchObject({ name: 'ConditionalCheckFailedException' });
  });
});

describe('4xx, never 5xx, for what the review sent (item 8)', () => {
  it('refuses a hand-made list cursor with missing, extra or empty key parts', async () => {
    for (const cursor of [
      encodeCursor({ referralId: 'x', referrerOrganisationId: 'hap-de-linde' }),
      encodeCursor({ referralId: 'x', referrerOrganisationId: 'hap-de-linde', createdAt: '2026', extra: 'y' }),
      encodeCursor({ referralId: '', referrerOrganisationId: 'hap-de-linde', createdAt: '' }),
    ]) {
      const answer = await call('GET', `/referrals?cursor=${cursor}`, { as: 'poh-delinde' });
      expect(answer.status, cursor).toBe(400);
      expect(answer.json!.errors).toEqual([{ path: 'cursor', message: expect.any(String) }]);
    }
  });

  it('refuses a token whose region this deployment does not serve with 403', async () => {
    const elsewhere = await token('manager-regio', { claims: { 'custom:region_id': 'regio-onbekend' } });
    expect(await call('GET', '/statistics', { as: elsewhere })).toMatchObject({ status: 403, type: 'application/problem+json' });
    const beheerder = await token('beheerder-kaart', { claims: { 'custom:region_id': 'regio-onbekend' } });
    expect((await call('GET', '/kaart', { as: beheerder })).status).toBe(403);
  });

  it('refuses a kaart import nested 20,000 arrays deep before parsing it', async () => {
    const depth = 20_000;
    const answer = await call('POST', '/kaart/import', { as: 'beheerder-kaart', body: `{"format":"json","document":${'['.repeat(depth)}${']'.repeat(depth)}}` });
    expect(answer).toMatchObject({ status: 400, type: 'application/problem+json' });
    expect(answer.json!.errors[0].message).toMatch(/nest/);
  });

  it('answers a path with malformed percent-encoding with 400, as API Gateway does', async () => {
    for (const path of [`/referrals/%E0%A4%A`, '/referrals/%', '/kaart/%ZZ']) expect((await call('GET', path, { as: 'poh-delinde' })).status, path).toBe(400);
  });
});

describe('tokens and queries (item 10)', () => {
  it('refuses a token without exp, one living longer than a day, and one issued in the future', async () => {
    for (const bad of [
      await token('poh-delinde', { expiresIn: null }),
      await token('poh-delinde', { expiresIn: 2 * 24 * 3600 }),
      await token('poh-delinde', { now: Date.now() + 10 * 60_000 }),
    ]) {
      expect(await call('GET', '/referrals', { as: bad })).toMatchObject({ status: 401, type: 'application/problem+json' });
    }
    // A day ahead and a clock a minute fast are fine.
    expect((await call('GET', '/referrals', { as: await token('poh-delinde', { expiresIn: 24 * 3600 }) })).status).toBe(200);
    expect((await call('GET', '/referrals', { as: await token('poh-delinde', { now: Date.now() + 60_000 }) })).status).toBe(200);
  });

  it('refuses query parameters a route does not define, on every kind of route', async () => {
    expect((await call('GET', '/services?__proto__=1')).status).toBe(400);
    expect((await call('GET', '/health?debug=1')).status).toBe(400);
    const answer = await call('GET', '/referrals?state=open&sort=name', { as: 'poh-delinde' });
    expect(answer).toMatchObject({ status: 400, type: 'application/problem+json' });
    expect(answer.json!.errors).toEqual([{ path: 'sort', message: expect.stringContaining('state, limit, cursor, q') }]);
    expect((await call('GET', `/referrals/${referralId}?x=1`, { as: 'poh-delinde' })).status).toBe(400);
  });

  it('refuses impossible dates in the statistics and in case actions', async () => {
    const answer = await call('GET', '/statistics?from=2026-02-30&to=2026-03-31', { as: 'manager-regio' });
    expect(answer.status).toBe(400);
    expect(answer.json!.errors).toEqual([{ path: 'from', message: 'Vul een geldige begindatum in.' }]);
    expect((await call('GET', '/statistics?from=2024-02-29&to=2024-03-31', { as: 'manager-regio' })).status).toBe(200);
    // A date of the calendar, but far from today: no period ending in the year 10000.
    const far = await call('GET', '/statistics?to=9999-12-31', { as: 'manager-regio' });
    expect(far.status).toBe(400);
    expect(far.json!.errors).toEqual([{ path: 'to', message: 'Kies een einddatum die hoogstens 10 jaar van vandaag ligt.' }]);
  });
});

describe('the kaart and HSDS routes keep the same rules (items 2, 3 and 10)', () => {
  it('refuses unknown query parameters on the HSDS API, naming every one, and serves the defined ones', async () => {
    const answer = await call('GET', '/hsds/services?per_page=1&__proto__=1&proximity=5');
    expect(answer).toMatchObject({ status: 400, type: 'application/problem+json' });
    expect(answer.json!.errors.map((error: { path: string }) => error.path).sort()).toEqual(['__proto__', 'proximity']);
    expect((await call('GET', '/hsds/services?per_page=1&page=1&full=true')).status).toBe(200);
    expect((await call('GET', '/hsds/taxonomy_terms?top_only=true')).status).toBe(200);
    for (const path of ['/hsds?debug=1', '/hsds/openapi.json?x=1', '/hsds/taxonomies/00000000-0000-0000-0000-000000000000?x=1', '/kaart/crosswalks?all=1']) {
      expect((await call('GET', path, { as: 'beheerder-kaart' })).status, path).toBe(400);
    }
  });

  it("refuses a BSN or a line break in an entry's vast aanspreekpunt, naming the field, and keeps the contact as it was", async () => {
    const before = await call('GET', '/kaart/vb-wachtmaatje', { as: 'beheerder-kaart' });
    const contact = { name: 'Mira de Vries', email: 'mira@voorbeeld.example', phone: '010-0000123' };
    for (const [field, value, rule] of [
      ['name', 'Mira\nLET OP: bel direct 06-12345678', 'single line'],
      ['name', 'Mira\u202Ediv', 'single line'],
      ['name', 'Mira (BSN 111.222.333)', 'BSN'],
      ['phone', '010-0000123\nLET OP: bel direct', 'single line'],
    ] as const) {
      const answer = await call('PUT', '/kaart/vb-wachtmaatje/contact', { as: 'beheerder-kaart', body: { ...contact, [field]: value } });
      expect(answer.status, `${field} ${JSON.stringify(value)}`).toBe(400);
      expect(answer.json!.errors).toEqual([{ path: field, message: expect.stringContaining(rule) }]);
    }
    expect((await call('GET', '/kaart/vb-wachtmaatje', { as: 'beheerder-kaart' })).json!.contact).toEqual(before.json!.contact);
  });

  it('refuses a BSN or a line break in the free text of a crosswalk, and saves nothing', async () => {
    const crosswalk = { description: 'Sociale kaart Oudstad naar Regio Voorbeeld', rules: [] };
    for (const [path, body] of [
      ['description', { ...crosswalk, description: 'Van de gemeente; vragen: 111 222 333' }],
      ['rules.0.note', { ...crosswalk, rules: [{ match: { program: 'Schuldhulp' }, set: { category: 'debt-help' }, note: 'zie 111222333' }] }],
      ['defaults.organization.name', { ...crosswalk, defaults: { organization: { id: 'gemeente-oudstad', name: 'Gemeente\nLET OP' } } }],
    ] as const) {
      const answer = await call('PUT', '/kaart/crosswalks/sk-oudstad', { as: 'beheerder-kaart', body });
      expect(answer.status, path).toBe(400);
      expect(answer.json!.errors.map((error: { path: string }) => error.path)).toContain(path);
    }
    expect((await call('GET', '/kaart/crosswalks', { as: 'beheerder-kaart' })).json!.items).toEqual([]);
  });
});

describe('the development sign-in (item 11)', () => {
  it('answers on a loopback Host only, and cannot be framed', async () => {
    const server = createServer((request, response) => void api.aws.idp.handle(request, response, (request.url ?? '/').split('?')[0]!));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const send = (host: string) =>
        new Promise<number>((resolve, reject) => {
          // fetch() cannot set Host; node:http can.
          const request = httpRequest(`${base}/.well-known/jwks.json`, { headers: { host } }, (response) => {
            response.resume();
            resolve(response.statusCode ?? 0);
          });
          request.on('error', reject);
          request.end();
        });
      expect(await send('evil.example')).toBe(421);
      expect(await send('localhost.evil.example:3000')).toBe(421);
      expect(await send('localhost:3000')).toBe(200);
      expect(await send('127.0.0.1')).toBe(200);
      const page = await fetch(`${base}/oauth2/authorize?client_id=nobody`);
      expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      expect(page.headers.get('x-frame-options')).toBe('DENY');
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
