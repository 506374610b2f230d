import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { OverbrugClient } from '../support/api-client.ts';
import {
  answerConsent,
  fillReferralClient,
  isFocused,
  pageProblems,
  pageReady,
  PHONE,
  requestsTo,
  signIn,
  textOf,
} from '../support/browser.ts';
import { browserJourney } from '../support/browser-journey.ts';
import { sampleBody } from '../support/samples.ts';

// The verwijzer's journey in Chromium on the local stack: sign in at the dev IdP, refer a client
// through the form, follow the referral until a contact person has it.

const suite = browserJourney();
const { open } = suite;

/** How long an assertion waits for the page to catch up. */
const POLL = { timeout: 5_000 };
const clientRef = () => `web-${randomUUID().slice(0, 8)}`;
const referralIdIn = (url: string) => /#\/verwijzingen\/([0-9a-f-]{36})$/.exec(url)?.[1];

async function submit(page: Page) {
  await page.getByRole('button', { name: 'Verwijzing versturen' }).click();
}

describe('the verwijzer in the browser', () => {
  it('refers a client through the form, the levensdomeinen by keyboard alone, and follows it until a contact person has it', async () => {
    const page = await open();
    await signIn(page, suite.web, 'poh-delinde');
    await pageReady(page);
    await expect.poll(() => textOf(page.getByRole('heading', { level: 1 })), POLL).toBe('Verwijzingen');
    await page.getByRole('link', { name: 'Nieuwe verwijzing' }).first().click();
    await expect.poll(() => isFocused(page.getByRole('heading', { level: 1 })), POLL).toBe(true);

    // The referrer block comes from the account: nothing to type.
    await expect.poll(() => textOf(page.locator('.referrer-block summary')), POLL).toContain('J. Visser (POH-ggz), Huisartsenpraktijk De Linde (fictief)');
    const ref = clientRef();
    await fillReferralClient(page, ref);
    await expect.poll(() => page.getByLabel('Gemeente').inputValue(), POLL).toBe('Rivierstad');

    // The levensdomeinen with the keyboard only: Tab between the choices, arrow keys within them.
    await page.locator('#waiting-onGgzWaitlist-no').focus();
    await page.keyboard.press('Tab'); // sociale contacten: hulpvraag
    await page.keyboard.press('ArrowRight'); // enige
    await page.keyboard.press('Tab'); // sociale contacten: hulp van
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight'); // beide
    await page.keyboard.press('Tab'); // dagelijkse bezigheden: hulpvraag (its "hulp van" is off while the need is none)
    await page.keyboard.press('Tab'); // financiële situatie: hulpvraag
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight'); // hoge
    await page.keyboard.press('Tab'); // financiële situatie: hulp van (professionals)
    await page.keyboard.press('Tab'); // psychische gezondheid: hulpvraag
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight'); // hoge: with a mild one, the debts would go first (social-first)
    expect(await page.locator('#domain-social-contacts-need-some').isChecked()).toBe(true);
    expect(await page.locator('#domain-social-contacts-helpFrom-both').isChecked()).toBe(true);
    expect(await page.locator('#domain-finances-need-high').isChecked()).toBe(true);
    expect(await page.locator('#domain-mental-health-need-high').isChecked()).toBe(true);

    await page.getByLabel('Wat is er gebeurd?').fill('Baan kwijt, slaapt slecht.');
    await page.getByLabel('Waar is de cliënt goed in?').fill('Goed contact met zus.');
    await page.getByLabel('Geldzorgen').check();
    await answerConsent(page, { shareWithPartners: true, shareDiagnosis: false, involveNaasten: false });
    await submit(page);

    await page.waitForURL(/#\/verwijzingen\/[0-9a-f-]{36}$/);
    await page.getByText('Verwijzing verstuurd').waitFor();
    await expect.poll(() => textOf(page.getByRole('heading', { level: 1 })), POLL).toBe(`Verwijzing ${ref}`);
    // The page follows the pipeline by itself until the contact person is told.
    await expect.poll(() => textOf(page.locator('.status-now')), { timeout: 20_000 }).toContain('toegewezen aan een contactpersoon');
    const contactPerson = page.locator('section[aria-labelledby="contact-title"] p strong');
    await expect.poll(() => textOf(contactPerson), POLL).not.toBe('');
    await expect.poll(() => textOf(page.locator('.timeline')), POLL).toContain('contactpersoon toegewezen');
    // The route includes ggz, so the client will wait: a bridging partner for the wait, and debt help for the money worries.
    await expect.poll(() => textOf(page.locator('section[aria-labelledby="matches-title"]')), POLL).toContain('Steun tijdens het wachten');
    await expect.poll(() => textOf(page.locator('section[aria-labelledby="matches-title"]')), POLL).toContain('Voor financiële situatie');

    // What the form sent is what the POH chose: the contact person sees it (with the client's consent).
    const referralId = referralIdIn(page.url())!;
    const poh = await OverbrugClient.local(suite.stack.endpoints, 'poh-delinde');
    const { json: view } = await poh.get(referralId);
    const asContactPerson = await OverbrugClient.local(suite.stack.endpoints, view.contactPerson!.id);
    const { json: caseView } = await asContactPerson.get(referralId);
    expect(caseView.intake.domains).toEqual([
      { domain: 'social-contacts', need: 'some', helpFrom: 'both' },
      { domain: 'finances', need: 'high', helpFrom: 'professional' },
      { domain: 'mental-health', need: 'high', helpFrom: 'professional' },
    ]);
    expect(caseView.intake.story).toEqual({ whatHappened: 'Baan kwijt, slaapt slecht.', strengths: 'Goed contact met zus.' });
    expect(caseView.client).toMatchObject({ ref, birthYear: 1988, postcode: '9902', gemeente: 'Rivierstad', languages: ['nl'], channels: ['phone'] });
    expect(caseView.waiting).toEqual({ onGgzWaitlist: false });

    // The organisation's list shows it at the top, in Dutch.
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Verwijzingen' }).click();
    await pageReady(page);
    const row = page.locator('tbody tr').first();
    await expect.poll(() => textOf(row), POLL).toContain(ref);
    await expect.poll(() => textOf(row), POLL).toContain('toegewezen aan een contactpersoon');
    await expect.poll(() => textOf(row), POLL).toContain(view.contactPerson!.name);
  });

  it('says in Dutch, at the field, that a postcode is wrong, and sends nothing until it is right', async () => {
    const page = await open();
    await signIn(page, suite.web, 'poh-delinde', { hash: '#/verwijzingen/nieuw' });
    const toReferrals = requestsTo(page, '/referrals');
    const postcode = page.getByLabel('Postcode');
    await postcode.fill('12');
    await postcode.press('Tab');
    await expect.poll(() => textOf(page.locator('#client-postcode-error')), POLL).toBe('Fout: Vul de 4 cijfers van de postcode in, zoals 9902.');
    await expect.poll(() => postcode.getAttribute('aria-invalid'), POLL).toBe('true');
    await expect.poll(() => postcode.getAttribute('aria-describedby'), POLL).toMatch(/client-postcode-error/);

    // Submitting lists every problem at the top, focused, each a link to its field.
    await submit(page);
    const summary = page.locator('.error-summary');
    await expect.poll(() => isFocused(summary), POLL).toBe(true);
    await expect.poll(() => textOf(summary), POLL).toContain('Vul de 4 cijfers van de postcode in');
    await expect.poll(() => textOf(summary), POLL).toContain('Vul het geboortejaar in');
    await expect.poll(() => textOf(summary), POLL).toContain('Kies ja of nee: mogen naasten betrokken worden? Vraag het de cliënt.');
    await summary.getByRole('link', { name: /postcode/ }).click();
    await expect.poll(() => isFocused(postcode), POLL).toBe(true);
    expect(page.url()).toMatch(/#\/verwijzingen\/nieuw$/);
    expect(toReferrals.filter((request) => request.startsWith('POST '))).toEqual([]);

    await postcode.fill('9921 AB');
    await expect.poll(() => page.locator('#client-postcode-error').count(), POLL).toBe(0);
    await expect.poll(() => page.getByLabel('Gemeente').inputValue(), POLL).toBe('Polderdam');
  });

  it('shows whom to call, prominently, when the intake means crisis', async () => {
    const page = await open();
    await signIn(page, suite.web, 'huisarts-rivierkade', { hash: '#/verwijzingen/nieuw' });
    await fillReferralClient(page, clientRef(), { postcode: '9904' });
    await page.check('#domain-mental-health-need-high');
    await page.getByLabel('Acuut risico (o.a. suïcidaliteit)').check();
    // Already in the form, before anything is sent.
    await page.getByRole('alert').filter({ hasText: '113' }).waitFor();
    await answerConsent(page, { shareWithPartners: false, shareDiagnosis: false, involveNaasten: true });
    await submit(page);
    await page.waitForURL(/#\/verwijzingen\/[0-9a-f-]{36}$/);
    const crisis = page.locator('.notice-crisis');
    await crisis.waitFor();
    await expect.poll(() => textOf(crisis), POLL).toContain('Crisisdienst GGZ Regio Voorbeeld');
    await expect.poll(() => crisis.getByRole('link', { name: '113 of 0800-0113' }).getAttribute('href'), POLL).toBe('tel:113');
    await expect.poll(() => textOf(page.locator('.status-now')), { timeout: 20_000 }).toContain('overgedragen aan de crisisdienst');
  });

  it('links to the open referral when the client already has one for the same need', async () => {
    const poh = await OverbrugClient.local(suite.stack.endpoints, 'poh-delinde');
    const earlier = await sampleBody('combined');
    const { json: first } = await poh.submit(earlier);
    const page = await open();
    await signIn(page, suite.web, 'poh-delinde', { hash: '#/verwijzingen/nieuw' });
    await fillReferralClient(page, earlier.client.ref);
    await page.check('#domain-finances-need-high');
    await answerConsent(page, { shareWithPartners: true, shareDiagnosis: false, involveNaasten: false });
    await submit(page);
    const notice = page.getByRole('alert').filter({ hasText: 'Deze cliënt heeft al een open verwijzing' });
    await expect.poll(() => textOf(notice), POLL).toContain('financiële situatie');
    await notice.getByRole('link', { name: 'Bekijk de open verwijzing' }).click();
    await page.waitForURL(new RegExp(`#/verwijzingen/${first.referralId}$`));
    await expect.poll(() => textOf(page.getByRole('heading', { level: 1 })), POLL).toBe(`Verwijzing ${earlier.client.ref}`);
  });

  it('withdraws a referral with a reason, and withdraws consent for partners', async () => {
    const poh = await OverbrugClient.local(suite.stack.endpoints, 'poh-delinde');
    const body = await sampleBody('combined');
    const { json } = await poh.submit(body);
    await poh.waitForStatus(json.referralId, ['notified']);
    const page = await open();
    await signIn(page, suite.web, 'poh-delinde', { hash: `#/verwijzingen/${json.referralId}` });
    await pageReady(page);

    await page.getByRole('button', { name: 'Toestemming intrekken…' }).click();
    await page.getByLabel('Voor wie vervalt de toestemming?').selectOption('partners');
    await page.getByRole('button', { name: 'Toestemming intrekken', exact: true }).click();
    await page.getByText('Toestemming voor partners ingetrokken.').waitFor();
    await expect.poll(() => textOf(page.locator('section[aria-labelledby="consent-title"] li').filter({ hasText: 'partners' }).first()), POLL).toContain('niets');

    await page.getByRole('button', { name: 'Verwijzing intrekken…' }).click();
    await page.getByRole('button', { name: 'Verwijzing intrekken', exact: true }).click();
    await expect.poll(() => textOf(page.locator('#withdraw-reason-error')), POLL).toContain('Vul de reden in');
    await page.getByLabel('Waarom trekt u de verwijzing in?').fill('Cliënt is verhuisd naar een andere regio.');
    await page.getByRole('button', { name: 'Verwijzing intrekken', exact: true }).click();
    await expect.poll(() => textOf(page.locator('.status-now')), POLL).toContain('ingetrokken');
    await expect.poll(() => textOf(page.locator('.timeline')), POLL).toContain('Cliënt is verhuisd naar een andere regio.');
    await expect.poll(() => page.getByRole('button', { name: 'Verwijzing intrekken…' }).count(), POLL).toBe(0);
  });

  it('signs in again when the API refuses the session, back on the form with what was typed', async () => {
    const page = await open();
    await signIn(page, suite.web, 'poh-delinde', { hash: '#/verwijzingen/nieuw' });
    const ref = clientRef();
    await fillReferralClient(page, ref);
    await page.check('#domain-housing-need-some');
    await answerConsent(page, { shareWithPartners: false, shareDiagnosis: false, involveNaasten: false });
    // The token stops being accepted (as after a key rotation): its signature no longer matches.
    const refuseSession = (signedInMinutesAgo: number) =>
      page.evaluate(`(() => {
        const session = JSON.parse(sessionStorage.getItem('overbrug.session'));
        const [header, payload, signature] = session.idToken.split('.');
        session.idToken = [header, payload, signature.slice(0, -4) + (signature.endsWith('AAAA') ? 'BBBB' : 'AAAA')].join('.');
        session.signedInAt = Date.now() - ${signedInMinutesAgo} * 60000;
        sessionStorage.setItem('overbrug.session', JSON.stringify(session));
      })()`);

    // Just signed in and already refused: signing in again would go round in circles, so it says so.
    await refuseSession(0);
    await submit(page);
    await expect.poll(() => textOf(page.getByRole('alert').filter({ hasText: 'Versturen is niet gelukt' })), POLL).toContain('accepteert uw account niet');
    expect(page.url()).toMatch(/#\/verwijzingen\/nieuw$/);

    // Signed in a while ago: sign in again, and come back to the form as it was.
    await refuseSession(30);
    await submit(page);
    await page.locator('button[name="username"][value="poh-delinde"]').click();
    await page.waitForURL(/#\/verwijzingen\/nieuw$/);
    await expect.poll(() => page.getByLabel('Uw kenmerk voor de cliënt').inputValue(), POLL).toBe(ref);
    expect(await page.locator('#domain-housing-need-some').isChecked()).toBe(true);
    await submit(page);
    await page.waitForURL(/#\/verwijzingen\/[0-9a-f-]{36}$/);
    await expect.poll(() => textOf(page.getByRole('heading', { level: 1 })), POLL).toBe(`Verwijzing ${ref}`);
  });

  it('has no serious or critical accessibility violation on any page, the dev IdP sign-in included', async () => {
    const poh = await OverbrugClient.local(suite.stack.endpoints, 'poh-delinde');
    const { json } = await poh.submit(await sampleBody('combined'));
    await poh.waitForStatus(json.referralId, ['notified']);
    const page = await open();
    const found: string[] = [];
    const check = async (name: string) => found.push(...(await pageProblems(page, name)));

    await page.goto(suite.web);
    await page.getByRole('button', { name: 'Inloggen' }).waitFor();
    await check('start page');
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await page.locator('button[name="username"]').first().waitFor();
    await check('dev IdP sign-in');
    await page.locator('button[name="username"][value="poh-delinde"]').click();
    await pageReady(page);
    await check('referral list');
    await page.goto(`${suite.web}#/verwijzingen/nieuw`);
    await page.getByLabel('Postcode').waitFor();
    await check('new referral form');
    await page.getByLabel('Postcode').fill('1');
    await page.getByLabel('Acuut risico (o.a. suïcidaliteit)').check();
    await submit(page);
    await check('new referral form with errors and the crisis notice');
    await page.goto(`${suite.web}#/verwijzingen/${json.referralId}`);
    await pageReady(page);
    await page.getByRole('button', { name: 'Verwijzing intrekken…' }).click();
    await page.getByRole('button', { name: 'Toestemming intrekken…' }).click();
    await check('referral status with its forms open');
    await page.goto(`${suite.web}#/bestaat-niet`);
    await page.getByRole('heading', { name: 'Pagina niet gevonden' }).waitFor();
    await check('page not found');
    await page.getByRole('button', { name: 'Uitloggen' }).click();
    await page.getByText('U bent uitgelogd.').waitFor();
    await check('signed out');
    expect(found).toEqual([]);
  });

  it('works at phone width (375 px): nothing scrolls sideways, the whole referral fits the screen', async () => {
    const page = await open({ viewport: PHONE });
    await signIn(page, suite.web, 'wijkteam-polderdam');
    await pageReady(page);
    expect(await pageProblems(page, 'referral list')).toEqual([]);
    await page.getByRole('link', { name: 'Nieuwe verwijzing' }).first().click();
    await page.getByLabel('Postcode').waitFor();
    expect(await pageProblems(page, 'referral form')).toEqual([]);
    const ref = clientRef();
    await fillReferralClient(page, ref, { postcode: '9922' });
    await page.check('#domain-daily-activities-need-some');
    await page.check('#domain-daily-activities-helpFrom-network');
    await answerConsent(page, { shareWithPartners: true, shareDiagnosis: false, involveNaasten: true });
    await submit(page);
    await page.waitForURL(/#\/verwijzingen\/[0-9a-f-]{36}$/);
    await expect.poll(() => textOf(page.locator('.status-now')), { timeout: 20_000 }).toContain('toegewezen aan een contactpersoon');
    expect(await pageProblems(page, 'referral status')).toEqual([]);
    await page.getByRole('link', { name: 'Verwijzingen', exact: true }).click();
    await pageReady(page);
    await expect.poll(() => textOf(page.locator('tbody tr').first()), POLL).toContain(ref);
    expect(await pageProblems(page, 'referral list after the referral')).toEqual([]);
  });
});
