import { readdir } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { OverbrugClient } from '../support/api-client.ts';
import { DESKTOP, isFocused, pageProblems, pageReady, PHONE, requestsTo, signIn, textOf } from '../support/browser.ts';
import { browserJourney } from '../support/browser-journey.ts';
import { COMMUNITY_COUNSELLING, CSV_EXAMPLE, EXAMPLES_CROSSWALK, exampleFile, OLD_VERSION_FIXTURES } from '../support/hsds.ts';

// The beheerder's journey in Chromium on the local stack: the sociale kaart searched and filtered,
// a stale entry's places and waiting time updated and seen in its history, and the Open Referral
// CSV example imported through the page, a dry run first.

const journey = browserJourney();
const open = journey.open;

const POLL = { timeout: 5_000 };
const heading = (page: Page) => textOf(page.getByRole('heading', { level: 1 }));
const rows = (page: Page) => page.locator('main table tbody tr');
const rowNames = (page: Page) => rows(page).locator('th a').allInnerTexts();
const csvPackage = async () => (await readdir(CSV_EXAMPLE)).map((name) => `${CSV_EXAMPLE}/${name}`);
/** The HSDS 2.0 example package as a beheerder picks it: datapackage.json and the tables in data/. */
const oldPackage = async () => [`${OLD_VERSION_FIXTURES}2.0/datapackage.json`, ...(await readdir(`${OLD_VERSION_FIXTURES}2.0/data`)).map((name) => `${OLD_VERSION_FIXTURES}2.0/data/${name}`)];


