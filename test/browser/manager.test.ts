import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { OverbrugClient } from '../support/api-client.ts';
import { browserJourney } from '../support/browser-journey.ts';
import { pageProblems, pageReady, PHONE, referThroughForm, requestsTo, signIn, textOf } from '../support/browser.ts';
import { sampleBody } from '../support/samples.ts';
import { formatDate, todayInNL } from '../../web/src/components/format.ts';

// The manager's journey in Chromium on the local stack: the dashboard's counts before and after
// referrals come in (through the API and through the POH's form), the gemeente filter, the CSV of
// what is shown, and the cases waiting beyond the treeknorm. Counts under 5 stay "<5" throughout.

const journey = browserJourney();
const open = journey.open;

const POLL = { timeout: 5_000 };
const DAY = 24 * 60 * 60 * 1000;
const weeksAgo = (weeks: number) => new Date(Date.now() - weeks * 7 * DAY).toISOString().slice(0, 10);
const ROUTES_TABLE = 'Verwijzingen per route, per week, en over de hele periode';

const keyFigure = (page: Page, label: string) => textOf(page.locator('.key-figure').filter({ has: page.getByText(label, { exact: true }) }).locator('.key-figure-value'));

/** The cells of a table's row, as the page shows them. */
async function rowOf(page: Page, table: string, row: string): Promise<string[]> {
  const cells = page.getByRole('table', { name: table }).getByRole('row').filter({ has: page.getByRole('rowheader', { name: row, exact: true }) }).locator('th, td');
  return (await cells.allInnerTexts()).map((text) => text.trim());
}

/** Waits for the page to show a new view: its figures loaded and its charts drawn. */
async function figuresShown(page: Page) {
  await pageReady(page);
  await expect.poll(() => page.locator('figure.chart:not([data-chart="drawn"])').count(), POLL).toBe(0);
}

