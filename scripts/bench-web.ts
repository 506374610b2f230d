// `npm run bench:web [-- --runs 10] [-- --page manager]`: how fast the web app is on the local
// stack. The goal of the issue is "first page usable within one second": here that is a role's
// home page (the verwijzer's by default), from navigation start until its data is on screen (loaded
// and rendered), in a browser with an empty cache, signed in. Also: the build at start-up, and what
// the page downloads. Prints a table; writes bench/results/web-[<page>-]<date>.json. Nothing is
// asserted.
import { mkdir, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { startStackProcess } from '#local/child-process.ts';
import { SAMPLE_ROUTES, sampleBody } from '../test/support/samples.ts';
import { OverbrugClient } from '../test/support/api-client.ts';
import { DESKTOP, launchBrowser, openPage, pageReady, signIn } from '../test/support/browser.ts';
import { bundleWebApp } from '#web/build.ts';
import { machineInfo, median, percentile, round, table } from '../bench/stats.ts';

const { values: args } = parseArgs({ options: { runs: { type: 'string', default: '10' }, referrals: { type: 'string', default: '30' }, page: { type: 'string', default: 'verwijzer' } } });
const runs = Number(args.runs);

/**
 * The home pages measured: who signs in, where, the API call the page waits for, and the
 * selectors of "usable" (the data on screen) and, where the page draws more after that, "complete".
 */
const PAGES = {
  verwijzer: { user: 'poh-delinde', hash: '#/verwijzingen', api: '/referrals?', usable: 'main .page[aria-busy="false"] tbody tr', complete: undefined },
  // The figures in tables first; the charts when Chart.js (its own chunk, fetched meanwhile) has drawn them.
  manager: { user: 'manager-regio', hash: '#/dashboard', api: '/statistics?', usable: 'main .page[aria-busy="false"] .key-figure', complete: '.dashboard:not(:has(figure.chart:not([data-chart="drawn"])))' },
} as const;
if (!(args.page! in PAGES)) throw new Error(`--page is one of ${Object.keys(PAGES).join(', ')}`);
const measured = PAGES[args.page as keyof typeof PAGES];

// 1. The build the local runtime runs at every start.
const buildMs: number[] = [];
let bundle = await bundleWebApp();
for (let run = 0; run < 5; run++) {
  const started = performance.now();
  bundle = await bundleWebApp();
  buildMs.push(performance.now() - started);
}

// 2. What the page downloads (found in the browser below): the page, its stylesheet, the entry script
// and its static imports, the page's own chunks, sized from the bundle, raw and gzipped.
const file = (path: string) => bundle.files.find((candidate) => candidate.path === path);
let firstPage: { path: string; bytes: number; gzipBytes: number }[] = [];
const total = (key: 'bytes' | 'gzipBytes') => firstPage.reduce((sum, entry) => sum + entry[key], 0);

// 3. The first page in Chromium, signed in, cold (a new browser context: empty cache) and warm (reload).
const stack = await startStackProcess();
const browser = await launchBrowser();
const cold: number[] = [];
const warm: number[] = [];
/** Of each cold first page: until everything is drawn (where the page draws more after its data). */
const completeMs: number[] = [];
/** Of each cold first page: how long its API call took (GET /referrals: its access-log writes included). */
const listApi: number[] = [];
try {
  const poh = await OverbrugClient.local(stack.endpoints, 'poh-delinde');
  const submitted: string[] = [];
  for (let index = 0; index < Number(args.referrals); index++) submitted.push((await poh.submit(await sampleBody(SAMPLE_ROUTES[index % SAMPLE_ROUTES.length]!))).json.referralId);
  // Measure a quiet stack: the pipeline done with every referral.
  for (const referralId of submitted) await poh.waitForStatus(referralId, undefined, 60_000);
  // One real sign-in; each measured tab starts with that session, as a tab that signed in earlier would.
  const signedIn = await openPage(browser);
  await signIn(signedIn.page, stack.endpoints.web, measured.user);
  const session = (await signedIn.page.evaluate(`sessionStorage.getItem('overbrug.session')`)) as string;
  await signedIn.close();

  // Polled every animation frame in the page: when the selector finds something, the time since navigation start.
  const shownAt = (selector: string) => {
    const page = globalThis as unknown as { document: { querySelector(selector: string): unknown }; performance: { now(): number } };
    return page.document.querySelector(selector) ? page.performance.now() : false;
  };
  const waitFor = async (page: Page, selector: string) => (await (await page.waitForFunction(shownAt, selector, { polling: 'raf' })).jsonValue()) as number;
  for (let run = 0; run < runs; run++) {
    const app = await openPage(browser, { viewport: DESKTOP });
    await app.context.addInitScript(`sessionStorage.setItem('overbrug.session', ${JSON.stringify(session)})`);
    await app.page.goto(`${stack.endpoints.web}${measured.hash}`);
    cold.push(await waitFor(app.page, measured.usable));
    if (measured.complete) completeMs.push(await waitFor(app.page, measured.complete));
    const resources = (await app.page.evaluate(() =>
      (globalThis as unknown as { performance: { getEntriesByType(type: string): { name: string; duration: number }[] } }).performance
        .getEntriesByType('resource')
        .map(({ name, duration }) => ({ name, duration })),
    )) as { name: string; duration: number }[];
    listApi.push(resources.find((entry) => entry.name.includes(measured.api))?.duration ?? Number.NaN);
    if (!firstPage.length) {
      const paths = ['index.html', ...resources.map((entry) => new URL(entry.name).pathname.slice(1)).filter((path) => path.startsWith('assets/'))];
      firstPage = paths.flatMap((path) => {
        const found = file(path);
        return found ? [{ path, bytes: found.contents.byteLength, gzipBytes: gzipSync(found.contents).byteLength }] : [];
      });
    }
    await app.page.reload();
    warm.push(await waitFor(app.page, measured.usable));
    await pageReady(app.page);
    if (app.problems().length) throw new Error(`The page reported problems: ${app.problems().join('; ')}`);
    await app.close();
  }
} finally {
  await browser.close();
  await stack.stop();
}

const kb = (bytes: number) => `${round(bytes / 1024, 1)} KB`;
console.log(`\nWeb app on the local stack: the ${args.page}'s home page ${measured.hash} (${runs} runs each; ${args.referrals} referrals in the organisation)\n`);
console.log(
  table([
    ['', 'median', 'p90', 'max'],
    ['first page usable, cold cache (ms)', round(median(cold), 0), round(percentile(cold, 90), 0), round(Math.max(...cold), 0)],
    [`  of which GET ${measured.api.slice(0, -1)} (ms)`, round(median(listApi), 0), round(percentile(listApi, 90), 0), round(Math.max(...listApi), 0)],
    ...(completeMs.length ? [['everything drawn, cold cache (ms)', round(median(completeMs), 0), round(percentile(completeMs, 90), 0), round(Math.max(...completeMs), 0)]] : []),
    ['first page usable, reload (ms)', round(median(warm), 0), round(percentile(warm, 90), 0), round(Math.max(...warm), 0)],
    ['build at start-up (ms)', round(median(buildMs), 0), round(percentile(buildMs, 90), 0), round(Math.max(...buildMs), 0)],
  ]),
);
console.log(`\nThe page downloads ${kb(total('bytes'))} (${kb(total('gzipBytes'))} gzipped), plus /config.json and GET ${measured.api.slice(0, -1)}:\n`);
console.log(table([['file', 'bytes', 'gzipped'], ...firstPage.map((entry) => [entry.path, entry.bytes, entry.gzipBytes])]));

const result = {
  machine: machineInfo(),
  page: args.page,
  runs,
  ...(completeMs.length ? { completeMs: { median: median(completeMs), p90: percentile(completeMs, 90), max: Math.max(...completeMs), all: completeMs } } : {}),
  listApiMs: { median: median(listApi), all: listApi },
  firstPageUsableMs: { cold: { median: median(cold), p90: percentile(cold, 90), max: Math.max(...cold), all: cold }, warm: { median: median(warm), p90: percentile(warm, 90), max: Math.max(...warm), all: warm } },
  buildMs: { median: median(buildMs), all: buildMs },
  firstPageBytes: { total: total('bytes'), gzip: total('gzipBytes'), files: firstPage },
};
await mkdir(new URL('../bench/results/', import.meta.url), { recursive: true });
const out = new URL(`../bench/results/web-${args.page === 'verwijzer' ? '' : `${args.page}-`}${new Date().toISOString().slice(0, 16).replace(':', '')}.json`, import.meta.url);
await writeFile(out, JSON.stringify(result, null, 2));
console.log(`\nWritten to ${out.pathname}`);
