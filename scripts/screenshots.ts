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

/** One line per role: who signs in (a demo user, or one chosen from the referrals), and which page is their main page. */
const SCREENSHOTS: { role: string; user: string | ((seeded: Seeded) => string); hash: string }[] = [
  { role: 'verwijzer', user: 'poh-delinde', hash: '#/verwijzingen' },
  { role: 'clientondersteuner', user: busiestContactPerson, hash: '#/zaken' },
  // Searched, so the page fits a screenshot; the two stale entries of the demo are among them.
  { role: 'beheerder', user: 'beheerder-kaart', hash: '#/kaart?zoek=hulp' },
  // The bridging partner the sample referrals of Rivierstad clients are handed to.
  { role: 'partner', user: 'partner-clientondersteuning', hash: '#/overdrachten' },
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
  for (const { role, user, hash } of SCREENSHOTS) {
    const app = await openPage(browser, { viewport: DESKTOP });
    await signIn(app.page, stack.endpoints.web, typeof user === 'string' ? user : user(seeded), { hash });
    await pageReady(app.page);
    const path = `${outDir}${role}.png`;
    await app.page.screenshot({ path, fullPage: true });
    console.log(`${role}: ${path}`);
    await app.close();
  }
} finally {
  await browser.close();
  await stack.stop();
}
