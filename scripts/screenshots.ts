// `npm run screenshots`: each role's main page, as the README shows it, and a few parts of pages
// the docs show on their own, from a fresh local stack with the demo region and a handful of
// referrals. Writes docs/screenshots/<role>.png and <part>.png.
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { startStackProcess } from '#local/child-process.ts';
import { OverbrugClient, type ReferralView } from '../test/support/api-client.ts';
import type { Page } from 'playwright-core';
import { DESKTOP, launchBrowser, openPage, pageReady, PHONE, signIn } from '../test/support/browser.ts';
import { SAMPLE_ROUTES, sampleBody } from '../test/support/samples.ts';

/** The referrals made first, each as its referrer sees it once the pipeline is done. */
type Seeded = ReferralView[];

/** The contact person who got the most of them: their inbox has cases to show. */
const busiestContactPerson = (seeded: Seeded) => {
  const counts = new Map<string, number>();
  for (const view of seeded) if (view.contactPerson) counts.set(view.contactPerson.id, (counts.get(view.contactPerson.id) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0]![0];
};

/** As many referrals again from two other practices, so the region's counts reach 5 (a manager sees fewer as "<5"). */
async function moreReferrals(endpoints: { api: string; idp: string }) {
  for (const username of ['huisarts-rivierkade', 'wijkteam-polderdam']) {
    const referrer = await OverbrugClient.local(endpoints, username);
    for (const route of [...SAMPLE_ROUTES, ...SAMPLE_ROUTES]) await referrer.waitForStatus((await referrer.submit(await sampleBody(route))).json.referralId);
  }
}

/** The dashboard once Chart.js drew its charts (they arrive after the figures). */
const CHARTS_DRAWN = '.dashboard:not(:has(figure.chart:not([data-chart="drawn"])))';

/** A combined referral its contact person has: the case the phone screenshot and the status page show. */
const combinedCase = (seeded: Seeded) => seeded.find((view) => view.triage?.route === 'combined' && view.contactPerson)!;

/** Two levensdomeinen with a need, one with help from both: the form's choices, both columns in use. */
async function chooseDomains(page: Page) {
  await page.check('#domain-finances-need-high');
  await page.check('#domain-housing-need-some');
  await page.check('#domain-housing-helpFrom-both');
}

/**
 * One line per role's main page, and one per part of a page shown on its own (`file`): who signs
 * in (a demo user, or one chosen from the referrals) and where; `height` keeps only the page's top
 * (px), `part` only that element; `viewport` other than a laptop's; `before` adds what only this
 * page needs, after the pages above were taken; `drawn` is there once the page drew what comes after
 * its data; `act` does what the picture shows done.
 */
const SCREENSHOTS: {
  role: string;
  file?: string;
  user: string | ((seeded: Seeded) => string);
  hash: string | ((seeded: Seeded) => string);
  height?: number;
  part?: string;
  viewport?: { width: number; height: number };
  before?: (endpoints: { api: string; idp: string }) => Promise<void>;
  drawn?: string;
  act?: (page: Page) => Promise<void>;
}[] = [
  { role: 'verwijzer', user: 'poh-delinde', hash: '#/verwijzingen' },
  { role: 'clientondersteuner', user: busiestContactPerson, hash: '#/zaken' },
  // Searched, so the page fits a screenshot; the two stale entries of the demo are among them.
  { role: 'beheerder', user: 'beheerder-kaart', hash: '#/kaart?zoek=hulp' },
  // The bridging partner the sample referrals of Rivierstad clients are handed to.
  { role: 'partner', user: 'partner-clientondersteuning', hash: '#/overdrachten' },
  // The dashboard's top, with its charts drawn (Chart.js arrives after the figures).
  {
    role: 'manager',
    user: 'manager-regio',
    hash: '#/dashboard',
    height: 1800,
    before: moreReferrals,
    drawn: CHARTS_DRAWN,
  },
  // The levensdomeinen chart, most of them "<5": its labels on a laptop and on a phone.
  { role: 'manager', file: 'manager-levensdomeinen', user: 'manager-regio', hash: '#/dashboard', part: 'section[aria-labelledby="section-domains"]', drawn: CHARTS_DRAWN },
  { role: 'manager', file: 'manager-levensdomeinen-telefoon', user: 'manager-regio', hash: '#/dashboard', part: 'section[aria-labelledby="section-domains"]', viewport: PHONE, drawn: CHARTS_DRAWN },
  // The referral form's levensdomeinen: column headers over their choices; on a phone, each group's label.
  { role: 'verwijzer', file: 'verwijzer-levensdomeinen', user: 'poh-delinde', hash: '#/verwijzingen/nieuw', part: 'section[aria-labelledby="domains-title"]', act: chooseDomains },
  { role: 'verwijzer', file: 'verwijzer-levensdomeinen-telefoon', user: 'poh-delinde', hash: '#/verwijzingen/nieuw', part: 'section[aria-labelledby="domains-title"]', viewport: PHONE, act: chooseDomains },
  // The referrer's status page: the next step with its date, whom to call, the letter for the client.
  { role: 'verwijzer', file: 'verwijzer-status', user: 'poh-delinde', hash: (seeded) => `#/verwijzingen/${combinedCase(seeded).referralId}`, height: 1300 },
  // The contact person's case on a phone: the next step and its date first, how to reach the client and the referrer.
  {
    role: 'clientondersteuner',
    file: 'clientondersteuner-zaak-telefoon',
    user: (seeded) => combinedCase(seeded).contactPerson!.id,
    hash: (seeded) => `#/zaken/${combinedCase(seeded).referralId}`,
    viewport: PHONE,
    height: 1400,
  },
];

const outDir = fileURLToPath(new URL('../docs/screenshots/', import.meta.url));
await mkdir(outDir, { recursive: true });
const stack = await startStackProcess();
const browser = await launchBrowser();
try {
  // Referrals on every route, so the pages have something to show; the pipeline takes each to its end.
  const poh = await OverbrugClient.local(stack.endpoints, 'poh-delinde');
  const seeded: Seeded = [];
  for (const route of [...SAMPLE_ROUTES, ...SAMPLE_ROUTES]) {
    const { json } = await poh.submit(await sampleBody(route));
    seeded.push(await poh.waitForStatus(json.referralId));
  }
  for (const { role, file = role, user, hash, height, part, viewport = DESKTOP, before, drawn, act } of SCREENSHOTS) {
    await before?.(stack.endpoints);
    const app = await openPage(browser, { viewport });
    await signIn(app.page, stack.endpoints.web, typeof user === 'string' ? user : user(seeded), { hash: typeof hash === 'string' ? hash : hash(seeded) });
    await pageReady(app.page);
    if (drawn) await app.page.locator(drawn).waitFor();
    await act?.(app.page);
    const path = `${outDir}${file}.png`;
    if (part) await app.page.locator(part).screenshot({ path });
    else await app.page.screenshot({ path, fullPage: true, ...(height ? { clip: { x: 0, y: 0, width: viewport.width, height } } : {}) });
    console.log(`${file}: ${path}`);
    await app.close();
  }
} finally {
  await browser.close();
  await stack.stop();
}
