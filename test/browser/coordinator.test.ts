import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { OverbrugClient } from '../support/api-client.ts';
import { browserJourney } from '../support/browser-journey.ts';
import { PHONE, pageProblems, pageReady, signIn, textOf } from '../support/browser.ts';
import { sampleBody } from '../support/samples.ts';

// The coordinator's journey in Chromium on the local stack (issue 16): a Polderdam referral nobody
// there had room for, as the pipeline flags it, is on the desk; the coordinator opens it, sees who
// could take it with their load, is refused a full person with a reason in plain Dutch, and gives
// it to a colleague from the next gemeente with a reason, which the case's timeline then shows.

const journey = browserJourney();
const POLL = { timeout: 10_000 };
const CONTACT_PERSONS = 'overbrug-local-contact-persons';
const POLDERDAM = ['cp-kees-bakker', 'cp-fatma-yilmaz', 'cp-joost-van-dijk', 'cp-lotte-visser'];

describe('the coordinator in the browser', () => {
  it('finds a flagged referral on the desk (on a phone too) and assigns it by hand, with the reason, after a refusal that says why', async () => {
    const { stack, web } = journey;
    const document = DynamoDBDocumentClient.from(
      new DynamoDBClient({ endpoint: stack.endpoints.dynamodb, region: 'eu-central-1', credentials: { accessKeyId: 't', secretAccessKey: 't' } }),
    );
    const limits = new Map<string, number>();
    for (const contactPersonId of POLDERDAM) {
      const { Item } = await document.send(new GetCommand({ TableName: CONTACT_PERSONS, Key: { contactPersonId }, ConsistentRead: true }));
      limits.set(contactPersonId, Item!.caseloadLimit as number);
      await document.send(new UpdateCommand({ TableName: CONTACT_PERSONS, Key: { contactPersonId }, UpdateExpression: 'SET caseloadLimit = caseload' }));
    }
    const poh = await OverbrugClient.local(stack.endpoints, 'poh-delinde');
    const { json } = await poh.submit(await sampleBody('social-domain'));
    const referralId = json.referralId as string;
    const caseNumber = ((await poh.waitForStatus(referralId, ['flagged-for-region'])) as unknown as { caseNumber: string }).caseNumber;

    const page = await journey.open();
    await signIn(page, web, 'coordinator-voorbeeld');
    await pageReady(page);
    await expect.poll(() => textOf(page.getByRole('heading', { level: 1 })), POLL).toBe('Bureau van de coördinator');
    const row = page.getByRole('table', { name: /Zaken op het bureau/ }).getByRole('row').filter({ has: page.getByRole('rowheader', { name: caseNumber }) });
    expect(await textOf(row)).toContain('Polderdam');
    expect(await textOf(row)).toContain('Niemand had ruimte');
    expect(await pageProblems(page, 'the desk')).toEqual([]);

    await row.getByRole('link', { name: caseNumber }).click();
    await pageReady(page);
    await expect.poll(() => textOf(page.getByRole('heading', { level: 1 })), POLL).toBe(`Zaak ${caseNumber}`);
    const candidates = page.getByRole('table', { name: /Cliëntondersteuners/ });
    // The client's own gemeente first: all four full.
    expect(await textOf(candidates.getByRole('row').nth(1))).toMatch(/Polderdam.*vol/);
    expect(await pageProblems(page, 'a case on the desk')).toEqual([]);
    // On a phone too: the desk's line and the candidates fit the screen.
    const phone = await journey.open({ viewport: PHONE });
    await signIn(phone, web, 'coordinator-voorbeeld', { hash: `#/bureau/${referralId}` });
    await pageReady(phone);
    await phone.getByRole('table', { name: /Cliëntondersteuners/ }).waitFor();
    expect(await pageProblems(phone, 'a case on the desk')).toEqual([]);
    await phone.goto(`${web}#/bureau`);
    await pageReady(phone);
    await phone.getByRole('rowheader', { name: caseNumber }).waitFor();
    expect(await pageProblems(phone, 'the desk')).toEqual([]);

    // A full person: refused, in plain words; nothing changed.
    await page.getByLabel('Kees Bakker').check();
    await page.getByLabel('Waarom deze cliëntondersteuner?').fill('Kees kent de buurt goed');
    await page.getByRole('button', { name: 'Zaak toewijzen' }).click();
    await expect.poll(() => textOf(page.getByRole('alert')), POLL).toContain('geen ruimte meer');
    expect((await poh.get(referralId)).json.status).toBe('flagged-for-region');

    // Anouk, from Rivierstad next door, with room.
    const anouk = candidates.getByRole('row').filter({ hasText: 'Anouk de Vries' });
    expect(await textOf(anouk)).toMatch(/gemeente ernaast.*ruimte/);
    await page.getByLabel('Anouk de Vries').check();
    await page.getByLabel('Waarom deze cliëntondersteuner?').fill('Anouk werkt deze maand ook in Polderdam');
    await page.getByRole('button', { name: 'Zaak toewijzen' }).click();
    await expect.poll(() => textOf(page.getByRole('status').filter({ hasText: 'Toegewezen' })), POLL).toContain('Anouk de Vries heeft de zaak nu');
    expect(await textOf(page.getByRole('list', { name: 'Tijdlijn' }))).toContain('Anouk werkt deze maand ook in Polderdam');
    expect((await poh.waitForStatus(referralId, ['notified'])).contactPerson!.id).toBe('cp-anouk-de-vries');

    // Back on the desk, the case is gone.
    await page.getByRole('link', { name: 'Terug naar het bureau' }).first().click();
    await pageReady(page);
    await expect.poll(() => page.getByRole('rowheader', { name: caseNumber }).count(), POLL).toBe(0);

    for (const [contactPersonId, limit] of limits) {
      await document.send(new UpdateCommand({ TableName: CONTACT_PERSONS, Key: { contactPersonId }, UpdateExpression: 'SET caseloadLimit = :limit', ExpressionAttributeValues: { ':limit': limit } }));
    }
  });
});
