import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ageBandOf } from '#shared/domain/referral-stats.ts';
import { HAND_OFF_ENDED_REASONS } from '#shared/domain/vocabulary.ts';
import { demoPartnerOf, mailbox, notificationIdOf, OverbrugClient } from '../support/api-client.ts';
import { DESKTOP, pageProblems, pageReady, PHONE, signIn, textOf } from '../support/browser.ts';
import { browserJourney } from '../support/browser-journey.ts';
import { sampleBody } from '../support/samples.ts';

// The partner's journey in Chromium on the local stack: a client handed to its bridging service
// with what the client shares, the details gone once the client withdraws consent, and the
// partner's own entry kept current.

const journey = browserJourney();
const open = journey.open;

const POLL = { timeout: 5_000 };
const heading = (page: Page) => textOf(page.getByRole('heading', { level: 1 }));

/**
 * A referral the POH submits through the API, handed to its bridging partner: the referral, the
 * bridging service, and the demo partner user of that service's organisation.
 */
async function handedOff() {
  const poh = await OverbrugClient.local(journey.stack.endpoints, 'poh-delinde');
  const body = await sampleBody('combined');
  const { json } = await poh.submit(body);
  const referral = await poh.waitForStatus(json.referralId, ['notified']);
  const bridging = referral.matches.find((match) => match.kind === 'bridging')!;
  const partnerUser = await demoPartnerOf(journey.stack.endpoints, bridging.serviceId);
  const partner = await OverbrugClient.local(journey.stack.endpoints, partnerUser);
  // The partner learns of the client once its e-mail is sent.
  await expect
    .poll(async () => ((await partner.request('GET', '/hand-offs')).json.items as { referralId: string }[]).some((item) => item.referralId === referral.referralId), { timeout: 10_000 })
    .toBe(true);
  return { poh, body, referral, bridging, partnerUser };
}

