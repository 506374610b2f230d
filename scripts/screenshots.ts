// `npm run screenshots`: each role's main page, as the README shows it, from a fresh local stack
// with the demo region and a handful of referrals. Writes docs/screenshots/<role>.png.
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { startStackProcess } from '#local/child-process.ts';
import { OverbrugClient, type ReferralView } from '../test/support/api-client.ts';
import { DESKTOP, launchBrowser, openPage, pageReady, signIn } from '../test/support/browser.ts';
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

/**
 * One line per role: who signs in (a demo user, or one chosen from the referrals), and which page
 * is their main page; `height` keeps only the page's top (px); `before` adds what only this page
 * needs, after the pages above were taken; `drawn` is there once the page drew what comes after
 * its data.
 */
const SCREENSHOTS: {
  role: string;
  user: string | ((seeded: Seeded) => string);
  hash: string;
  height?: number;
  before?: (endpoints: { api: string; idp: string }) => Promise<void>;
  drawn?: string;
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
    drawn: '.dashboard:not(:has(figure.chart:not([data-chart="drawn"])))',
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
  for (const { role, user, hash, height, before, drawn } of SCREENSHOTS) {
    await before?.(stack.endpoints);
    const app = await openPage(browser, { viewport: DESKTOP });
    await signIn(app.page, stack.endpoints.web, typeof user === 'string' ? user : user(seeded), { hash });
    await pageReady(app.page);
    if (drawn) await app.page.locator(drawn).waitFor();
    const path = `${outDir}${role}.png`;
    await app.page.screenshot({ path, fullPage: true, ...(height ? { clip: { x: 0, y: 0, width: DESKTOP.width, height } } : {}) });
    console.log(`${role}: ${path}`);
    await app.close();
  }
} finally {
  await browser.close();
  await stack.stop();
}
