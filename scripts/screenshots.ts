// `npm run screenshots`: each role's main page, as the README shows it, from a fresh local stack
// with the demo region and a handful of referrals. Writes docs/screenshots/<role>.png.
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { startStackProcess } from '#local/child-process.ts';
import { OverbrugClient } from '../test/support/api-client.ts';
import { DESKTOP, launchBrowser, openPage, pageReady, signIn } from '../test/support/browser.ts';
import { SAMPLE_ROUTES, sampleBody } from '../test/support/samples.ts';

/** One line per role: who signs in, and which page is their main page. */
const SCREENSHOTS = [
  { role: 'verwijzer', user: 'poh-delinde', hash: '#/verwijzingen' },
  // Searched, so the page fits a screenshot; the two stale entries of the demo are among them.
  { role: 'beheerder', user: 'beheerder-kaart', hash: '#/kaart?zoek=hulp' },
  // The bridging partner the sample referrals of Rivierstad clients are handed to.
  { role: 'partner', user: 'partner-clientondersteuning', hash: '#/overdrachten' },
] as const;

const outDir = fileURLToPath(new URL('../docs/screenshots/', import.meta.url));
await mkdir(outDir, { recursive: true });
const stack = await startStackProcess();
const browser = await launchBrowser();
try {
  // Referrals on every route, so the pages have something to show; the pipeline takes each to its end.
  const poh = await OverbrugClient.local(stack.endpoints, 'poh-delinde');
  for (const route of [...SAMPLE_ROUTES, ...SAMPLE_ROUTES]) {
    const { json } = await poh.submit(await sampleBody(route));
    await poh.waitForStatus(json.referralId);
  }
  for (const { role, user, hash } of SCREENSHOTS) {
    const app = await openPage(browser, { viewport: DESKTOP });
    await signIn(app.page, stack.endpoints.web, user, { hash });
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
