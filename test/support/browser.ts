// Browser tests drive Debian's own Chromium (scripts/ensure-chromium.sh installs it) with
// playwright-core: never a downloaded browser. These helpers are shared by every role's journey.
import { existsSync } from 'node:fs';
import axe from 'axe-core';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { FLAG_LABELS, STORY_QUESTIONS, type Flag, type HelpSource, type Levensdomein } from '#shared/domain/vocabulary.ts';

export const CHROMIUM = '/usr/bin/chromium';

/** A phone (iPhone SE/mini width) and a laptop. */
export const PHONE = { width: 375, height: 740 };
export const DESKTOP = { width: 1280, height: 900 };

/**
 * Starts headless Chromium. Playwright gives each launch a fresh, temporary user data directory,
 * so no profile, cache or session carries over between runs.
 */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: run scripts/ensure-chromium.sh (as root) to install Debian's chromium package`);
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export interface AppPage {
  page: Page;
  context: BrowserContext;
  /** Console errors (CSP violations among them) and uncaught exceptions so far: a working page has none. */
  problems(): string[];
  close(): Promise<void>;
}

/** A new tab in its own context (cookies, sessionStorage), Dutch, at the given size. */
export async function openPage(browser: Browser, { viewport = DESKTOP }: { viewport?: { width: number; height: number } } = {}): Promise<AppPage> {
  const context = await browser.newContext({ viewport, locale: 'nl-NL', timezoneId: 'Europe/Amsterdam' });
  // A step that cannot happen should fail the test in seconds, not in Playwright's default 30.
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    // An answer like 400 or 409 is part of a journey (the page shows it); the browser logs each one.
    if (message.type() === 'error' && !/^Failed to load resource: the server responded with a status of 4\d\d/.test(message.text())) {
      problems.push(`console: ${message.text()}`);
    }
  });
  page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
  return { page, context, problems: () => [...problems], close: () => context.close() };
}

/**
 * Signs in as a demo user on the dev IdP's page, as a person would: open the app (at `hash`, a page
 * to return to), press "Inloggen" when the start page asks, pick the user. Resolves once the app
 * shows the user signed in.
 */
export async function signIn(page: Page, webUrl: string, username: string, { hash = '' }: { hash?: string } = {}): Promise<void> {
  await page.goto(`${webUrl}${hash}`);
  const idpButton = page.locator(`button[name="username"][value="${username}"]`);
  const appButton = page.getByRole('button', { name: 'Inloggen' });
  await idpButton.or(appButton).first().waitFor();
  if (await appButton.isVisible()) await appButton.click();
  await idpButton.waitFor();
  // The development sign-in must never pass for a real one.
  if (!(await page.getByRole('note').innerText()).includes('Alleen voor ontwikkeling.')) throw new Error('The development sign-in page does not say it is for development only');
  await idpButton.click();
  await page.locator('.site-header .user-name').waitFor();
}

/**
 * Waits until the page of the current address is shown and its data has loaded (no longer
 * aria-busy). Right after a click on a link the previous page is still there, ready: the shell's
 * `data-page` (the path it shows) tells them apart. Hashes that are not routes (`#main`), and `#/`
 * (the role's home page, at its own path), are not checked.
 */