describe('the beheerder in the browser', () => {
  it('searches the kaart as they type, filters to the stale entries, and updates one, which its history shows', async () => {
    const page = await open();
    await signIn(page, journey.web, 'beheerder-kaart');
    await pageReady(page);
    expect(await heading(page)).toBe('Sociale kaart');
    await expect.poll(() => textOf(page.locator('.kaart-count')), POLL).toBe('55 diensten op de kaart.');
    // The demo kaart has two entries nobody confirmed for more than six months.
    await expect.poll(() => textOf(page.locator('.notice-warning')), POLL).toContain('2 diensten zijn langer dan 6 maanden niet bevestigd');

    // Typed letter by letter, searched once the typing pauses; the address keeps the search.
    const searches = requestsTo(page, '/kaart');
    await page.getByLabel('Zoeken', { exact: true }).pressSequentially('schuldhulp', { delay: 40 });
    await expect.poll(() => textOf(page.locator('.kaart-count')), POLL).toBe('3 diensten gevonden.');
    expect(await rowNames(page)).toEqual(['SchuldHulpMaatje', 'Schuldhulpverlening Heuvelrand en Polderdam', 'Schuldhulpverlening Rivierstad']);
    expect(searches.filter((call) => call.startsWith('GET /kaart?')).length).toBeLessThanOrEqual(2);
    expect(page.url()).toMatch(/#\/kaart\?zoek=schuldhulp$/);
    await page.getByLabel('Gemeente').selectOption('Rivierstad');
    await expect.poll(() => rowNames(page), POLL).toEqual(['SchuldHulpMaatje', 'Schuldhulpverlening Rivierstad']);

    // The freshness filter says what each state means; the stale ones are the two ranked down.
    await page.getByRole('button', { name: 'Filters wissen' }).first().click();
    await expect.poll(() => textOf(page.locator('.kaart-count')), POLL).toBe('55 diensten op de kaart.');
    const state = page.getByLabel('Actualiteit');
    expect(await state.locator('option').allInnerTexts()).toEqual([
      'alle',
      'actueel: bevestigd in de laatste 6 maanden',
      'lager gerangschikt: langer dan 6 maanden niet bevestigd',
      'niet meer aangeboden: 9 maanden of langer niet bevestigd',
    ]);
    await state.selectOption('ranked-down');
    await expect.poll(() => rowNames(page), POLL).toEqual(['Huurteam en woonspreekuur', 'Sociaal Team Polderdam']);
    expect(await textOf(rows(page).first())).toContain('lager gerangschikt');
    expect(await textOf(rows(page).first())).toContain('260 dagen geleden');

    // The stale list: the longest unverified first.
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Verouderd' }).click();
    await pageReady(page);
    expect(await heading(page)).toBe('Verouderd aanbod');
    await expect.poll(() => rowNames(page), POLL).toEqual(['Huurteam en woonspreekuur', 'Sociaal Team Polderdam']);

    // The entry: places and waiting time, checked in Dutch at the field before anything is sent.
    await rows(page).first().getByRole('link').click();
    await pageReady(page);
    expect(await heading(page)).toBe('Huurteam en woonspreekuur');
    const updates = requestsTo(page, '/kaart/vb-huurteam/availability');
    await page.getByLabel('Een aantal plaatsen').check();
    await page.getByLabel('Aantal plaatsen', { exact: true }).fill('vijf');
    await page.getByLabel('Wachttijd in weken').fill('200');
    await page.getByRole('button', { name: 'Opslaan' }).click();
    await expect.poll(() => textOf(page.locator('#availability-capacity-error')), POLL).toBe('Fout: Vul het aantal plaatsen in als heel getal van 0 tot 100.000, of kies ‘geen limiet’.');
    await expect.poll(() => textOf(page.locator('#availability-waitingWeeks-error')), POLL).toBe('Fout: Vul de wachttijd in weken in: een getal van 0 tot 104, zoals 3 of 2,5.');
    await expect.poll(() => isFocused(page.getByLabel('Aantal plaatsen', { exact: true })), POLL).toBe(true);
    expect(updates).toEqual([]);

    await page.getByLabel('Aantal plaatsen', { exact: true }).fill('5');
    await page.getByLabel('Wachttijd in weken').fill('2,5');
    await page.getByRole('button', { name: 'Opslaan' }).click();
    await expect.poll(() => textOf(page.getByRole('status').filter({ hasText: 'Opgeslagen' })), POLL).toBe('Opgeslagen: 5 plaatsen, 2,5 weken.');
    expect(updates).toEqual(['PUT /kaart/vb-huurteam/availability']);
    const change = page.locator('section[aria-labelledby="history-title"] tbody tr').first();
    await expect.poll(() => textOf(change), POLL).toContain('van geen limiet → naar 5 plaatsen');
    expect(await textOf(change)).toContain('van geen wachttijd → naar 2,5 weken');
    expect(await textOf(change)).toMatch(/\bBeheerder\b/);

    // The kaart shows it too.
    await page.getByRole('link', { name: 'Naar de sociale kaart' }).last().click();
    await pageReady(page);
    await page.getByLabel('Zoeken', { exact: true }).fill('huurteam');
    await expect.poll(() => textOf(rows(page).first()), POLL).toContain('0 van 5 bezet');
    expect(await textOf(rows(page).first())).toContain('2,5 weken');
  });

  it('imports the Open Referral CSV example with its crosswalk: a dry run first, then the import, after which the service is on the kaart', async () => {
    const beheerder = await OverbrugClient.local(journey.stack.endpoints, 'beheerder-kaart');
    const onKaart = async () => ((await beheerder.request('GET', '/kaart?search=Community')).json.items as { serviceId: string }[]).map((item) => item.serviceId);
    const page = await open();
    await signIn(page, journey.web, 'beheerder-kaart', { hash: '#/kaart/import' });
    expect(await heading(page)).toBe('HSDS importeren');

    await page.getByLabel('HSDS-gegevens').setInputFiles(await csvPackage());
    await page.getByLabel('Crosswalk (optioneel)', { exact: true }).setInputFiles(EXAMPLES_CROSSWALK);
    await expect.poll(() => textOf(page.locator('.kaart-chosen').first()), POLL).toMatch(/^Gekozen: 25 bestanden, samen \d+ kB: accessibility\.csv/);
    await page.getByRole('button', { name: 'Controleren' }).click();
    const result = page.locator('.kaart-import-result');
    await expect.poll(() => isFocused(page.getByRole('heading', { name: 'Resultaat van de controle' })), POLL).toBe(true);
    expect(await textOf(result.locator('.notice'))).toBe('Controle: er is nog niets veranderd 1 dienst kan worden geïmporteerd; 2 overgeslagen.');
    expect(await textOf(result.locator('section[aria-labelledby="import-imported-title"] tbody'))).toBe(`Community Counselling ${COMMUNITY_COUNSELLING.serviceId} te importeren`);
    const skipped = await textOf(result.locator('section[aria-labelledby="import-skipped-title"] tbody'));
    expect(skipped).toContain('service_capacity 8896b788-7b3e-11ef-8db9-7f3d040352b3 hoort bij dienst f75b808e-7bdb-11ef-afaa-ab00a77dc5c4, die niet in services.csv staat');
    expect(await onKaart()).toEqual([]);

    await result.getByRole('button', { name: '1 dienst importeren' }).click();
    await expect.poll(() => isFocused(page.getByRole('heading', { name: 'Resultaat van de import' })), POLL).toBe(true);
    expect(await textOf(result.locator('.notice'))).toBe('Geïmporteerd 1 nieuw, 0 bijgewerkt, 0 ongewijzigd, 0 van een andere regio (niet geïmporteerd); 2 overgeslagen.');
    expect(await onKaart()).toEqual([COMMUNITY_COUNSELLING.serviceId]);

    await result.getByRole('link', { name: 'Naar de sociale kaart' }).click();
    await pageReady(page);
    await page.getByLabel('Zoeken', { exact: true }).fill('Community');
    await expect.poll(() => rowNames(page), POLL).toEqual(['Community Counselling']);
    expect(await textOf(rows(page).first())).toContain('Example Organization Inc.');
    expect(await textOf(rows(page).first())).toContain('basis-ggz');
  });

  it('builds a crosswalk for an HSDS 2.0 package in the page: what is missing, the source\'s terms and areas, defaults, a preview, saved for next time', async () => {
    const page = await open();
    await signIn(page, journey.web, 'beheerder-kaart', { hash: '#/kaart/import' });
    await page.getByLabel('HSDS-gegevens').setInputFiles(await oldPackage());
    await page.getByRole('button', { name: 'Controleren' }).click();
    const result = page.locator('.kaart-import-result');
    await expect.poll(() => isFocused(page.getByRole('heading', { name: 'Resultaat van de controle' })), POLL).toBe(true);
    expect(await textOf(result.locator('.notice'))).toBe('Controle: er is nog niets veranderd Er is niets te importeren; 3 overgeslagen.');
    const missing = await textOf(result.locator('section[aria-labelledby="import-missing-title"]'));
    expect(missing).toContain('3 diensten: levensdomein. Kies bij "Termen van de bron" een levensdomein, of een standaard.');
    expect(missing).toContain('3 diensten: bruikbaar id. Kies een voorvoegsel voor de ids');
    expect(await textOf(result.locator('section[aria-labelledby="import-notices-title"]'))).toContain('HSDS 2.0 (herkend aan service_attributes.csv');

    // The source's terms and its one area that is no gemeente, with what they mean here.
    const editor = page.getByRole('form', { name: 'Crosswalk: de bron vertalen naar de sociale kaart' });
    await editor.getByLabel('Beschrijving').fill('Sociale Kaart Oudstad (fictief), export in HSDS 2.0');
    await editor.getByLabel('Levensdomein voor Ontmoeting').selectOption({ label: 'sociale contacten' });
    await editor.getByLabel('Soort aanbod voor Ontmoeting').selectOption({ label: 'inloophuis' });
    await editor.getByLabel('Functie voor Ontmoeting').selectOption('2');
    await editor.getByLabel('Levensdomein voor Schulden').selectOption({ label: 'financiële situatie' });
    await editor.getByLabel('Soort aanbod voor Schulden').selectOption({ label: 'schuldhulpverlening' });
    await editor.getByLabel('Functie voor Schulden').selectOption('4');
    const area = editor.getByRole('group', { name: 'Heel Oudstad (1 dienst)' });
    await area.getByLabel('Rivierstad').check();
    await area.getByLabel('Heuvelrand').check();
    await editor.getByLabel('Talen', { exact: true }).fill('nl');
    await editor.getByRole('group', { name: 'Hoe cliënten het aanbod bereiken' }).getByLabel('telefoon').check();
    await editor.getByLabel('Kosten voor de cliënt').selectOption('free');
    await editor.getByRole('group', { name: 'Financiering' }).getByLabel('gemeentelijke subsidie').check();
    await editor.getByRole('group', { name: 'Verwijzing nodig' }).getByLabel('nee', { exact: true }).check();
    await editor.getByLabel('Wachttijd in weken').fill('0');
    await editor.getByLabel('Voorvoegsel voor de ids').fill('oudstad-');
    await editor.getByRole('button', { name: 'Opnieuw controleren met deze crosswalk' }).click();
    await expect.poll(() => textOf(result.locator('.notice')), POLL).toBe('Controle: er is nog niets veranderd 3 diensten kunnen worden geïmporteerd; niets overgeslagen.');
    const preview = result.locator('section[aria-labelledby="import-preview-title"] tbody tr');
    expect(await textOf(preview.filter({ hasText: 'Inloop De Brug' }))).toMatch(/sociale contacten \(crosswalk\).*inloophuis \(crosswalk\).*Rivierstad.*Nederlands, Turks; telefoon, persoonlijk.*gratis \(standaard\); geen wachttijd \(standaard\).*niet nodig \(standaard\)/);
    expect(await textOf(preview.filter({ hasText: 'Maatjesproject Oudstad' }))).toContain('Rivierstad, Heuvelrand (crosswalk)');

    await editor.getByLabel('Bewaren onder de naam').fill('oudstad');
    await editor.getByRole('button', { name: 'Crosswalk bewaren' }).click();
    await expect.poll(() => textOf(editor.locator('.notice')), POLL).toBe('Bewaard als oudstad. Bij een volgende import kiest u hem bij "Bewaarde crosswalk".');

    await result.getByRole('button', { name: '3 diensten importeren' }).click();
    await expect.poll(() => textOf(result.locator('.notice')), POLL).toMatch(/^Geïmporteerd 3 nieuw, 0 bijgewerkt/);

    // Next time the saved crosswalk is there to choose.
    await page.reload();
    await pageReady(page);
    await expect.poll(() => page.getByLabel('Bewaarde crosswalk').locator('option').allInnerTexts(), POLL).toContain('oudstad: Sociale Kaart Oudstad (fictief), export in HSDS 2.0');
  });

  it('says in Dutch what keeps an import from being read: more than 5 MB, a crosswalk that is not one, a file that is not HSDS', async () => {
    const page = await open();
    await signIn(page, journey.web, 'beheerder-kaart', { hash: '#/kaart/import' });
    const imports = requestsTo(page, '/kaart/import');

    // Over the API's limit: said at once, with the size, and nothing sent.
    const large = JSON.stringify({ contents: Array.from({ length: 60_000 }, (_, index) => ({ id: `dienst-${index}`, name: 'x'.repeat(80) })) });
    await page.getByLabel('HSDS-gegevens').setInputFiles({ name: 'groot.json', mimeType: 'application/json', buffer: Buffer.from(large) });
    await page.getByRole('button', { name: 'Controleren' }).click();
    await expect.poll(() => textOf(page.locator('#import-files-error')), POLL).toMatch(/^Fout: De import is 6,\d MB; Overbrug neemt hoogstens 5 MB tegelijk aan\./);
    await expect.poll(() => isFocused(page.getByLabel('HSDS-gegevens')), POLL).toBe(true);
    expect(imports).toEqual([]);

    // A crosswalk that is no crosswalk: the API refuses it, every failing field named, nothing changed.
    await page.getByLabel('HSDS-gegevens').setInputFiles(exampleFile('service_full'));
    await page.getByLabel('Crosswalk (optioneel)', { exact: true }).setInputFiles(exampleFile('service_list'));
    await page.getByRole('button', { name: 'Controleren' }).click();
    const refusal = page.getByRole('alert').filter({ hasText: 'Overbrug kan deze gegevens niet lezen; er is niets veranderd' });
    await expect.poll(() => textOf(refusal), POLL).toContain('Crosswalk (description)');

    // Not HSDS at all.
    await page.getByLabel('Crosswalk (optioneel)', { exact: true }).setInputFiles([]);
    await page.getByLabel('HSDS-gegevens').setInputFiles({ name: 'lijst.json', mimeType: 'application/json', buffer: Buffer.from('"hallo"') });
    await page.getByRole('button', { name: 'Controleren' }).click();
    await expect.poll(() => textOf(page.getByRole('alert')), POLL).toContain('HSDS-bestand: Dit is geen HSDS-JSON: verwacht een object of een lijst.');
    expect(imports).toEqual(['POST /kaart/import', 'POST /kaart/import']);
  });

  it('has no serious or critical accessibility violation on any of its pages, and each works at phone width', async () => {
    for (const viewport of [DESKTOP, PHONE]) {
      const page = await open({ viewport });
      const found: string[] = [];
      const check = async (name: string) => found.push(...(await pageProblems(page, name)));
      await signIn(page, journey.web, 'beheerder-kaart');
      await pageReady(page);
      await check('kaart');
      await page.getByLabel('Actualiteit').selectOption('ranked-down');
      await expect.poll(() => rows(page).count(), POLL).toBe(2);
      await check('kaart, filtered to the ranked-down entries');
      await page.goto(`${journey.web}#/kaart/verouderd`);
      await pageReady(page);
      await check('stale entries');
      await page.goto(`${journey.web}#/kaart/vb-sociaal-team-polderdam`);
      await pageReady(page);
      await page.getByLabel('Wachttijd in weken').fill('');
      await page.getByRole('button', { name: 'Opslaan' }).click();
      await page.locator('#availability-waitingWeeks-error').waitFor();
      await check('entry, with an error at its field');
      await page.goto(`${journey.web}#/kaart/import`);
      await page.getByLabel('HSDS-gegevens').setInputFiles(await csvPackage());
      await page.getByLabel('Crosswalk (optioneel)', { exact: true }).setInputFiles(EXAMPLES_CROSSWALK);
      await page.getByRole('button', { name: 'Controleren' }).click();
      await page.getByRole('heading', { name: 'Resultaat van de controle' }).waitFor();
      await check('import, with a dry run shown');
      expect(found).toEqual([]);
    }
  });
});
