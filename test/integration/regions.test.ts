import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStackProcess, type StackProcess } from '#local/child-process.ts';
import { OverbrugClient } from '../support/api-client.ts';
import { sampleBody } from '../support/samples.ts';

// Two regions in one deployment (issue 16): the second, Regio Zuidermeer, is started with the CLI
// (`npm run region -- init`) in the running stack, a referral goes into each, and no role of one
// region sees anything of the other: lists, reads by id, statistics, kaart, team, desk, access log, users.

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const ZUIDERMEER_FILE = 'shared/regions/regio-zuidermeer/region-file.json';
const run = promisify(execFile);

let stack: StackProcess;
const as = (username: string) => OverbrugClient.local(stack.endpoints, username);
beforeAll(async () => {
  stack = await startStackProcess();
});
afterAll(() => stack?.stop());

const regionCli = (...args: string[]) => run(process.execPath, ['scripts/region.ts', ...args, '--data-dir', stack.dataDir], { cwd: ROOT });

/** A referral for a client in Meerstad (PC4 9951), by the Zuidermeer huisarts. */
async function meerstadBody() {
  const body = await sampleBody('social-domain');
  body.client.gemeente = 'Meerstad';
  body.client.postcode = '9951';
  body.referrer = { kind: 'huisarts' };
  return body;
}

const DAY = 24 * 60 * 60 * 1000;
const ids = (json: any) => (json.items as { referralId: string }[]).map((item) => item.referralId);

