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
    await page.keyboard.press('Tab'); // wie doet de netwerkintake: ik, nu in dit formulier
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
    // The case is named by its number, on the page and in the browser tab.
    await expect.poll(() => textOf(page.getByRole('heading', { level: 1 })), POLL).toMatch(/^Verwijzing RV-\d{4}-\d{5}$/);
    const caseNumber = (await textOf(page.getByRole('heading', { level: 1 }))).replace('Verwijzing ', '');
    await expect.poll(() => page.title(), POLL).toBe(`Zaak ${caseNumber} · Overbrug`);
    // The page follows the pipeline by itself until the contact person is told.
    await expect.poll(() => textOf(page.locator('.status-now')), { timeout: 20_000 }).toContain('toegewezen aan een contactpersoon');
    // Whom to call: the contact person's name, phone and e-mail; the next step and its date.
    const next = page.locator('section[aria-labelledby="next-title"]');
    const contactPerson = next.locator('.person-contact-name strong');
    await expect.poll(() => textOf(contactPerson), POLL).not.toBe('');
    await expect.poll(() => next.locator('a[href^="tel:+31"]').count(), POLL).toBe(1);
    await expect.poll(() => next.locator('a[href^="mailto:"]').count(), POLL).toBe(1);
    await expect.poll(() => textOf(next.locator('.next-step')), POLL).toMatch(/neemt de zaak aan, uiterlijk \d+ \w+ \d{4}, en belt of mailt daarna de cliënt/);
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
    // How to reach the client, as the form asked it, the number in one form.
    expect(caseView.client.contact).toEqual({ phone: '+31100000301', viaReferrer: false });
    expect(caseView.waiting).toEqual({ onGgzWaitlist: false });

    // The organisation's list shows it at the top, in Dutch.
    await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Verwijzingen' }).click();
    await pageReady(page);
    const row = page.locator('tbody tr').first();
    await expect.poll(() => textOf(row), POLL).toContain(ref);
    await expect.poll(() => textOf(row), POLL).toContain(caseNumber);
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
    // Each message names its field, as the form labels it.
    await expect.poll(() => textOf(summary), POLL).toContain('Postcode: Vul de 4 cijfers van de postcode in, zoals 9902.');
    await expect.poll(() => textOf(summary), POLL).toContain('Geboortejaar: Vul het geboortejaar in');
    await expect.poll(() => textOf(summary), POLL).toContain('Toestemming voor naasten: Kies ja of nee. Vraag de cliënt of naasten betrokken mogen worden.');
    // A text field or a select by its label (a choice group's first option carries the group's id: its label is the option's).
    const named = (await page.evaluate(`[...document.querySelectorAll('.error-summary a')].map((link) => {
      const id = link.getAttribute('href').slice(1);
      const field = document.getElementById(id);
      const label = field && !['radio', 'checkbox'].includes(field.type) ? document.querySelector('label[for="' + id + '"]') : null;
      return [link.textContent, label ? label.firstChild.textContent : null];
    })`)) as [string, string | null][];
    expect(named.filter(([, label]) => label).length).toBeGreaterThanOrEqual(3);
    expect(named.length).toBeGreaterThanOrEqual(6);
    for (const [message, label] of named) {
      expect(message).toMatch(/^[^:]+: [A-Z]/);
      if (label) expect(message.startsWith(`${label}: `), `${message} names ${label}`).toBe(true);
    }
    await summary.getByRole('link', { name: /postcode/ }).click();
    await expect.poll(() => isFocused(postcode), POLL).toBe(true);
    expect(page.url()).toMatch(/#\/verwijzingen\/nieuw$/);
    expect(toReferrals.filter((request) => request.startsWith('POST '))).toEqual([]);

    await postcode.fill('9921 AB');
    await expect.poll(() => page.locator('#client-postcode-error').count(), POLL).toBe(0);
    await expect.poll(() => page.getByLabel('Gemeente').inputValue(), POLL).toBe('Polderdam');
  });

  it('offers the gemeenten the API serves now, one added after the build included', async () => {
    // A region's beheerder added a gemeente with `npm run region`: the app learns it from GET /regions when it starts.
    const served = (await (await fetch(new URL('/regions', suite.web))).json()) as { items: { gemeenten: { name: string; postcodes: string[] }[] }[] };
    served.items[0]!.gemeenten.push({ name: 'Nieuwdorp', postcodes: ['9989'] });
    const page = await open();
    await page.route('**/regions', (route) => route.fulfill({ json: served }));
    await signIn(page, suite.web, 'poh-delinde', { hash: '#/verwijzingen/nieuw' });
    await pageReady(page);
    await page.getByLabel('Postcode').fill('9989 AB');
    await expect.poll(() => page.getByLabel('Gemeente').inputValue(), POLL).toBe('Nieuwdorp');
    expect(await page.getByLabel('Gemeente').locator('option', { hasText: 'Nieuwdorp' }).count()).toBe(1);
  });

  it('lays the levensdomeinen out readably: on a laptop each column header over its choices, nothing cut off; on a phone each choice with its own label', async () => {
    /** Where each header and each row's two choice groups start, the legends' sizes, and any choice outside the box. */
    const layout = (page: Page) =>
      page.evaluate(`(() => {
        const domains = document.querySelector('.domains');
        const box = domains.getBoundingClientRect();
        const left = (element) => Math.round(element.getBoundingClientRect().left);
        return {
          heads: [...domains.querySelectorAll('.domain-head > span')].slice(1).map(left),
          rows: [...domains.querySelectorAll('.domain-row')].map((row) => [...row.querySelectorAll('fieldset')].map(left)),
          legends: [...domains.querySelectorAll('.domain-row legend')].map((legend) => Math.round(legend.getBoundingClientRect().height)),
          outside: [...domains.querySelectorAll('.choice')].filter((choice) => {
            const rect = choice.getBoundingClientRect();
            return rect.left < box.left || rect.right > box.right;
          }).map((choice) => choice.textContent),
        };
      })()`) as Promise<{ heads: number[]; rows: number[][]; legends: number[]; outside: string[] }>;

    const laptop = await open();
    await signIn(laptop, suite.web, 'poh-delinde', { hash: '#/verwijzingen/nieuw' });
    await laptop.getByLabel('Postcode').waitFor();
    await laptop.check('#domain-housing-need-some');
    await laptop.check('#domain-housing-helpFrom-both');
    const wide = await layout(laptop);
    expect(wide.rows).toHaveLength(13);
    expect(wide.heads).toHaveLength(2);
    for (const row of wide.rows) expect(row).toEqual(wide.heads);
    expect(wide.outside).toEqual([]);
    // The headers say it: the legends are for screen readers only.
    expect(Math.max(...wide.legends)).toBeLessThanOrEqual(1);

    const phone = await open({ viewport: PHONE });
    await signIn(phone, suite.web, 'poh-delinde', { hash: '#/verwijzingen/nieuw' });
    await phone.getByLabel('Postcode').waitFor();
    const narrow = await layout(phone);
    expect(narrow.outside).toEqual([]);
    expect(narrow.legends).toHaveLength(26);
    expect(Math.min(...narrow.legends)).toBeGreaterThanOrEqual(12);
    expect(await textOf(phone.locator('.domain-row').first().locator('legend').first())).toBe('Sociale contacten: Hulpvraag');
    await phone.getByRole('group', { name: 'Financiële situatie: Hulp van' }).waitFor();
  });

  it('on a return visit takes the scripts and styles from the browser cache, and asks the server again only for the page and its configuration', async () => {
    // What the local stack sends, as CloudFront does: hashed names kept a year, the rest asked again at each load.
    const index = await fetch(new URL('/', suite.web));
    expect(index.headers.get('cache-control')).toBe('no-cache');
    expect((await fetch(new URL('/', suite.web), { headers: { 'if-none-match': index.headers.get('etag')! } })).status).toBe(304);
    expect((await fetch(new URL('/config.json', suite.web))).headers.get('cache-control')).toBe('no-cache');
    const assets = [...(await index.text()).matchAll(/"\/(assets\/[^"]+)"/g)].map((match) => match[1]!);
    expect(assets.length).toBeGreaterThanOrEqual(2);
    for (const asset of assets) {
      expect(asset).toMatch(/^assets\/[\w-]+-[A-Z0-9]{8}\.(js|css)$/);
      expect((await fetch(new URL(`/${asset}`, suite.web))).headers.get('cache-control'), asset).toBe('public, max-age=31536000, immutable');
    }

    const page = await open();
    await signIn(page, suite.web, 'poh-delinde');
    await pageReady(page);
    // Back later: a new document in the same browser (a hash change would not load the page again).
    await page.goto('about:blank');
    await page.goto(`${suite.web}#/verwijzingen`);
    await pageReady(page);
    // transferSize is 0 for a file from the browser's cache, the headers' size for a 304.
    const loaded = (await page.evaluate(
      `[...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')].map((entry) => [new URL(entry.name).pathname, entry.transferSize])`,
    )) as [string, number][];
    const appFiles = loaded.filter(([path]) => path === '/' || path === '/config.json' || path.startsWith('/assets/'));
    expect(appFiles.filter(([, size]) => size > 0).map(([path]) => path).sort()).toEqual(['/', '/config.json']);
    expect(appFiles.filter(([path, size]) => path.startsWith('/assets/') && size === 0).length).toBeGreaterThanOrEqual(assets.length);
  });

  it('refers with the short path, netwerkintake door de cliëntondersteuner, who records it on the case page; then Overbrug finds options', async () => {
    const page = await open();
    await signIn(page, suite.web, 'poh-delinde', { hash: '#/verwijzingen/nieuw' });
    await pageReady(page);
    const ref = clientRef();
    await fillReferralClient(page, ref);
    await page.getByLabel('Netwerkintake door de cliëntondersteuner').check();
    // The levensdomeinen and the story are the cliëntondersteuner's to ask now; only acute risk is asked here.
    await expect.poll(() => page.locator('#domain-finances-need-high').count(), POLL).toBe(0);
    await answerConsent(page, { shareWithPartners: true, shareDiagnosis: false, involveNaasten: false });
    await submit(page);
    await page.waitForURL(/#\/verwijzingen\/[0-9a-f-]{36}$/);
    const referralId = referralIdIn(page.url())!;
    await expect.poll(() => textOf(page.locator('.status-now')), { timeout: 20_000 }).toContain('wacht op de netwerkintake');

    // The contact person, assigned at once, records the netwerkintake on the case page.
    const poh = await OverbrugClient.local(suite.stack.endpoints, 'poh-delinde');
    // Assigned just after the referral is stored: wait for the assignment, not only the status.
    let contactPersonId: string | undefined;
    await expect.poll(async () => (contactPersonId = (await poh.get(referralId)).json.contactPerson?.id), { timeout: 30_000 }).toBeTruthy();
    const casePage = await open();
    await signIn(casePage, suite.web, contactPersonId!, { hash: `#/zaken/${referralId}` });
    await pageReady(casePage);
    await casePage.locator('#intake-finances-need').selectOption('high');
    await casePage.getByLabel('Wat is er gebeurd?').fill('Samen besproken: schulden lopen op.');
    // The client's wishes are part of the netwerkintake the contact person records.
    await casePage.getByLabel('Geen groepen').check();
    await casePage.getByRole('button', { name: 'Netwerkintake vastleggen' }).click();
    await expect.poll(() => textOf(casePage.locator('.next-step')), { timeout: 20_000 }).toContain('Netwerkintake vastgelegd');
    const notified = await poh.waitForStatus(referralId, ['notified']);
    expect(notified.contactPerson?.id).toBe(contactPersonId);
    const person = await OverbrugClient.local(suite.stack.endpoints, contactPersonId!);
    expect((await person.get(referralId)).json.intake).toMatchObject({ wishes: { choices: ['no-groups'] } });
    expect(await pageProblems(casePage, 'case awaiting its intake, recorded')).toEqual([]);
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

  it('offers Aanvullen when the client already has an open referral for the same need: the new need is added to it', async () => {
    const poh = await OverbrugClient.local(suite.stack.endpoints, 'poh-delinde');
    const earlier = await sampleBody('combined');
    const { json: first } = await poh.submit(earlier);
    await poh.waitForStatus(first.referralId, ['notified']);
    const page = await open();
    await signIn(page, suite.web, 'poh-delinde', { hash: '#/verwijzingen/nieuw' });
    await fillReferralClient(page, earlier.client.ref);
    await page.check('#domain-finances-need-high');
    await page.check('#domain-housing-need-high');
    await answerConsent(page, { shareWithPartners: true, shareDiagnosis: false, involveNaasten: false });
    await submit(page);
    // The warning takes the focus (and so comes into view), names the need and the open case.
    const notice = page.getByRole('alert').filter({ hasText: 'Deze cliënt heeft al een open verwijzing' });
    await expect.poll(() => textOf(notice), POLL).toContain('financiële situatie');
    await expect.poll(() => textOf(notice), POLL).toContain(first.caseNumber);
    await expect.poll(() => isFocused(notice), POLL).toBe(true);
    await notice.getByRole('button', { name: 'Aanvullen' }).click();
    await page.waitForURL(new RegExp(`#/verwijzingen/${first.referralId}$`));
    await page.getByText('Verwijzing aangevuld', { exact: true }).waitFor();
    await expect.poll(() => textOf(page.getByRole('heading', { level: 1 })), POLL).toBe(`Verwijzing ${first.caseNumber}`);
    // Housing was new: triaged and matched, the case kept its status, the timeline says so.
    const { json: amended } = await poh.get(first.referralId);
    expect(amended.status).toBe('notified');
    expect((amended.triage as unknown as { needs: { domain: string }[] }).needs.map((need) => need.domain)).toContain('housing');
    await expect.poll(() => textOf(page.locator('.timeline')), POLL).toContain('verwijzing aangevuld door de verwijzer');
  });

  it('prints the client letter on one A4 page, with the contact person’s phone and the crisis numbers', async () => {
    const poh = await OverbrugClient.local(suite.stack.endpoints, 'poh-delinde');
    const body = await sampleBody('combined');
    const { json } = await poh.submit(body);
    const notified = await poh.waitForStatus(json.referralId, ['notified']);
    const page = await open();
    await signIn(page, suite.web, 'poh-delinde', { hash: `#/verwijzingen/${json.referralId}` });
    await pageReady(page);
    const letterPage = page.context().waitForEvent('page');
    await page.getByRole('button', { name: 'Brief openen' }).click();
    const letter = await letterPage;
    await letter.waitForURL(/^blob:/);
    await letter.getByRole('heading', { level: 1 }).waitFor();
    const text = await letter.locator('body').innerText();
    expect(text).toContain(json.caseNumber);
    expect(text).toContain(notified.contactPerson!.name);
    expect(text).toMatch(/Telefoon\s+010 000 01\d\d/);
    expect(text).toContain('113 of 0800-0113');
    expect(text).toContain('Huisartsenpost');
    // Its one stylesheet runs under the app's CSP (allowed by hash), and it prints on one A4 page.
    expect(await letter.evaluate(`getComputedStyle(document.querySelector('.crisis')).borderTopStyle`)).toBe('solid');
    await letter.emulateMedia({ media: 'print' });
    const pdf = await letter.pdf({ format: 'A4', preferCSSPageSize: true });
    // The PDF's page tree says how many pages it has.
    expect(/\/Count (\d+)/.exec(pdf.toString('latin1'))?.[1]).toBe('1');
    await letter.close();
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
    await expect.poll(() => textOf(page.getByRole('heading', { level: 1 })), POLL).toMatch(/^Verwijzing RV-\d{4}-\d{5}$/);
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
