import { readFile } from 'node:fs/promises';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { parse } from 'csv-parse/sync';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { AccessLog, type AccessRecord } from '#shared/adapters/access-log.ts';
import { SIGNAL_THRESHOLDS } from '#shared/domain/access-audit.ts';
import { demoUser } from '#shared/regions/demo-users.ts';
import { OverbrugClient } from '../support/api-client.ts';
import { browserJourney } from '../support/browser-journey.ts';
import { pageProblems, pageReady, PHONE, signIn, textOf } from '../support/browser.ts';
import { sampleBody } from '../support/samples.ts';
import { accessRecord } from '../support/access-records.ts';

// The privacy officer's journey in Chromium on the local stack: every read of one client found by
// their client reference, the denied one of another organisation's referrer included; nothing of
// another region; a signal past its threshold; the CSV; their own use in the log; other roles refused.

const journey = browserJourney();
const POLL = { timeout: 5_000 };

const rows = (page: Page) => page.getByRole('table', { name: 'Inzages, nieuwste eerst' }).locator('tbody tr');
const rowTexts = async (page: Page) => (await rows(page).allInnerTexts()).map((text) => text.replace(/\s+/g, ' ').trim());

describe('the privacy officer in the browser', () => {
  it("finds every read of one client, the denied one included, sees a signal, downloads the list, and the officer's own use is logged", async () => {
    const { stack, web } = journey;
    const log = new AccessLog(
      DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: stack.endpoints.dynamodb, region: 'eu-central-1', credentials: { accessKeyId: 't', secretAccessKey: 't' } })),
      'overbrug-local-access-log',
    );
    const poh = await OverbrugClient.local(stack.endpoints, 'poh-delinde');
    const body = await sampleBody('social-domain');
    const clientRef: string = body.client.ref;
    const { json } = await poh.submit(body);
    const referralId: string = json.referralId;
    await poh.waitForStatus(referralId, ['notified']);
    expect((await poh.get(referralId)).status).toBe(200);
    const other = await OverbrugClient.local(stack.endpoints, 'huisarts-rivierkade');
    expect((await other.get(referralId)).status).toBe(404);

    // One reader of many cases (the signal), unless a line says otherwise.
    const entry = (overrides: Partial<AccessRecord>) => accessRecord({ actor: 'sub-veellezer', actorName: 'V. Veellezer', ...overrides });
    // Another region's read of the same case (no second region exists yet: written straight into the table).
    await log.record(entry({ referralId, regionId: 'regio-elders', actor: 'sub-elders', actorName: 'E. Elders' }));
    // Many cases in a short time: exactly the threshold.
    const { minCases, withinMinutes } = SIGNAL_THRESHOLDS.manyReads;
    const start = Date.now() - 20 * 60 * 1000;
    await log.recordAll(Array.from({ length: minCases }, (_, index) => entry({ at: new Date(start + index * 30 * 1000).toISOString() })));

    const page = await journey.open();
    await signIn(page, web, 'privacy-voorbeeld');
    await pageReady(page);
    await expect.poll(() => textOf(page.getByRole('heading', { level: 1 })), POLL).toBe('Toegangslog');

    // The client's right of access: every read of their referral.
    await page.getByLabel('Cliëntreferentie').fill(clientRef);
    await page.getByRole('button', { name: 'Zoeken' }).click();
    await pageReady(page);
    // The list before the search holds every read of the period, the refused one too: wait until it
    // is the client's (the many reader's rows gone), or a check could read the list before it changed.
    const clientsList = (texts: string[]) => texts.some((text) => text.includes(demoUser('huisarts-rivierkade').name) && text.includes('Geweigerd')) && !texts.join('\n').includes('V. Veellezer');
    await expect.poll(async () => clientsList(await rowTexts(page)), POLL).toBe(true);
    const texts = await rowTexts(page);
    expect(texts.some((text) => text.includes(demoUser('poh-delinde').name) && text.includes('Toegestaan') && text.includes('Verwijzing bekeken'))).toBe(true);
    expect(texts.some((text) => text.includes('Huisartsenpraktijk Rivierkade'))).toBe(true);
    expect(texts.join('\n')).not.toContain('E. Elders');
    expect(texts.join('\n')).not.toContain('V. Veellezer');

    // The signals: the one past the threshold, and the refused read.
    const signals = page.getByRole('list', { name: 'Signalen' });
    await expect.poll(() => textOf(signals), POLL).toContain(`V. Veellezer, cliëntondersteuner, bekeek ${minCases} dossiers binnen ${withinMinutes} minuten`);
    expect(await textOf(signals)).toContain(`${demoUser('huisarts-rivierkade').name}, verwijzer, probeerde`);
    expect(await textOf(signals)).toContain('kreeg geen toegang');

    // The CSV of what the filters find, for Dutch Excel.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Downloaden (CSV)' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^overbrug-toegangslog_regio-voorbeeld_\d{4}-\d{2}-\d{2}_tot_\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = await readFile((await download.path())!, 'utf8');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const records = parse(csv, { delimiter: ';', bom: true, relax_column_count: true }) as string[][];
    expect(records[0]).toEqual(['Tijdstip (Nederlandse tijd)', 'Verwijzing', 'Persoon', 'Persoon-id', 'Rol', 'Organisatie', 'Organisatie-id', 'Route', 'Handeling', 'Doel', 'Uitkomst']);
    expect(records.some((record) => record[1] === referralId && record[2] === demoUser('huisarts-rivierkade').name && record[10] === 'Geweigerd')).toBe(true);
    expect(records.every((record) => record[2] !== 'E. Elders')).toBe(true);
    await expect.poll(() => textOf(page.getByRole('status').or(page.locator('.notice')).filter({ hasText: 'is gedownload' }).first()), POLL).toContain('is gedownload');

    // The officer's use of the page is itself in the log, against the client's referral.
    const privacy = await OverbrugClient.local(stack.endpoints, 'privacy-voorbeeld');
    const own = (await privacy.request('GET', `/access-log?${new URLSearchParams({ route: 'GET /access-log', referralId })}`)).json;
    expect(own.items.length).toBeGreaterThanOrEqual(2); // the search and the download
    expect(own.items[0]).toMatchObject({ person: { name: demoUser('privacy-voorbeeld').name }, role: 'privacy', action: 'audit-read', outcome: 'allowed' });

    // A signal leads to that person's reads.
    await signals.getByRole('button', { name: 'Toon de inzages van V. Veellezer' }).click();
    await pageReady(page);
    // The form takes the applied filters after it renders again: wait for it.
    await expect.poll(() => page.getByLabel('Persoon').inputValue(), POLL).toBe('sub-veellezer');
    await page.getByLabel('Cliëntreferentie').fill('');
    await page.getByRole('button', { name: 'Zoeken' }).click();
    await pageReady(page);
    await expect.poll(async () => (await rowTexts(page)).filter((text) => text.includes('V. Veellezer')).length, POLL).toBe(minCases);

    // One case by the number everyone names it by: its reads, the refused one included; a number that is not one is said at the field.
    await page.getByLabel('Persoon').fill('');
    await page.getByLabel('Zaaknummer').fill('412');
    await page.getByRole('button', { name: 'Zoeken' }).click();
    await expect.poll(() => textOf(page.locator('#filter-caseNumber-error')), POLL).toContain('RV-2026-00412');
    await page.getByLabel('Zaaknummer').fill((await poh.get(referralId)).json.caseNumber);
    await page.getByRole('button', { name: 'Zoeken' }).click();
    await pageReady(page);
    await expect.poll(async () => (await rowTexts(page)).some((text) => text.includes(demoUser('huisarts-rivierkade').name) && text.includes('Geweigerd')), POLL).toBe(true);
    expect((await rowTexts(page)).join('\n')).not.toContain('V. Veellezer');

    expect(await pageProblems(page, 'access log')).toEqual([]);
    await page.setViewportSize(PHONE);
    expect(await pageProblems(page, 'access log')).toEqual([]);
  });

  it('refuses the page and the API to a manager and a verwijzer', async () => {
    const { stack, web } = journey;
    for (const username of ['manager-regio', 'poh-delinde']) {
      const page = await journey.open();
      await signIn(page, web, username, { hash: '#/toegangslog' });
      await pageReady(page);
      expect(await textOf(page.getByRole('heading', { level: 1 }))).toBe('Niet voor uw rol');
      expect(await page.getByRole('link', { name: 'Toegangslog' }).count()).toBe(0);
      const client = await OverbrugClient.local(stack.endpoints, username);
      expect((await client.request('GET', '/access-log')).status).toBe(403);
    }
  });
});