export async function pageReady(page: Page, timeoutMs = 10_000): Promise<void> {
  // Polled through page.evaluate (the DevTools protocol): waitForFunction would eval, which the CSP forbids.
  const ready = `(() => {
    const main = document.querySelector('main');
    const hash = document.location.hash;
    const route = hash === '' || hash.startsWith('#/');
    const path = hash.slice(1).split('?')[0].replace(/\\/+$/, '') || '/';
    // At \`#/\` the shell shows the role's home page, whichever path that has.
    return main?.dataset.page !== undefined && (!route || path === '/' || main.dataset.page === path) && main.querySelector('.page')?.getAttribute('aria-busy') === 'false';
  })()`;
  // A full navigation (a sign-in's redirect) destroys the context mid-evaluate: not ready yet.
  const isReady = () => page.evaluate(ready).catch((error: Error) => (/context was destroyed|navigat/i.test(error.message) ? false : Promise.reject(error)));
  // A loop of its own, not vi.waitUntil: `npm run screenshots` and `npm run bench:web` run this outside vitest.
  const deadline = Date.now() + timeoutMs;
  while (!(await isReady())) {
    if (Date.now() > deadline) throw new Error(`pageReady: no ready page for ${page.url()} within ${timeoutMs} ms`);
    await page.waitForTimeout(50);
  }
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/**
 * Runs axe-core in the page (WCAG 2.0/2.1 A and AA rules) and answers the violations of the given
 * impacts. axe is evaluated through the DevTools protocol, so the page's strict CSP stays on.
 */
export async function axeViolations(page: Page, impacts: readonly string[] = ['serious', 'critical']): Promise<AxeViolation[]> {
  if (!(await page.evaluate('typeof window.axe !== "undefined"'))) await page.evaluate(axe.source);
  const results = (await page.evaluate(`window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'] })`)) as {
    violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[];
  };
  return results.violations
    .filter((violation) => impacts.includes(violation.impact ?? ''))
    .map((violation) => ({ id: violation.id, impact: violation.impact, help: violation.help, nodes: violation.nodes.map((node) => node.target.join(' ')) }));
}

/** A readable summary of violations, for a failing assertion. */
export const describeViolations = (violations: readonly AxeViolation[]) =>
  violations.map((violation) => `${violation.impact} ${violation.id}: ${violation.help} (${violation.nodes.slice(0, 3).join('; ')})`).join('\n');

/** Whether the page is wider than the window (content that needs sideways scrolling on a phone). */
export async function scrollsSideways(page: Page): Promise<boolean> {
  return (await page.evaluate('document.documentElement.scrollWidth > window.innerWidth')) as boolean;
}

/** Whether the element has the keyboard focus. */
export const isFocused = (locator: Locator) => locator.evaluate((element: unknown) => element === (globalThis as unknown as { document: { activeElement: unknown } }).document.activeElement);

/** The text a user sees in the element, whitespace collapsed (waits for it to exist). */
export const textOf = async (locator: Locator) => (await locator.innerText()).replace(/\s+/g, ' ').trim();

/**
 * What keeps a page from passing the checks every role's pages are held to, one line each: axe's
 * serious and critical violations, and content wider than the window. Empty when it passes.
 */
export async function pageProblems(page: Page, name: string): Promise<string[]> {
  const where = `${name} (${page.viewportSize()?.width ?? '?'} px)`;
  const violations = await axeViolations(page);
  return [...(violations.length ? [`${where}:\n${describeViolations(violations)}`] : []), ...((await scrollsSideways(page)) ? [`${where} scrolls sideways`] : [])];
}

/** The requests the page makes to a path from now on, as `METHOD /path?query` (to assert what was sent, or that nothing was). */
export function requestsTo(page: Page, pathname: string): string[] {
  const requests: string[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.pathname === pathname) requests.push(`${request.method()} ${url.pathname}${url.search}`);
  });
  return requests;
}

// ---- The verwijzer's referral form (web/src/pages/verwijzer/referral-form.tsx), for every journey that starts with a referral ----

/** The client block as a POH types it; the gemeente follows from the postcode. */
/** The client block of the referral form, and how to reach the client: a (fictional) phone number by default. */
export async function fillReferralClient(
  page: Page,
  ref: string,
  { postcode = '9902', birthYear = '1988', phone = '010 000 0301' }: { postcode?: string; birthYear?: string; phone?: string } = {},
): Promise<void> {
  await page.getByLabel('Uw kenmerk voor de cliënt').fill(ref);
  await page.getByLabel('Geboortejaar').fill(birthYear);
  await page.getByLabel('Postcode').fill(postcode);
  await page.getByLabel('Telefoon van de cliënt').fill(phone);
}

export interface ConsentAnswers {
  shareWithPartners: boolean;
  shareDiagnosis: boolean;
  involveNaasten: boolean;
}

/** The client's three consent answers (the form has no default for them). */
export async function answerConsent(page: Page, answers: ConsentAnswers): Promise<void> {
  for (const [key, yes] of Object.entries(answers)) await page.check(yes ? `#consent-${key}` : `#consent-${key}-no`);
}

export interface FormReferral {
  ref: string;
  postcode?: string;
  domains: { domain: Levensdomein; need: 'some' | 'high'; helpFrom?: HelpSource }[];
  story?: Partial<Record<keyof typeof STORY_QUESTIONS, string>>;
  flags?: Flag[];
  consent: ConsentAnswers;
}

/**
 * A verwijzer, signed in, refers a client through the form (`#/verwijzingen/nieuw`) and sends it.
 * Resolves to the new referral's id once its status page shows.
 */
export async function referThroughForm(page: Page, webUrl: string, referral: FormReferral): Promise<string> {
  await page.goto(`${webUrl}#/verwijzingen/nieuw`);
  await fillReferralClient(page, referral.ref, referral.postcode ? { postcode: referral.postcode } : {});
  for (const { domain, need, helpFrom } of referral.domains) {
    await page.check(`input[name="domain-${domain}-need"][value="${need}"]`);
    if (helpFrom) await page.check(`input[name="domain-${domain}-helpFrom"][value="${helpFrom}"]`);
  }
  for (const [key, answer] of Object.entries(referral.story ?? {})) await page.getByLabel(STORY_QUESTIONS[key as keyof typeof STORY_QUESTIONS]).fill(answer);
  for (const flag of referral.flags ?? []) await page.getByLabel(FLAG_LABELS[flag]).check();
  await answerConsent(page, referral.consent);
  await page.getByRole('button', { name: 'Verwijzing versturen' }).click();
  await page.waitForURL(/#\/verwijzingen\/[0-9a-f-]{36}$/);
  return /#\/verwijzingen\/([0-9a-f-]{36})$/.exec(page.url())![1]!;
}