describe('a second region, initialised with the CLI', () => {
  let voorbeeldId: string;
  let zuidermeerId: string;
  let zuidermeerContactPerson: string;
  let voorbeeldContactPerson: string;
  const waitingIds: string[] = [];

  it('is not served before it is initialised: its manager is refused, its gemeenten are unknown', async () => {
    expect((await (await as('manager-zuidermeer')).request('GET', '/statistics')).status).toBe(403);
    const refused = await (await as('huisarts-meerstad')).submit(await meerstadBody());
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.json)).toContain('client.gemeente');
  });

  it('refuses a file with a gemeente of Regio Voorbeeld, and initialises the region file, which the functions then serve', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'overbrug-region-'));
    const region = JSON.parse(await readFile(join(ROOT, 'shared/regions/regio-zuidermeer/region.json'), 'utf8'));
    region.gemeenten.push({ name: 'Heuvelrand', postcodes: ['9971'] });
    const file = join(folder, 'region-file.json');
    const beside = (name: string) => join(ROOT, 'shared/regions/regio-zuidermeer', name);
    await writeFile(file, JSON.stringify({ region, triageRules: beside('triage-rules.json'), contactPersons: beside('clientondersteuners.json'), kaart: { hsds: beside('kaart-hsds.json') } }));
    const refused = await regionCli('init', file).catch((error: { code: number; stderr: string }) => error);
    await rm(folder, { recursive: true, force: true });
    expect(refused).toMatchObject({ code: 2, stderr: expect.stringMatching(/nothing was written:\n- region\.gemeenten: Heuvelrand belongs to region regio-voorbeeld/) });

    const { stdout } = await regionCli('init', ZUIDERMEER_FILE);
    expect(stdout).toMatch(/regio-zuidermeer \(Regio Zuidermeer \(fictief\)\) written as revision 1/);
    expect(stdout).toMatch(/Cliëntondersteuners added \(3\)/);
    const listed = await regionCli('list');
    expect(listed.stdout).toMatch(/regio-voorbeeld\s+revision 1/);
    expect(listed.stdout).toMatch(/regio-zuidermeer\s+revision 1/);
    // Warm functions read the regions again after a short while (REGIONS_CACHE_SECONDS; 2 s locally).
    const manager = await as('manager-zuidermeer');
    await expect.poll(async () => (await manager.request('GET', '/statistics')).status, { timeout: 30_000, interval: 500 }).toBe(200);

    // The web app asks which regions are served when it starts: the new one is there without a new build, gemeenten and crisis numbers with it.
    const served = async () => ((await (await fetch(`${stack.endpoints.api}/regions`)).json()) as { items: { regionId: string; gemeenten: { name: string }[]; crisis: { call: unknown[] } }[] }).items;
    await expect.poll(async () => (await served()).map((item) => item.regionId), { timeout: 30_000, interval: 500 }).toEqual(['regio-voorbeeld', 'regio-zuidermeer']);
    // Its rule set is one `npm run rules` knows now too.
    const rules = await run(process.execPath, ['scripts/rules.ts', 'test', 'regio-zuidermeer', '--data-dir', stack.dataDir], { cwd: ROOT });
    expect(rules.stdout).toMatch(/Example cases of regio-zuidermeer rule set/);
    expect(rules.stdout).toMatch(/(\d+) of \1 hold\./);
    const zuidermeer = (await served()).find((item) => item.regionId === 'regio-zuidermeer')!;
    expect(zuidermeer.gemeenten.map((gemeente) => gemeente.name)).toContain(JSON.parse(await readFile(join(ROOT, 'shared/regions/regio-zuidermeer/region.json'), 'utf8')).gemeenten[0].name);
    expect(zuidermeer.crisis.call.length).toBeGreaterThanOrEqual(1);
  });

  it('takes referrals in each region, each matched within its own region', async () => {
    const poh = await as('poh-delinde');
    const huisarts = await as('huisarts-meerstad');
    const voorbeeld = await poh.submit(await sampleBody('social-domain'));
    const zuidermeer = await huisarts.submit(await meerstadBody());
    expect([voorbeeld.status, zuidermeer.status]).toEqual([202, 202]);
    voorbeeldId = voorbeeld.json.referralId;
    zuidermeerId = zuidermeer.json.referralId;
    // And one waiting 20 weeks on basic ggz in each: beyond the treeknorm, on its manager's list.
    const waiting = async (client: OverbrugClient, body: Record<string, any>) => {
      body.waiting = { onGgzWaitlist: true, since: new Date(Date.now() - 20 * 7 * DAY).toISOString().slice(0, 10), provider: 'GGZ (fictief)' };
      return (await client.submit(body)).json.referralId as string;
    };
    const meerstadWaiting = await meerstadBody();
    Object.assign(meerstadWaiting, { intake: (await sampleBody('basic-ggz')).intake });
    waitingIds.push(await waiting(poh, await sampleBody('basic-ggz')), await waiting(huisarts, meerstadWaiting));
    await poh.waitForStatus(voorbeeldId, ['notified']);
    await huisarts.waitForStatus(zuidermeerId, ['notified']);
    await poh.waitForStatus(waitingIds[0]!, ['notified']);
    await huisarts.waitForStatus(waitingIds[1]!, ['notified']);
    const view = (await huisarts.get(zuidermeerId)).json;
    expect(view.caseNumber).toMatch(/^RZ-/);
    expect(view.contactPerson!.id).toMatch(/^cp-zm-/);
    zuidermeerContactPerson = view.contactPerson!.id;
    const other = (await poh.get(voorbeeldId)).json;
    expect(other.caseNumber).toMatch(/^RV-/);
    expect(other.contactPerson!.id).not.toMatch(/^cp-zm-/);
    voorbeeldContactPerson = other.contactPerson!.id;
    // Every option offered comes from the region's own kaart.
    expect(JSON.stringify(view)).not.toMatch(/"vb-/);
    expect(JSON.stringify(view)).toMatch(/"zm-/);
    expect(JSON.stringify(other)).not.toMatch(/"zm-/);
  });

  it('verwijzer: the list and a read by id show their own region only', async () => {
    const poh = await as('poh-delinde');
    const huisarts = await as('huisarts-meerstad');
    expect(ids((await poh.request('GET', '/referrals')).json)).toContain(voorbeeldId);
    expect(ids((await poh.request('GET', '/referrals')).json)).not.toContain(zuidermeerId);
    expect(ids((await huisarts.request('GET', '/referrals')).json).sort()).toEqual([zuidermeerId, waitingIds[1]].sort());
    expect((await poh.request('GET', `/referrals/${zuidermeerId}`)).status).toBe(404);
    // A referrer files cases in their own region only.
    const elsewhere = await huisarts.submit(await sampleBody('social-domain'));
    expect(elsewhere.status).toBe(400);
    expect(JSON.stringify(elsewhere.json)).toContain('Polderdam is not a gemeente of your region');
    expect((await huisarts.request('GET', `/referrals/${voorbeeldId}`)).status).toBe(404);
  });

  it("clientondersteuner: the inbox and a read by id show their own region's cases only", async () => {
    const zm = await as(zuidermeerContactPerson);
    const vb = await as(voorbeeldContactPerson);
    expect(ids((await zm.request('GET', '/referrals')).json)).toContain(zuidermeerId);
    expect(ids((await zm.request('GET', '/referrals')).json)).not.toContain(voorbeeldId);
    expect(ids((await vb.request('GET', '/referrals')).json)).not.toContain(zuidermeerId);
    expect((await zm.request('GET', `/referrals/${voorbeeldId}`)).status).toBe(404);
    expect((await vb.request('GET', `/referrals/${zuidermeerId}`)).status).toBe(404);
  });

  it("partner: its kaart entries and hand-offs are its own region's; another region's entry is not found", async () => {
    const baken = await as('partner-het-baken');
    const kaart = (await baken.request('GET', '/kaart')).json.items as { serviceId: string }[];
    expect(kaart.length).toBeGreaterThan(0);
    expect(kaart.every((service) => service.serviceId.startsWith('zm-'))).toBe(true);
    expect((await baken.request('GET', '/kaart/vb-herstelacademie')).status).toBe(404);
    const handOffs = JSON.stringify((await baken.request('GET', '/hand-offs')).json);
    expect(handOffs).not.toContain(voorbeeldId);
    const brug = await as('partner-de-brug');
    expect(((await brug.request('GET', '/kaart')).json.items as { serviceId: string }[]).some((service) => service.serviceId.startsWith('zm-'))).toBe(false);
    expect(JSON.stringify((await brug.request('GET', '/hand-offs')).json)).not.toContain(zuidermeerId);
  });

  it("manager: statistics count their own region's referrals; the other region's kaart history is not found", async () => {
    const zm = (await (await as('manager-zuidermeer')).request('GET', '/statistics')).json;
    const vb = (await (await as('manager-regio')).request('GET', '/statistics')).json;
    expect(zm.region.name).toBe('Regio Zuidermeer (fictief)');
    expect(vb.region.name).toBe('Regio Voorbeeld (fictief)');
    // Counts under 5 are hidden; the list beyond the treeknorm shows each case, of the region only.
    const beyond = async (username: string) => ((await (await as(username)).request('GET', '/statistics/beyond-treeknorm')).json.items as { referralId: string }[]).map((item) => item.referralId);
    expect(await beyond('manager-zuidermeer')).toEqual([waitingIds[1]]);
    expect(await beyond('manager-regio')).toEqual([waitingIds[0]]);
    expect(JSON.stringify(zm)).not.toMatch(/Rivierstad|Heuvelrand|Polderdam/);
    expect(JSON.stringify(vb)).not.toMatch(/Meerstad|Dijkhoven/);
    expect((await (await as('manager-regio')).request('GET', '/kaart/zm-herstelacademie/history')).status).toBe(404);
    expect((await (await as('manager-zuidermeer')).request('GET', '/kaart/vb-herstelacademie/history')).status).toBe(404);
  });

  it("beheerder: the kaart is their own region's; another region's entry is not found", async () => {
    const zm = await as('beheerder-zuidermeer');
    const vb = await as('beheerder-kaart');
    const own = (await zm.request('GET', '/kaart')).json.items as { serviceId: string; regionId?: string }[];
    expect(own.length).toBeGreaterThanOrEqual(10);
    expect(own.every((service) => service.serviceId.startsWith('zm-'))).toBe(true);
    expect(((await vb.request('GET', '/kaart')).json.items as { serviceId: string }[]).some((service) => service.serviceId.startsWith('zm-'))).toBe(false);
    expect((await zm.request('GET', '/kaart/vb-crisisdienst')).status).toBe(404);
    expect((await vb.request('GET', '/kaart/zm-crisisdienst')).status).toBe(404);
  });

  it("manager and coordinator: the team is their own region's; the desk and a case of the other region are not theirs", async () => {
    for (const [username, own, other] of [
      ['coordinator-zuidermeer', /^cp-zm-/, voorbeeldContactPerson],
      ['manager-zuidermeer', /^cp-zm-/, voorbeeldContactPerson],
      ['coordinator-voorbeeld', /^cp-(?!zm-)/, zuidermeerContactPerson],
      ['manager-regio', /^cp-(?!zm-)/, zuidermeerContactPerson],
    ] as const) {
      const client = await as(username);
      const team = (await client.request('GET', '/contact-persons')).json.items as { contactPersonId: string }[];
      expect(team.length, username).toBeGreaterThan(0);
      expect(team.every((person) => own.test(person.contactPersonId)), username).toBe(true);
      expect((await client.request('GET', `/contact-persons/${other}`)).status, username).toBe(404);
    }
    for (const [username, otherId] of [
      ['coordinator-zuidermeer', voorbeeldId],
      ['coordinator-voorbeeld', zuidermeerId],
    ] as const) {
      const coordinator = await as(username);
      expect(JSON.stringify((await coordinator.request('GET', '/referrals')).json), username).not.toContain(otherId);
      expect((await coordinator.request('GET', `/referrals/${otherId}`)).status, username).toBe(404);
      expect((await coordinator.request('GET', `/referrals/${otherId}/candidates`)).status, username).toBe(404);
    }
  });

  it("privacy officer: the access log holds the reads of their own region's cases only", async () => {
    // Reads in both regions are on record by now (the referrers and contact persons above, and the refusals).
    for (const [username, ownId, otherId] of [
      ['privacy-zuidermeer', zuidermeerId, voorbeeldId],
      ['privacy-voorbeeld', voorbeeldId, zuidermeerId],
    ] as const) {
      const officer = await as(username);
      const log = (await officer.request('GET', '/access-log?limit=200')).json.items as { referralId: string }[];
      expect(log.map((entry) => entry.referralId), username).toContain(ownId);
      expect(log.map((entry) => entry.referralId), username).not.toContain(otherId);
      expect((await officer.request('GET', `/access-log?referralId=${otherId}`)).json.items, username).toEqual([]);
    }
  });

  it("beheerder: the users are their own region's; another region's account is not found", async () => {
    const zm = await as('beheerder-zuidermeer');
    const vb = await as('beheerder-kaart');
    const invited = await zm.request('POST', '/users', { email: 'nieuw.manager@zuidermeer.example', name: 'N. Nieuw', role: 'manager', organisationId: 'regio-zuidermeer' });
    expect(invited.status).toBe(201);
    const userId = invited.json.userId as string;
    expect(((await zm.request('GET', '/users')).json.items as { userId: string }[]).map((user) => user.userId)).toContain(userId);
    expect(((await vb.request('GET', '/users')).json.items as { userId: string }[]).map((user) => user.userId)).not.toContain(userId);
    expect((await vb.request('PUT', `/users/${userId}`, { active: false })).status).toBe(404);
    // The invited manager is Zuidermeer's: their statistics are that region's.
    const manager = await OverbrugClient.local(stack.endpoints, 'nieuw.manager@zuidermeer.example');
    expect((await manager.request('GET', '/statistics')).json.region.name).toBe('Regio Zuidermeer (fictief)');
  });

  it("an account invited with another region's organisation id reaches nothing of that region", async () => {
    const zm = await as('beheerder-zuidermeer');
    // Zuidermeer's beheerder gives a verwijzer De Linde's organisation id, and a partner De Brug's (both Regio Voorbeeld's).
    const verwijzer = await zm.request('POST', '/users', { email: 'verwijzer.linde@zuidermeer.example', name: 'V. Verkeerd', role: 'verwijzer', organisationId: 'hap-de-linde', organisationName: 'De Linde (Zuidermeer)' });
    const partner = await zm.request('POST', '/users', { email: 'partner.brug@zuidermeer.example', name: 'P. Verkeerd', role: 'partner', organisationId: 'stichting-de-brug', organisationName: 'De Brug (Zuidermeer)' });
    expect([verwijzer.status, partner.status]).toEqual([201, 201]);
    const asVerwijzer = await OverbrugClient.local(stack.endpoints, 'verwijzer.linde@zuidermeer.example');
    expect(ids((await asVerwijzer.request('GET', '/referrals')).json)).not.toContain(voorbeeldId);
    expect((await asVerwijzer.request('GET', `/referrals/${voorbeeldId}`)).status).toBe(404);
    // De Linde's own POH still sees it.
    expect(ids((await (await as('poh-delinde')).request('GET', '/referrals')).json)).toContain(voorbeeldId);
    const asPartner = await OverbrugClient.local(stack.endpoints, 'partner.brug@zuidermeer.example');
    expect((await asPartner.request('GET', '/kaart')).json.items).toEqual([]);
    expect((await asPartner.request('GET', '/hand-offs')).json.items).toEqual([]);
  });

  it('the public HSDS read API is the directory of every region served (decided: the kaart is public), each service in its own gemeenten', async () => {
    const search = async (words: string) => (await (await fetch(`${stack.endpoints.api}/hsds/services?search=${encodeURIComponent(words)}`)).json()) as any;
    const zuidermeer = await search('Wachtmaatje Zuidermeer');
    expect(zuidermeer.contents.map((service: any) => service.name)).toEqual(['Wachtmaatje Zuidermeer']);
    const areas = JSON.stringify(((await (await fetch(`${stack.endpoints.api}/hsds/services/zm-wachtmaatje`)).json()) as any).service_areas);
    expect(areas).toMatch(/Meerstad/);
    expect(areas).not.toMatch(/Rivierstad|Heuvelrand|Polderdam/);
    expect((await search('Crisisdienst GGZ Voorbeeld')).contents).toHaveLength(1);
  });
});
