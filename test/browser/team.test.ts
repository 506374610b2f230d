import { describe, expect, it } from 'vitest';
import { mailbox, notificationIdOf, notificationKindOf, OverbrugClient } from '../support/api-client.ts';
import { browserJourney } from '../support/browser-journey.ts';
import { pageProblems, pageReady, PHONE, signIn, textOf } from '../support/browser.ts';
import { sampleBody } from '../support/samples.ts';
import { todayInNL } from '../../web/src/components/format.ts';

// The team page of issue 16 in Chromium on the local stack: the manager adds a cliëntondersteuner
// through the form, who then gets a case; the coordinator records an absence with hand-over, sees
// which case moved and which stayed (the region told), and the history says who did it.

const journey = browserJourney();
const POLL = { timeout: 10_000 };

const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const caseloadIn = (page: import('playwright-core').Page, id: string) => page.locator(`tr[data-contact-person="${id}"] [data-caseload]`).getAttribute('data-caseload');

describe('the team in the browser', () => {
  it('the manager adds a cliëntondersteuner through the form, who then receives a case', async () => {
    const { stack, web } = journey;
    const page = await journey.open();
    await signIn(page, web, 'manager-regio', { hash: '#/team' });
    await pageReady(page);
    expect(await textOf(page.getByRole('heading', { level: 1 }))).toBe('Team cliëntondersteuners');
    expect(await pageProblems(page, 'team list')).toEqual([]);

    await page.getByRole('link', { name: 'Cliëntondersteuner toevoegen' }).click();
    await pageReady(page);
    // A phone number that is none: named beside its field, nothing sent.
    await page.getByLabel('Naam', { exact: true }).fill('Eva de Boer');
    await page.getByLabel('Organisatie').fill('Cliëntondersteuning Voorbeeld');
    await page.getByLabel('E-mail (werk)').fill('eva.deboer@clientondersteuning-voorbeeld.example');
    await page.getByLabel('Telefoon (werk)').fill('12345');
    await page.getByRole('checkbox', { name: 'Rivierstad' }).check();
    await page.getByLabel('Maximale caseload').fill('3');
    await page.getByRole('button', { name: 'Toevoegen' }).click();
    await expect.poll(() => page.locator('#team-phone-error').count(), POLL).toBe(1);
    expect(await pageProblems(page, 'team form with an error')).toEqual([]);
    await page.getByLabel('Telefoon (werk)').fill('06-12345678');
    await page.getByRole('button', { name: 'Toevoegen' }).click();
    await expect.poll(() => page.evaluate('location.hash'), POLL).toMatch(/^#\/team\/cp-eva-de-boer-[0-9a-f]{4}$/);
    await pageReady(page);
    expect(await textOf(page.getByRole('heading', { level: 1 }))).toBe('Eva de Boer');
    const contactPersonId = ((await page.evaluate('location.hash')) as string).split('/')[2]!;

    // The others in Rivierstad deactivated (through the API): the next client there can only go to her.
    const manager = await OverbrugClient.local(stack.endpoints, 'manager-regio');
    for (const id of ['cp-anouk-de-vries', 'cp-mohamed-el-amrani', 'cp-fatma-yilmaz', 'cp-joost-van-dijk']) {
      const { json } = await manager.request('GET', `/contact-persons/${id}`);
      const { contactPersonId: _id, caseload: _caseload, ...fields } = json;
      expect((await manager.request('PUT', `/contact-persons/${id}`, { ...fields, active: false })).status).toBe(200);
    }
    const poh = await OverbrugClient.local(stack.endpoints, 'poh-delinde');
    const { json } = await poh.submit(await sampleBody('combined'));
    expect((await poh.waitForStatus(json.referralId, ['notified'])).contactPerson?.id).toBe(contactPersonId);

    await page.getByRole('link', { name: '← Terug naar het team' }).click();
    await pageReady(page);
    expect(await caseloadIn(page, contactPersonId)).toBe('1');
    expect(await textOf(page.locator(`tr[data-contact-person="cp-anouk-de-vries"]`))).toContain('niet actief');
    // The history of Eva: added by the manager, by name.
    await page.getByRole('link', { name: 'Eva de Boer' }).click();
    await pageReady(page);
    await expect.poll(() => page.locator('tr[data-change="created"]').count(), POLL).toBe(1);
    expect(await textOf(page.locator('tr[data-change="created"]'))).toContain('M. de Wit (regiomanager), manager');
  });

  it('the coordinator records an absence with hand-over: one case moves, one stays and the region is told', async () => {
    const { stack, web } = journey;
    const coordinator = await OverbrugClient.local(stack.endpoints, 'coordinator-voorbeeld');
    const poh = await OverbrugClient.local(stack.endpoints, 'poh-delinde');
    // Heuvelrand's team for this test: one person with two cases, one colleague with room for one.
    for (const id of ['cp-mohamed-el-amrani', 'cp-sanne-jansen', 'cp-joost-van-dijk', 'cp-lotte-visser']) {
      const { json } = await coordinator.request('GET', `/contact-persons/${id}`);
      const { contactPersonId: _id, caseload: _caseload, ...fields } = json;
      if (fields.active) expect((await coordinator.request('PUT', `/contact-persons/${id}`, { ...fields, active: false })).status).toBe(200);
    }
    const person = (id: string, name: string, caseloadLimit: number) => ({
      contactPersonId: id,
      name,
      organisation: 'Welzijn Heuvelrand',
      email: `${id}@welzijn-heuvelrand.example`,
      gemeenten: ['Heuvelrand'],
      caseloadLimit,
      languages: ['nl'],
      active: true,
    });
    expect((await coordinator.request('POST', '/contact-persons', person('cp-ruben-smit', 'Ruben Smit', 10))).status).toBe(201);
    const referrals: string[] = [];
    for (let index = 0; index < 2; index++) {
      const { json } = await poh.submit(await sampleBody('advice-only'));
      expect((await poh.waitForStatus(json.referralId, ['notified'])).contactPerson?.id).toBe('cp-ruben-smit');
      referrals.push(json.referralId);
    }
    expect((await coordinator.request('POST', '/contact-persons', person('cp-iris-kok', 'Iris Kok', 1))).status).toBe(201);

    const page = await journey.open({ viewport: PHONE });
    await signIn(page, web, 'coordinator-voorbeeld', { hash: '#/team/cp-ruben-smit' });
    await pageReady(page);
    expect(await textOf(page.getByRole('heading', { level: 1 }))).toBe('Ruben Smit');
    const today = todayInNL();
    await page.getByLabel('Eerste dag').fill(today);
    await page.getByLabel('Laatste dag').fill(addDays(today, 4));
    await page.getByRole('radio', { name: 'Overdragen aan collega’s' }).check();
    await page.getByRole('button', { name: 'Afwezigheid opslaan' }).click();
    await expect.poll(() => page.locator('.notice').filter({ hasText: '1 zaak overgedragen' }).count(), POLL).toBe(1);
    expect(await textOf(page.locator('.team-hand-over'))).toContain('gaat naar Iris Kok');
    expect(await textOf(page.locator('.team-hand-over'))).toContain('1 zaak niet overgedragen');
    expect(await textOf(page.locator('.team-hand-over'))).toContain('De regio heeft een e-mail gekregen');
    expect(await page.locator('[data-caseload]').getAttribute('data-caseload')).toBe('1');
    await expect.poll(() => page.locator('tr[data-change="handed-over"]').count(), POLL).toBe(1);
    expect(await textOf(page.locator('tr[data-change="handed-over"]'))).toContain('C. Bos');
    expect(await pageProblems(page, 'person page after a hand-over')).toEqual([]);

    // The colleague and the referrer are told of the case that moved; the region of the one that stayed.
    const moved = (await Promise.all(referrals.map(async (id) => ((await poh.get(id)).json.contactPerson?.id === 'cp-iris-kok' ? id : undefined)))).find(Boolean)!;
    const stayed = referrals.find((id) => id !== moved)!;
    const kinds = async (referralId: string) =>
      (await mailbox(stack.endpoints.mailbox)).filter((email) => notificationIdOf(email)?.startsWith(referralId)).map((email) => `${notificationKindOf(email)} ${email.destination.to[0]}`);
    await expect.poll(() => kinds(moved), POLL).toEqual(expect.arrayContaining(['contact-person-change cp-iris-kok@welzijn-heuvelrand.example', 'referrer-contact-person-change poh.visser@praktijk-delinde.example']));
    await expect.poll(() => kinds(stayed), POLL).toEqual(expect.arrayContaining(['region-hand-over regie@regio-voorbeeld.example']));

    // The team list shows the counts as they are now: one each.
    await page.goto(`${web}#/team`);
    await pageReady(page);
    expect(await caseloadIn(page, 'cp-ruben-smit')).toBe('1');
    expect(await caseloadIn(page, 'cp-iris-kok')).toBe('1');
    expect(await textOf(page.locator('tr[data-contact-person="cp-ruben-smit"]'))).toContain('afwezig');
    expect(await pageProblems(page, 'team list on a phone')).toEqual([]);
  });
});
