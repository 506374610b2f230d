import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { addWorkingDays } from '#shared/domain/dutch-calendar.ts';
import { DEFAULT_TIME_LIMITS } from '#shared/domain/time-limits.ts';
import { formatDate, todayInNL } from '../../web/src/components/format.ts';
import { OverbrugClient } from '../support/api-client.ts';
import { isFocused, pageProblems, pageReady, PHONE, referThroughForm, signIn, textOf } from '../support/browser.ts';
import { browserJourney } from '../support/browser-journey.ts';
import { sampleBody } from '../support/samples.ts';

// The cliëntondersteuner's journey in Chromium on the local stack: a POH refers a client through the
// form, the contact person it was assigned to finds it in their inbox, opens the case, accepts it,
// records the first contact and an outcome, and the referrer sees the feedback.

const suite = browserJourney();
let poh: OverbrugClient;
beforeAll(async () => {
  poh = await OverbrugClient.local(suite.stack.endpoints, 'poh-delinde');
});
const { open } = suite;

/** How long an assertion waits for the page to catch up. */
const POLL = { timeout: 5_000 };

/** A referral from the sample (combined route, waiting for ggz), assigned and notified; who has it. */
async function notifiedCase(edit: (body: Record<string, any>) => void = () => {}) {
  const body = await sampleBody('combined');
  edit(body);
  const { json } = await poh.submit(body);
  const view = (await poh.waitForStatus(json.referralId, ['notified'])) as Awaited<ReturnType<OverbrugClient['waitForStatus']>> & { statusChangedAt: string };
  return { referralId: json.referralId as string, ref: body.client.ref as string, contactPersonId: view.contactPerson!.id, notifiedAt: new Date(view.statusChangedAt) };
}

const heading = (page: Page) => textOf(page.getByRole('heading', { level: 1 }));
const section = (page: Page, titleId: string) => page.locator(`section[aria-labelledby="${titleId}"]`);
/** The inbox line of the client with this reference; its link is the case number. */
const inboxRow = (page: Page, ref: string) => page.locator('tbody tr').filter({ hasText: ref });
const caseLink = (row: ReturnType<typeof inboxRow>) => row.getByRole('link', { name: /^RV-\d{4}-\d{5}$/ });
/** The message an action leaves at the top of "Volgende stap". */
const stepOutcome = (page: Page) => page.locator('.next-step > .notice');