describe('the manager in the browser', () => {
  let longWaiting: { caseNumber: string; contactPerson: string };
  let alsoWaiting: { caseNumber: string };

  it('sees the counts change as referrals come in, narrows them to a gemeente, downloads what is shown, and finds the case beyond the treeknorm', async () => {
    const { stack, web } = journey;
    const page = await open();
    await signIn(page, web, 'manager-regio');
    await figuresShown(page);
    await expect.poll(() => textOf(page.getByRole('heading', { level: 1 })), POLL).toBe('Dashboard');
    // A fresh region: nothing yet. A zero singles out nobody, so it shows as 0.
    expect(await keyFigure(page, 'Verwijzingen in de periode')).toBe('0');
    expect(await rowOf(page, ROUTES_TABLE, 'Hele periode')).toEqual(['Hele periode', '0', '0', '0', '0', '0', '0', '0']);

    // Referrals come in: eight through the API...
    const poh = await OverbrugClient.local(stack.endpoints, 'poh-delinde');
    const submitted: string[] = [];
    for (let index = 0; index < 6; index++) submitted.push((await poh.submit(await sampleBody('social-domain'))).json.referralId);
    const waits = async (route: 'basic-ggz' | 'combined', weeks: number) => {
      const body = await sampleBody(route);
      body.waiting = { onGgzWaitlist: true, since: weeksAgo(weeks), provider: 'GGZ Voorbeeld' };
      const { json } = await poh.submit(body);
      submitted.push(json.referralId);
      return json.referralId as string;
    };
    const longId = await waits('basic-ggz', 20);
    alsoWaiting = { caseNumber: (await poh.get(await waits('combined', 16))).json.caseNumber };
    submitted.push((await poh.submit(await sampleBody('advice-only'))).json.referralId);
    for (const referralId of submitted) await poh.waitForStatus(referralId, ['notified']);
    const longView = (await poh.get(longId)).json;
    // The list names each case by the case number its contact person knows it by.
    longWaiting = { caseNumber: longView.caseNumber, contactPerson: longView.contactPerson!.name };

    // ... and one through the POH's form.
    const form = await open();
    await signIn(form, web, 'poh-delinde');
    const formReferral = await referThroughForm(form, web, {
      ref: `mgr-${randomUUID().slice(0, 8)}`,
      postcode: '9903',
      domains: [
        { domain: 'finances', need: 'high' },
        { domain: 'housing', need: 'some' },
      ],
      consent: { shareWithPartners: true, shareDiagnosis: false, involveNaasten: false },
    });
    await poh.waitForStatus(formReferral, ['notified']);

    // The manager reloads: ten referrals, the routes with fewer than 5 as "<5".
    const manager = await OverbrugClient.local(stack.endpoints, 'manager-regio');
    await page.reload();
    await figuresShown(page);
    expect(await keyFigure(page, 'Verwijzingen in de periode')).toBe('10');
    const { json: all } = await manager.request('GET', '/statistics');
    const wholePeriod = await rowOf(page, ROUTES_TABLE, 'Hele periode');
    // As the API gives them, a withheld count in Dutch.
    const shown = (count: unknown) => (count === 'hidden' ? 'verborgen' : String(count));
    expect(wholePeriod).toEqual(['Hele periode', '10', ...['crisis', 'specialised-ggz', 'basic-ggz', 'social-domain', 'combined', 'advice-only'].map((route) => shown(all.referrals.perRoute[route]))]);
    // Sociaal domein: six, seven if the form's referral went there too; or withheld, since with
    // Polderdam's answer (below) the region's count would give Polderdam's basis-ggz one away.
    expect(wholePeriod[5]).toMatch(/^([67]|verborgen)$/);
    expect(wholePeriod[4]).toBe('<5'); // basis-ggz: one
    expect(wholePeriod[7]).toBe('<5'); // advies: one
    await expect.poll(() => textOf(page.locator('section[aria-labelledby="section-routes"]')), POLL).toContain('niet getekend');
    // Nobody has had a first contact yet: the median says why it is missing.
    expect(await rowOf(page, 'Wachttijden van de verwijzingen in de periode, tegen de normen', 'tot het eerste contact')).toEqual([
      'tot het eerste contact',
      '0',
      'te weinig om te tonen (minder dan 5)',
      '4 weken (aanmeldnorm)',
      'te weinig om te tonen (minder dan 5)',
    ]);

    // Narrowed to Polderdam: seven referrals; sociaal domein (six) withheld, since with basis-ggz (one) as the only other it would give that one away.
    // From a Wednesday: the default period is whole weeks, this one is not.
    const fromField = page.getByLabel('Van', { exact: true });
    const monday = new Date(`${await fromField.inputValue()}T12:00:00Z`);
    await fromField.fill(new Date(monday.getTime() + 2 * DAY).toISOString().slice(0, 10));
    await page.getByLabel('Gemeente', { exact: true }).selectOption('Polderdam');
    await page.getByRole('button', { name: 'Cijfers tonen' }).click();
    await page.waitForURL(/gemeente=Polderdam/);
    await figuresShown(page);
    await expect.poll(() => keyFigure(page, 'Verwijzingen in de periode'), POLL).toBe('7');
    const polderdam = await rowOf(page, ROUTES_TABLE, 'Hele periode');
    expect(polderdam.slice(0, 2)).toEqual(['Hele periode', '7']);
    expect(polderdam[4]).toBe('<5'); // basis-ggz: one
    expect(polderdam[5]).toMatch(/^(verborgen|<5)$/); // sociaal domein: six, which would give the one away
    expect(polderdam.slice(2).filter((cell) => /^[1-4]$/.test(cell))).toEqual([]);
    await expect.poll(() => textOf(page.getByRole('status').filter({ hasText: 'Getoond' })), POLL).toContain('Polderdam');
    // The API counts whole weeks; the page says which days those were.
    await expect.poll(() => textOf(page.getByRole('status').filter({ hasText: 'Getoond' })), POLL).toContain(`Getoond: ${formatDate(monday.toISOString().slice(0, 10))} tot en met`);
    await expect.poll(() => textOf(page.getByRole('status').filter({ hasText: 'Getoond' })), POLL).toContain('de cijfers tellen hele weken');

    // The view is in the address: a colleague who opens it sees the same.
    const shared = await open();
    await signIn(shared, web, 'manager-regio', { hash: new URL(page.url()).hash });
    await figuresShown(shared);
    expect(await shared.getByLabel('Gemeente', { exact: true }).inputValue()).toBe('Polderdam');
    expect(await keyFigure(shared, 'Verwijzingen in de periode')).toBe('7');

    // The CSV holds what is shown, "<5" included, and says which view it is.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Cijfers downloaden (CSV)' }).click()]);
    // The days counted, as the API answers for this view (whole weeks).
    const { from, to } = (await manager.request('GET', `/statistics?${new URL(page.url()).hash.split('?')[1]}`)).json.period;
    expect(download.suggestedFilename()).toBe(`overbrug-cijfers_regio-voorbeeld_${from}_tot_${to}_polderdam.csv`);
    const csv = await readFile((await download.path())!, 'utf8');
    expect(csv.startsWith('\ufeff')).toBe(true);
    const records = parse(csv, { delimiter: ';', bom: true, relax_column_count: true }) as string[][];
    expect(records.slice(1, 4)).toEqual([['Van', from], ['Tot en met', to], ['Gemeente', 'Polderdam']]);
    expect(records).toContainEqual(['Verwijzingen in de periode', '7']);
    expect(records).toContainEqual(await rowOf(page, ROUTES_TABLE, 'Hele periode'));
    expect(records).toContainEqual(['wachten nu op ggz', '<5']);
    expect(records).toContainEqual(polderdam);

    // Another gemeente, one referral: "<5".
    await page.getByLabel('Gemeente', { exact: true }).selectOption('Rivierstad');
    await page.getByRole('button', { name: 'Cijfers tonen' }).click();
    await page.waitForURL(/gemeente=Rivierstad/);
    await figuresShown(page);
    await expect.poll(() => keyFigure(page, 'Verwijzingen in de periode'), POLL).toBe('<5');

    // From the key figure to the list: case numbers, longest waiting first, nothing to click through to.
    await page.getByRole('link', { name: 'Naar de lijst' }).click();
    await pageReady(page);
    await expect.poll(() => textOf(page.getByRole('heading', { level: 1 })), POLL).toBe('Wachten boven de treeknorm');
    const rows = page.getByRole('table', { name: 'Open zaken boven de treeknorm, wie het langst wacht eerst' }).locator('tbody tr');
    await expect.poll(() => rows.count(), POLL).toBe(2);
    const first = (await rows.first().locator('th, td').allInnerTexts()).map((text) => text.trim());
    expect(first.slice(0, 2)).toEqual([longWaiting.caseNumber, '20']);
    expect(first[3]).toMatch(/^(ja|nee)$/);
    expect(first[4]).toBe(longWaiting.contactPerson);
    expect(await textOf(rows.nth(1).locator('th'))).toBe(alsoWaiting.caseNumber);
    expect(await textOf(rows.nth(1).locator('td').first())).toBe('16');
    expect(await page.locator('main table a').count()).toBe(0);
    await expect.poll(() => textOf(page.locator('main')), POLL).toContain('geen cliëntgegevens');
  });

  it('shows "Laatste 4 weken" as four weeks ending today, and every service’s places as they are, not as "<5"', async () => {
    const page = await open();
    await signIn(page, journey.web, 'manager-regio', { hash: '#/dashboard' });
    await figuresShown(page);
    await page.getByRole('button', { name: 'Laatste 4 weken' }).click();
    await page.waitForURL(/from=/);
    await figuresShown(page);
    expect(await page.getByRole('button', { name: 'Laatste 4 weken' }).getAttribute('aria-pressed')).toBe('true');
    // This week up to today and the three before it, from their Monday: the days shown are the days chosen.
    const today = todayInNL();
    const monday = new Date(`${today}T12:00:00Z`);
    monday.setUTCDate(monday.getUTCDate() - ((monday.getUTCDay() + 6) % 7) - 3 * 7);
    const from = monday.toISOString().slice(0, 10);
    expect(new URL(page.url()).hash).toBe(`#/dashboard?from=${from}&to=${today}`);
    await expect.poll(() => textOf(page.getByRole('status').filter({ hasText: 'Getoond' })), POLL).toBe(`Getoond: ${formatDate(from)} tot en met ${formatDate(today)}, alle gemeenten.`);
    const weeks = page.getByRole('table', { name: ROUTES_TABLE }).locator('tbody tr');
    expect((await weeks.locator('th').allInnerTexts()).map((text) => text.trim())).toEqual([0, 1, 2, 3].map((week) => formatDate(new Date(monday.getTime() + week * 7 * DAY).toISOString().slice(0, 10))).concat('Hele periode'));

    // Places and places taken are a service's, not a count of clients: numbers in every row.
    const capacity = page.getByRole('table', { name: 'Capaciteit, bezetting en wachttijd per dienst' });
    const rows = await capacity.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => Array.from((tr as { cells: ArrayLike<{ innerText: string }> }).cells, (cell) => cell.innerText.trim())));
    expect(rows.length).toBeGreaterThan(10);
    for (const row of rows) expect(row.slice(2, 5), row[0]).toEqual([expect.stringMatching(/^\d+$/), expect.stringMatching(/^\d+$/), expect.stringMatching(/^\d+$/)]);
  });

  it('says at the field what is wrong with a period, and asks the API nothing until it is right', async () => {
    const page = await open();
    await signIn(page, journey.web, 'manager-regio', { hash: '#/dashboard' });
    await figuresShown(page);
    const asked = requestsTo(page, '/statistics');
    await page.getByLabel('Van', { exact: true }).fill('2026-05-01');
    await page.getByLabel('Tot en met', { exact: true }).fill('2026-04-01');
    await page.getByRole('button', { name: 'Cijfers tonen' }).click();
    await expect.poll(() => textOf(page.locator('#filter-from-error')), POLL).toBe('Fout: De begindatum ligt na de einddatum.');
    expect(await page.getByLabel('Van', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    expect(asked).toEqual([]);
    // A quick choice is a whole, valid period.
    await page.getByRole('button', { name: 'Dit jaar' }).click();
    await figuresShown(page);
    expect(await page.getByRole('button', { name: 'Dit jaar' }).getAttribute('aria-pressed')).toBe('true');
    expect(await page.getByLabel('Van', { exact: true }).inputValue()).toMatch(/^\d{4}-01-01$/);
    expect(asked).toHaveLength(1);
  });

  it('has no serious or critical accessibility violation on the dashboard and the treeknorm list', async () => {
    const page = await open();
    const found: string[] = [];
    await signIn(page, journey.web, 'manager-regio');
    await figuresShown(page);
    found.push(...(await pageProblems(page, 'dashboard')));
    await page.getByLabel('Van', { exact: true }).fill('2030-01-01');
    await page.getByRole('button', { name: 'Cijfers tonen' }).click();
    await page.locator('#filter-from-error').waitFor();
    found.push(...(await pageProblems(page, 'dashboard with a filter error')));
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Boven de treeknorm' }).click();
    await pageReady(page);
    found.push(...(await pageProblems(page, 'treeknorm list')));
    expect(found).toEqual([]);
  });

  it('works at phone width (375 px): the page never scrolls sideways, wide tables scroll in their own box', async () => {
    // A case of its own on the treeknorm list.
    const { stack, web } = journey;
    const poh = await OverbrugClient.local(stack.endpoints, 'poh-delinde');
    const body = await sampleBody('basic-ggz');
    body.waiting = { onGgzWaitlist: true, since: weeksAgo(15), provider: 'GGZ Voorbeeld' };
    await poh.waitForStatus((await poh.submit(body)).json.referralId, ['notified']);
    const page = await open({ viewport: PHONE });
    await signIn(page, web, 'manager-regio');
    await figuresShown(page);
    expect(await pageProblems(page, 'dashboard')).toEqual([]);
    const routesBox = page.locator('.table-scroll').filter({ has: page.getByRole('table', { name: ROUTES_TABLE }) });
    expect(await routesBox.evaluate((element: unknown) => (element as { scrollWidth: number }).scrollWidth > (element as { clientWidth: number }).clientWidth)).toBe(true);
    await page.goto(`${web}#/treeknorm`);
    await pageReady(page);
    await expect.poll(() => page.locator('main tbody tr').count(), POLL).toBeGreaterThan(0);
    expect(await pageProblems(page, 'treeknorm list')).toEqual([]);
  });
});