describe('the partner in the browser', () => {
  it('sees the client handed to its service with what the client shares, and no details once the client withdraws consent', async () => {
    const { poh, body, referral, bridging, partnerUser } = await handedOff();
    const page = await open();
    await signIn(page, journey.web, partnerUser);
    await pageReady(page);
    expect(await heading(page)).toBe('Overdrachten');

    const active = page.locator(`section[aria-labelledby="hand-offs-active-title"] li[data-referral="${referral.referralId}"]`);
    const card = await textOf(active);
    const { json: status } = await poh.get(referral.referralId);
    expect(card).toContain(`Zaak ${status.caseNumber} actief`);
    expect(card).toContain(bridging.name);
    expect(card).toContain(`Gemeente ${body.client.gemeente}`);
    expect(card).toContain(`Leeftijd ${ageBandOf(body.client.birthYear, new Date())} jaar`);
    expect(card).toContain('Talen Nederlands, Arabisch');
    expect(card).toContain('Bereikbaar via telefoon, persoonlijk');
    expect(card).toMatch(/Hulpvraag op [^]*financiële situatie/);
    expect(card).toContain(bridging.placeReserved ? 'Plaats voor deze cliënt gereserveerd' : 'Plaats niet gereserveerd');
    // Whom to call, and how to reach the client (the client shares with partners).
    expect(card).toContain(referral.contactPerson!.name);
    expect(await active.locator('.person-contact a[href^="tel:+31"]').count()).toBe(1);
    expect(await active.getByRole('link', { name: '010 000 0301' }).getAttribute('href')).toBe('tel:+31100000301');
    expect(card).toContain(`Best bereikbaar ${body.client.contact.bestTimes}`);
    // The client did not consent to share diagnosis-like signals: the money worries stay out.
    expect(card).not.toContain('Aandachtspunten');
    expect(card).not.toContain('geldzorgen');

    // The partner accepts the hand-off and records its first contact; the referrer sees both in the timeline.
    await active.getByRole('button', { name: /^Overdracht aannemen/ }).click();
    await expect.poll(() => textOf(active.locator('.notice')), { timeout: 5_000 }).toContain('U nam de overdracht aan');
    await active.getByRole('button', { name: 'Eerste contact vastleggen' }).click();
    await expect.poll(() => textOf(active.locator('.notice')), { timeout: 5_000 }).toContain('Het eerste contact is vastgelegd');
    const events = (await poh.get(referral.referralId)).json.timeline.map((entry: { event: string }) => entry.event);
    expect(events).toEqual(expect.arrayContaining(['partner-accepted', 'partner-first-contact']));

    // The referrer withdraws the client's consent for partners: the hand-off stays, its details go.
    expect((await poh.act(referral.referralId, { action: 'withdraw-consent', recipient: 'partners' })).status).toBe(200);
    await page.reload();
    await pageReady(page);
    const ended = page.locator(`section[aria-labelledby="hand-offs-ended-title"] li[data-referral="${referral.referralId}"]`);
    const endedCard = await textOf(ended);
    expect(endedCard).toContain(`Zaak ${status.caseNumber} toestemming ingetrokken`);
    expect(endedCard).toContain(HAND_OFF_ENDED_REASONS['consent-withdrawn']);
    for (const detail of ['Gemeente', 'Leeftijd', 'Talen', 'Hulpvraag op', 'financiële situatie', 'Telefoon', '010 000 0301', referral.contactPerson!.name]) expect(endedCard).not.toContain(detail);
    expect(await active.count()).toBe(0);
  });

  it("updates the waiting time of one of its own entries, and cannot open another organisation's", async () => {
    const page = await open();
    await signIn(page, journey.web, 'partner-ervaringskracht');
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Ons aanbod' }).click();
    await pageReady(page);
    expect(await page.locator('main tbody th a').allInnerTexts()).toEqual(['Wachtmaatje: ervaringsdeskundige tijdens het wachten', 'WRAP en Herstellen doe je Zelf']);

    await page.getByRole('link', { name: 'WRAP en Herstellen doe je Zelf' }).click();
    await pageReady(page);
    expect(await heading(page)).toBe('WRAP en Herstellen doe je Zelf');
    await page.getByLabel('Wachttijd in weken').fill('5');
    await page.getByRole('button', { name: 'Opslaan' }).click();
    await expect.poll(() => textOf(page.getByRole('status').filter({ hasText: 'Opgeslagen' })), POLL).toBe('Opgeslagen: 12 plaatsen, 5 weken.');
    const change = page.locator('section[aria-labelledby="history-title"] tbody tr').first();
    await expect.poll(() => textOf(change), POLL).toContain('van 3 weken → naar 5 weken');
    expect(await textOf(change)).toContain('12 plaatsen (ongewijzigd)');
    expect(await textOf(change)).toContain('Partner op de sociale kaart');
    // What matching and the beheerder read from now on.
    const beheerder = await OverbrugClient.local(journey.stack.endpoints, 'beheerder-kaart');
    const [entry] = (await beheerder.request('GET', '/kaart?search=WRAP')).json.items as { waitingWeeks: number }[];
    expect(entry!.waitingWeeks).toBe(5);

    // Its vast aanspreekpunt, which clients and contact persons are told to call: a wrong number is refused at its field.
    await page.getByRole('button', { name: 'Aanspreekpunt wijzigen…' }).click();
    await page.getByLabel('Naam', { exact: true }).fill('Aanmeldpunt WRAP');
    await page.getByLabel('Telefoon').fill('12345');
    await page.getByRole('button', { name: 'Aanspreekpunt opslaan' }).click();
    await expect.poll(() => textOf(page.locator('#kaart-contact-phone-error')), POLL).toContain('Vul een Nederlands telefoonnummer in');
    await page.getByLabel('Telefoon').fill('010 000 0298');
    await page.getByRole('button', { name: 'Aanspreekpunt opslaan' }).click();
    const contact = page.locator('section[aria-labelledby="kaart-contact-title"]');
    await expect.poll(() => textOf(contact), POLL).toContain('Het aanspreekpunt is opgeslagen');
    expect(await contact.getByRole('link', { name: '010 000 0298' }).getAttribute('href')).toBe('tel:+31100000298');
    expect(await textOf(contact)).toContain('Aanmeldpunt WRAP');

    await page.goto(`${journey.web}#/kaart/vb-crisisdienst`);
    await pageReady(page);
    expect(await heading(page)).toBe('Dienst niet gevonden');
    expect(await textOf(page.locator('main'))).toContain('Deze dienst bestaat niet, of is niet van uw organisatie.');
    await page.goto(`${journey.web}#/kaart/verouderd`);
    await expect.poll(() => heading(page), POLL).toBe('Niet voor uw rol');
  });

  it('has no serious or critical accessibility violation on any of its pages, and each works at phone width', async () => {
    // One hand-off active, one whose consent was withdrawn, to the same partner.
    const first = await handedOff();
    const second = await handedOff();
    expect(second.partnerUser).toBe(first.partnerUser);
    await second.poh.act(second.referral.referralId, { action: 'withdraw-consent', recipient: 'partners' });

    for (const viewport of [DESKTOP, PHONE]) {
      const page = await open({ viewport });
      const found: string[] = [];
      const check = async (name: string) => found.push(...(await pageProblems(page, name)));
      await signIn(page, journey.web, first.partnerUser);
      await pageReady(page);
      await page.locator('section[aria-labelledby="hand-offs-ended-title"]').waitFor();
      await check('hand-offs, active and ended');
      await page.goto(`${journey.web}#/aanbod`);
      await pageReady(page);
      await check('own entries');
      await page.locator('main tbody th a').first().click();
      await pageReady(page);
      await page.getByLabel('Wachttijd in weken').fill('veel');
      await page.getByRole('button', { name: 'Opslaan' }).click();
      await page.locator('#availability-waitingWeeks-error').waitFor();
      await check('own entry, with an error at its field');
      expect(found).toEqual([]);
    }
  });

  it("confirms a stale entry through the e-mail's one-click page, which passes the same checks", async () => {
    const { api, mailbox: mailboxUrl } = journey.stack.endpoints;
    const beheerder = await OverbrugClient.local(journey.stack.endpoints, 'beheerder-kaart');
    const [stale] = (await beheerder.request('GET', '/kaart/stale')).json.items as { serviceId: string }[];
    expect(stale).toBeDefined();
    expect((await fetch(`${api}/_local/schedules/kaart-upkeep`, { method: 'POST', body: JSON.stringify({ at: new Date().toISOString() }) })).status).toBe(200);
    const mail = (await mailbox(mailboxUrl)).find((email) => notificationIdOf(email)?.startsWith(`kaart:${stale!.serviceId}:reverify:`));
    const link = /https?:\/\/\S+\/kaart\/verify\?\S+/.exec(mail!.body.text ?? '')![0];

    const found: string[] = [];
    const phone = await open({ viewport: PHONE });
    await phone.goto(link.replace(/token=[^&\s]+/, 'token=wrong'));
    expect(await heading(phone)).toBe('Deze link werkt niet (meer)');
    found.push(...(await pageProblems(phone, 're-verification, a broken link')));
    await phone.goto(link);
    found.push(...(await pageProblems(phone, 're-verification')));

    const page = await open({ viewport: DESKTOP });
    await page.goto(link);
    expect(await heading(page)).toBe('Klopt uw aanbod op de sociale kaart nog?');
    found.push(...(await pageProblems(page, 're-verification')));
    await page.getByRole('button', { name: 'Ja, dit klopt nog' }).click();
    await expect.poll(() => heading(page), POLL).toBe('Bedankt, bevestigd');
    found.push(...(await pageProblems(page, 're-verification, confirmed')));
    expect(found).toEqual([]);
    expect((await beheerder.request('GET', '/kaart/stale')).json.items.map((item: { serviceId: string }) => item.serviceId)).not.toContain(stale!.serviceId);
  });
});
