// `npm run screenshots`: each role's main page, as the README shows it, from a fresh local stack
// with the demo region and a handful of referrals. Writes docs/screenshots/<role>.png.
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { startStackProcess } from '#local/child-process.ts';
import { OverbrugClient } from '../test/support/api-client.ts';
import { DESKTOP, launchBrowser, openPage, pageReady, signIn } from '../test/support/browser.ts';
import { SAMPLE_ROUTES, sampleBody } from '../test/support/samples.ts';

/** One line per role: who signs in, and which page is their main page (`height`: only its top, in px). */
const SCREENSHOTS: readonly { role: string; user: string; hash: string; height?: number }[] = [
  { role: 'verwijzer', user: 'poh-delinde', hash: '#/verwijzingen' },
  { role: 'manager', user: 'manager-regio', hash: '#/dashboard', height: 1800 },
];

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
  // As many again from two other practices, so the region's counts reach 5 (the manager sees fewer as "<5").
  for (const username of ['huisarts-rivierkade', 'wijkteam-polderdam']) {
    const referrer = await OverbrugClient.local(stack.endpoints, username);
    for (const route of [...SAMPLE_ROUTES, ...SAMPLE_ROUTES]) await referrer.waitForStatus((await referrer.submit(await sampleBody(route))).json.referralId);
  }
  for (const { role, user, hash, height } of SCREENSHOTS) {
    const app = await openPage(browser, { viewport: DESKTOP });
    await signIn(app.page, stack.endpoints.web, user, { hash });
    await pageReady(app.page);
    // Whatever a page loads after its data (the dashboard's chart library) is there too.
    await app.page.waitForLoadState('networkidle');
    const path = `${outDir}${role}.png`;
    await app.page.screenshot({ path, fullPage: true, ...(height ? { clip: { x: 0, y: 0, width: DESKTOP.width, height } } : {}) });
    console.log(`${role}: ${path}`);
    await app.close();
  }
} finally {
  await browser.close();
  await stack.stop();
}