describe('the cliëntondersteuner in the browser', () => {
  it('finds a new referral marked in the inbox, sees the consented intake, accepts, records first contact and an unmet outcome; the referrer sees the first contact', async () => {
    // The POH refers through the form; the client does not consent to share diagnosis-like signals.
    const pohPage = await open();
    await signIn(pohPage, suite.web, 'poh-delinde');
    const ref = `co-${randomUUID().slice(0, 8)}`;
    const referralId = await referThroughForm(pohPage, suite.web, {
      ref,
      domains: [
        { domain: 'finances', need: 'high', helpFrom: 'professional' },
        { domain: 'social-contacts', need: 'some', helpFrom: 'both' },
        // High: with a mild one next to these debts, the social domain would go first, without bridging.
        { domain: 'mental-health', need: 'high' },
      ],
      story: { whatHappened: 'Baan kwijt na een reorganisatie; de schulden lopen op.', strengths: 'Goed contact met zijn zus.' },
      flags: ['money-worries'],
      consent: { shareWithPartners: true, shareDiagnosis: false, involveNaasten: false },
    });
    const { contactPerson } = await poh.waitForStatus(referralId, ['notified']);

    // The contact person it went to signs in: the case is at the top of their inbox, marked new.
    const page = await open();
    await signIn(page, suite.web, contactPerson!.id);
    await pageReady(page);
    expect(await heading(page)).toBe('Zaken');
    const row = inboxRow(page, ref);
    await expect.poll(() => textOf(row), POLL).toContain('Nieuw');
    expect(await textOf(row)).toContain('wacht op uw reactie');
    expect(await textOf(row)).toContain('Rivierstad');
    expect(await textOf(page.locator('.inbox-summary'))).toMatch(/\d+ nieuw, wacht op uw reactie/);
    const caseNumber = await textOf(caseLink(row));
    await caseLink(row).click();
    await pageReady(page);
    expect(await heading(page)).toBe(`Zaak ${caseNumber}`);
    await expect.poll(() => page.title(), POLL).toBe(`Zaak ${caseNumber} · Overbrug`);
    await expect.poll(() => isFocused(page.getByRole('heading', { level: 1 })), POLL).toBe(true);

    // The intake as far as the client consented: the needs and the story, not the signals.
    const intake = section(page, 'intake-title');
    expect(await textOf(intake)).toContain('Financiële situatie: hoge hulpvraag, hulp van professionals');
    expect(await textOf(intake)).toContain('Sociale contacten: enige hulpvraag, hulp van beide');
    expect(await textOf(intake)).toContain('Baan kwijt na een reorganisatie; de schulden lopen op.');
    const signals = page.getByRole('group', { name: 'Signalen' });
    expect(await textOf(signals)).toContain('niet gedeeld');
    expect(await textOf(signals)).toContain('De cliënt gaf geen toestemming om signalen die op een diagnose lijken met u te delen');
    expect(await textOf(signals)).not.toContain('Geldzorgen');
    // How to reach the client and the referrer, high on the page; the bridging partner apart from the options per need.
    expect(await textOf(section(page, 'client-title'))).toContain('Rivierstad, postcode 9902');
    const reach = section(page, 'reach-title');
    expect(await textOf(reach)).toContain('Huisartsenpraktijk De Linde (fictief)');
    expect(await reach.getByRole('link', { name: '010 000 0301' }).getAttribute('href')).toBe('tel:+31100000301');
    // The referrer's name once, not "(POH-ggz) (POH-ggz)".
    expect(await textOf(reach)).not.toContain('(POH-ggz) (POH-ggz)');
    expect(await textOf(section(page, 'matches-title'))).toContain('Steun tijdens het wachten');
    expect(await textOf(section(page, 'matches-title'))).toContain('Financiële situatie · hoge hulpvraag');

    // Accept: the answer is the updated case; the message says so and has the focus.
    await page.getByRole('button', { name: 'Zaak aannemen' }).click();
    await expect.poll(() => textOf(stepOutcome(page)), POLL).toContain('U nam de zaak aan');
    expect(await isFocused(stepOutcome(page))).toBe(true);
    expect(await textOf(page.locator('.status-now'))).toContain('aangenomen, nog geen eerste contact');

    // First contact: today unless changed, never later; in person this time.
    const date = page.getByLabel('Datum', { exact: true });
    expect(await date.inputValue()).toBe(todayInNL());
    expect(await date.getAttribute('max')).toBe(todayInNL());
    await page.getByLabel('Persoonlijk').check();
    await page.getByRole('button', { name: 'Eerste contact vastleggen' }).click();
    await expect.poll(() => textOf(stepOutcome(page)), POLL).toContain('Eerste contact vastgelegd');
    expect(await textOf(page.locator('.status-now'))).toContain('eerste contact gehad');

    // An outcome that leaves the need unmet needs one of the ten reasons: the form says so, and asks.
    const form = page.getByRole('form', { name: 'Uitkomsten vastleggen' });
    expect(await textOf(form)).toContain('kies dan ook de reden');
    const finances = form.getByRole('group', { name: /Financiële situatie/ });
    await finances.getByLabel('Uitkomst').selectOption('no-capacity');
    await form.getByRole('button', { name: 'Uitkomsten vastleggen' }).click();
    await expect.poll(() => textOf(page.locator('#outcome-finances-reason-error')), POLL).toBe('Fout: Kies waarom de hulpvraag niet vervuld werd.');
    expect(await isFocused(finances.getByLabel('Waarom niet vervuld'))).toBe(true);
    await finances.getByLabel('Waarom niet vervuld').selectOption('waiting-list');
    await form.getByRole('button', { name: 'Uitkomsten vastleggen' }).click();
    await expect.poll(() => textOf(stepOutcome(page)), POLL).toContain('Uitkomst vastgelegd');
    expect(await textOf(section(page, 'follow-up-title'))).toContain('Financiële situatie: geen plek (wachtlijst)');
    expect(await textOf(page.locator('.timeline'))).toContain('eerste contact met de cliënt');

    // The referrer's status page shows the feedback: the first contact and the outcome.
    await pohPage.goto(`${suite.web}#/verwijzingen/${referralId}`);
    await pohPage.reload();
    await pageReady(pohPage);
    await expect.poll(() => textOf(pohPage.locator('section[aria-labelledby="next-title"]')), POLL).toContain(`Eerste contact ${formatDate(todayInNL())}, persoonlijk`);
    // After the first contact the referrer no longer reads that the contact person will get in touch.
    expect(await textOf(pohPage.locator('.next-step'))).not.toContain('neemt contact op');
    // What became of each need comes first.
    const firstSection = pohPage.locator('.column-main > section').first();
    expect(await firstSection.getAttribute('aria-labelledby')).toBe('outcomes-title');
    expect(await textOf(firstSection)).toContain('financiële situatie: geen plek (wachtlijst)');
  });

  it('declines a case with a reason: it leaves the inbox and goes to another contact person', async () => {
    const { referralId, ref, contactPersonId } = await notifiedCase();
    const page = await open();
    await signIn(page, suite.web, contactPersonId, { hash: `#/zaken/${referralId}` });
    await pageReady(page);
    await page.getByRole('button', { name: 'Zaak afwijzen…' }).click();
    const reason = page.getByLabel('Waarom wijst u de zaak af?');
    await expect.poll(() => isFocused(reason), POLL).toBe(true);
    await page.getByRole('button', { name: 'Zaak afwijzen', exact: true }).click();
    await expect.poll(() => textOf(page.locator('#decline-reason-error')), POLL).toBe('Fout: Vul de reden in.');
    await reason.fill('Caseload vol deze week.');
    await page.getByRole('button', { name: 'Zaak afwijzen', exact: true }).click();
    await expect.poll(() => textOf(stepOutcome(page)), POLL).toContain('U wees de zaak af');

    // Another contact person has it now; this one's inbox no longer shows it, open or not.
    const reassigned = await poh.waitForStatus(referralId, ['notified', 'flagged-for-region']);
    expect(reassigned.status).toBe('notified');
    expect(reassigned.contactPerson!.id).not.toBe(contactPersonId);
    await stepOutcome(page).getByRole('link', { name: 'Naar uw zaken' }).click();
    await pageReady(page);
    expect(await heading(page)).toBe('Zaken');
    expect(await inboxRow(page, ref).count()).toBe(0);
    await page.getByLabel('Alle').check();
    await pageReady(page);
    expect(page.url()).toMatch(/#\/zaken\?state=all$/);
    expect(await inboxRow(page, ref).count()).toBe(0);
    const next = await OverbrugClient.local(suite.stack.endpoints, reassigned.contactPerson!.id);
    expect(((await next.request('GET', '/referrals')).json.items as { referralId: string }[]).map((item) => item.referralId)).toContain(referralId);
  });

  it('declines an option with a reason: it stays, marked, and the next best option takes its place', async () => {
    const { referralId, contactPersonId } = await notifiedCase();
    const page = await open();
    await signIn(page, suite.web, contactPersonId, { hash: `#/zaken/${referralId}` });
    await pageReady(page);
    const finances = page.locator('.need-group').filter({ has: page.getByRole('heading', { name: /^Financiële situatie/ }) });
    const first = finances.locator('.match').first();
    const name = await textOf(first.locator('.match-name strong'));
    expect(await textOf(first)).toContain('plaats gereserveerd');
    await first.getByRole('button', { name: `Aanbod afwijzen… (${name})` }).click();
    await page.getByLabel(`Waarom past ${name} niet?`).fill('Cliënt wil geen hulp bij deze organisatie.');
    await page.getByRole('button', { name: 'Aanbod afwijzen', exact: true }).click();
    const notice = section(page, 'matches-title').locator('> .notice');
    await expect.poll(() => textOf(notice), POLL).toContain(`U wees ${name} af.`);
    expect(await isFocused(notice)).toBe(true);
    // Declined options go last, marked with the reason; the next one holds the place now.
    const declined = finances.locator('.match-declined');
    expect(await textOf(declined.locator('.match-name'))).toContain(name);
    expect(await textOf(declined)).toContain('afgewezen Cliënt wil geen hulp bij deze organisatie.');
    expect(await declined.getByRole('button', { name: /Aanbod afwijzen/ }).count()).toBe(0);
    const next = finances.locator('.match').first();
    expect(await textOf(next.locator('.match-name'))).not.toContain(name);
    expect(await textOf(next)).toContain('plaats gereserveerd');
    expect(await textOf(page.locator('.timeline'))).toContain('volgende optie gaat voor');
  });

  it('says plainly what the client no longer shares after consent is withdrawn', async () => {
    const { referralId, contactPersonId } = await notifiedCase();
    const page = await open();
    await signIn(page, suite.web, contactPersonId, { hash: `#/zaken/${referralId}` });
    await pageReady(page);
    expect(await textOf(section(page, 'intake-title'))).toContain('Financiële situatie: hoge hulpvraag');
    await page.getByRole('button', { name: 'Toestemming intrekken…' }).click();
    await page.getByLabel('Voor wie vervalt de toestemming?').selectOption('contact-person');
    await page.getByLabel('de hulpvraag', { exact: true }).check();
    await page.getByRole('button', { name: 'Toestemming intrekken', exact: true }).click();
    const done = section(page, 'consent-title').locator('.notice');
    await expect.poll(() => textOf(done), POLL).toBe('Toestemming voor de contactpersoon ingetrokken.');
    expect(await isFocused(done)).toBe(true);

    // The needs, and what they imply, are gone; the story the client still shares stays.
    const intake = await textOf(section(page, 'intake-title'));
    expect(intake).toContain('niet gedeeld De cliënt gaf geen toestemming om de hulpvraag per levensdomein met u te delen, of trok die in.');
    expect(intake).not.toContain('Financiële situatie');
    expect(intake).toContain('Baan verloren na een reorganisatie');
    expect(await textOf(section(page, 'triage-title'))).toContain('de redenen van de beoordeling');
    const matches = await textOf(section(page, 'matches-title'));
    expect(matches).toContain('voor welke hulpvraag elk aanbod is');
    expect(matches).not.toContain('Financiële situatie');
    expect(await textOf(section(page, 'consent-title'))).toContain('de contactpersoon: het verhaal');
  });

  it('loads the case again and says why when it changed meanwhile', async () => {
    const { referralId, contactPersonId } = await notifiedCase();
    const page = await open();
    await signIn(page, suite.web, contactPersonId, { hash: `#/zaken/${referralId}` });
    await pageReady(page);
    // Accepted meanwhile on another device: the button on this page is out of date.
    const other = await OverbrugClient.local(suite.stack.endpoints, contactPersonId);
    expect((await other.act(referralId, { action: 'accept' })).status).toBe(200);
    await page.getByRole('button', { name: 'Zaak aannemen' }).click();
    await expect.poll(() => textOf(stepOutcome(page)), POLL).toContain('Dat kon niet meer: de zaak is intussen veranderd.');
    expect(await textOf(stepOutcome(page))).toContain('aangenomen, nog geen eerste contact');
    expect(await isFocused(stepOutcome(page))).toBe(true);
    expect(await textOf(page.locator('.status-now'))).toContain('aangenomen, nog geen eerste contact');
    expect(await page.getByRole('button', { name: 'Eerste contact vastleggen' }).count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Zaak aannemen' }).count()).toBe(0);
  });

  it('has no serious or critical accessibility violation on the inbox and the case page with its action forms open', async () => {
    const { referralId, contactPersonId } = await notifiedCase();
    const page = await open();
    const found: string[] = [];
    const check = async (name: string) => found.push(...(await pageProblems(page, name)));
    await signIn(page, suite.web, contactPersonId);
    await pageReady(page);
    await check('inbox');
    await page.goto(`${suite.web}#/zaken/${referralId}`);
    await pageReady(page);
    await check('new case');
    await page.getByRole('button', { name: 'Zaak afwijzen' }).click();
    await page.getByRole('button', { name: 'Zaak afwijzen', exact: true }).click();
    await page.locator('.match').getByRole('button', { name: /Aanbod afwijzen/ }).first().click();
    await page.getByRole('button', { name: 'Toestemming intrekken…' }).click();
    await page.getByLabel('Voor wie vervalt de toestemming?').selectOption('partners');
    await check('new case with the decline (with its error), decline-option and consent forms open');
    await page.getByRole('button', { name: 'Annuleren' }).first().click();
    await page.getByRole('button', { name: 'Zaak afsluiten…' }).click();
    await check('close, to confirm');
    await page.getByRole('button', { name: 'Annuleren' }).first().click();
    await page.getByRole('button', { name: 'Verwijzing intrekken…' }).click();
    await check('withdraw');
    await page.getByRole('button', { name: 'Annuleren' }).first().click();
    await page.getByRole('button', { name: 'Zaak aannemen' }).click();
    await page.getByLabel('Datum', { exact: true }).fill('2999-01-01');
    await page.getByRole('button', { name: 'Eerste contact vastleggen' }).click();
    await page.locator('#first-contact-date-error').waitFor();
    await check('first contact with an error');
    await page.getByLabel('Datum', { exact: true }).fill(todayInNL());
    await page.getByRole('button', { name: 'Eerste contact vastleggen' }).click();
    await page.getByRole('form', { name: 'Uitkomsten vastleggen' }).waitFor();
    await page.locator('#outcome-finances-result').selectOption('could-not-contact');
    await page.getByRole('button', { name: 'Uitkomsten vastleggen' }).click();
    await page.locator('#outcome-finances-reason-error').waitFor();
    await check('outcomes with an error');
    expect(found).toEqual([]);
  });

  it('works at phone width (375 px): the inbox and the case with its forms, nothing scrolls sideways', async () => {
    const { referralId, ref, contactPersonId } = await notifiedCase();
    const page = await open({ viewport: PHONE });
    await signIn(page, suite.web, contactPersonId);
    await pageReady(page);
    expect(await pageProblems(page, 'inbox')).toEqual([]);
    await caseLink(inboxRow(page, ref)).click();
    await pageReady(page);
    expect(page.url()).toMatch(new RegExp(`#/zaken/${referralId}$`));
    expect(await pageProblems(page, 'case')).toEqual([]);
    await page.getByRole('button', { name: 'Zaak afwijzen…' }).click();
    await page.locator('.match').getByRole('button', { name: /Aanbod afwijzen/ }).first().click();
    await page.getByRole('button', { name: 'Toestemming intrekken…' }).click();
    expect(await pageProblems(page, 'case with its decline forms open')).toEqual([]);
    await page.getByRole('button', { name: 'Annuleren' }).first().click();
    await page.getByRole('button', { name: 'Zaak aannemen' }).click();
    await page.getByRole('button', { name: 'Eerste contact vastleggen' }).click();
    const form = page.getByRole('form', { name: 'Uitkomsten vastleggen' });
    await form.locator('#outcome-waiting-result').selectOption('no-longer-interested');
    await form.locator('#outcome-waiting-reason').waitFor();
    expect(await pageProblems(page, 'case with the outcome form')).toEqual([]);
  });

  // Last: the time-limits run it fires reaches every case of the stack.
  it('marks a case whose reaction is overdue, in the inbox and on the case page', async () => {
    const { referralId, ref, contactPersonId, notifiedAt } = await notifiedCase((body) => {
      // Waiting for a week only, so the reminder is the one limit that passes.
      body.waiting.since = new Date(Date.now() - 7 * 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
    });
    const reminderDue = addWorkingDays(notifiedAt, DEFAULT_TIME_LIMITS.remindAfterWorkingDays, DEFAULT_TIME_LIMITS);
    const run = await fetch(`${suite.stack.endpoints.api}/_local/schedules/time-limits`, { method: 'POST', body: JSON.stringify({ at: new Date(reminderDue.getTime() + 60_000).toISOString() }) });
    expect(run.status).toBe(200);

    const page = await open();
    await signIn(page, suite.web, contactPersonId);
    await pageReady(page);
    const row = inboxRow(page, ref);
    await expect.poll(() => textOf(row), POLL).toContain('⚠ reactie van de contactpersoon te laat');
    expect(await row.getAttribute('class')).toContain('row-attention');
    expect(await textOf(page.locator('.inbox-summary'))).toMatch(/⚠ \d+ over een termijn heen/);
    await caseLink(row).click();
    await pageReady(page);
    expect(page.url()).toMatch(new RegExp(`#/zaken/${referralId}$`));
    expect(await textOf(page.locator('.status-line'))).toContain('reactie van de contactpersoon te laat');
    const deadlines = section(page, 'deadlines-title');
    expect(await textOf(deadlines)).toMatch(/Reactie op de toewijzing ⚠ verstreken op .+: reactie van de contactpersoon te laat/);
    expect(await textOf(deadlines)).toContain('Melding aan de regio niet verstreken');
  });
});
