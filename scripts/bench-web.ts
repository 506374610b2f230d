// `npm run bench:web [-- --runs 10]`: how fast the web app is on the local stack. The goal of the
// issue is "first page usable within one second": here that is the verwijzer's home page, from
// navigation start until their organisation's referrals are on screen (the page's data loaded and
// rendered), in a browser with an empty cache, signed in. Also: the build at start-up, and what the
// first page downloads. Prints a table; writes bench/results/web-<date>.json. Nothing is asserted.
import { mkdir, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { startStackProcess } from '#local/child-process.ts';
import { SAMPLE_ROUTES, sampleBody } from '../test/support/samples.ts';
import { OverbrugClient } from '../test/support/api-client.ts';
import { DESKTOP, launchBrowser, openPage, pageReady, signIn } from '../test/support/browser.ts';
import { bundleWebApp } from '#web/build.ts';
import { machineInfo, median, percentile, round, table } from '../bench/stats.ts';

const { values: args } = parseArgs({ options: { runs: { type: 'string', default: '10' }, referrals: { type: 'string', default: '30' } } });
const runs = Number(args.runs);

// 1. The build the local runtime runs at every start.
const buildMs: number[] = [];
let bundle = await bundleWebApp();
for (let run = 0; run < 5; run++) {
  const started = performance.now();
  bundle = await bundleWebApp();
  buildMs.push(performance.now() - started);
}

// 2. What the first page downloads: the page, its stylesheet, the entry script and its static
// imports, and the home page's own chunk.
const file = (path: string) => bundle.files.find((candidate) => candidate.path === path)!;
const indexHtml = new TextDecoder().decode(file('index.html').contents);
const referenced = [...indexHtml.matchAll(/(?:href|src)="\/([^"]+\.(?:js|css))"/g)].map((match) => match[1]!);
const homeChunk = bundle.files.find((candidate) => /^assets\/referral-list-[^/]+\.js$/.test(candidate.path))!.path;
const firstPage = ['index.html', ...referenced, homeChunk].map((path) => ({ path, bytes: file(path).contents.byteLength, gzipBytes: gzipSync(file(path).contents).byteLength }));
const total = (key: 'bytes' | 'gzipBytes') => firstPage.reduce((sum, entry) => sum + entry[key], 0);

// 3. The first page in Chromium, signed in, cold (a new browser context: empty cache) and warm (reload).
const stack = await startStackProcess();
const browser = await launchBrowser();
const cold: number[] = [];
const warm: number[] = [];
/** Of each cold first page: how long GET /referrals took (its access-log writes included). */
const listApi: number[] = [];
try {
  const poh = await OverbrugClient.local(stack.endpoints, 'poh-delinde');
  const submitted: string[] = [];
  for (let index = 0; index < Number(args.referrals); index++) submitted.push((await poh.submit(await sampleBody(SAMPLE_ROUTES[index % SAMPLE_ROUTES.length]!))).json.referralId);
  // Measure a quiet stack: the pipeline done with every referral.
  for (const referralId of submitted) await poh.waitForStatus(referralId, undefined, 60_000);
  // One real sign-in; each measured tab starts with that session, as a tab that signed in earlier would.
  const signedIn = await openPage(browser);
  await signIn(signedIn.page, stack.endpoints.web, 'poh-delinde');
  const session = (await signedIn.page.evaluate(`sessionStorage.getItem('overbrug.session')`)) as string;
  await signedIn.close();

  // Polled every animation frame in the page: when the list's first row is there, the time since navigation start.
  const usableAt = () => {
    const page = globalThis as unknown as { document: { querySelector(selector: string): unknown }; performance: { now(): number } };
    return page.document.querySelector('main .page[aria-busy="false"] tbody tr') ? page.performance.now() : false;
  };
  for (let run = 0; run < runs; run++) {
    const app = await openPage(browser, { viewport: DESKTOP });
    await app.context.addInitScript(`sessionStorage.setItem('overbrug.session', ${JSON.stringify(session)})`);
    await app.page.goto(`${stack.endpoints.web}#/verwijzingen`);
    cold.push((await (await app.page.waitForFunction(usableAt, undefined, { polling: 'raf' })).jsonValue()) as number);
    listApi.push(
      (await app.page.evaluate(() => {
        const entries = (globalThis as unknown as { performance: { getEntriesByType(type: string): { name: string; duration: number }[] } }).performance.getEntriesByType('resource');
        return entries.find((entry) => entry.name.includes('/referrals?'))?.duration ?? Number.NaN;
      })) as number,
    );
    await app.page.reload();
    warm.push((await (await app.page.waitForFunction(usableAt, undefined, { polling: 'raf' })).jsonValue()) as number);
    await pageReady(app.page);
    if (app.problems().length) throw new Error(`The page reported problems: ${app.problems().join('; ')}`);
    await app.close();
  }
} finally {
  await browser.close();
  await stack.stop();
}

const kb = (bytes: number) => `${round(bytes / 1024, 1)} KB`;
console.log(`\nWeb app on the local stack (${runs} runs each; ${args.referrals} referrals in the organisation)\n`);
console.log(
  table([
    ['', 'median', 'p90', 'max'],
    ['first page usable, cold cache (ms)', round(median(cold), 0), round(percentile(cold, 90), 0), round(Math.max(...cold), 0)],
    ['  of which GET /referrals (ms)', round(median(listApi), 0), round(percentile(listApi, 90), 0), round(Math.max(...listApi), 0)],
    ['first page usable, reload (ms)', round(median(warm), 0), round(percentile(warm, 90), 0), round(Math.max(...warm), 0)],
    ['build at start-up (ms)', round(median(buildMs), 0), round(percentile(buildMs, 90), 0), round(Math.max(...buildMs), 0)],
  ]),
);
console.log(`\nThe first page downloads ${kb(total('bytes'))} (${kb(total('gzipBytes'))} gzipped), plus /config.json and GET /referrals:\n`);
console.log(table([['file', 'bytes', 'gzipped'], ...firstPage.map((entry) => [entry.path, entry.bytes, entry.gzipBytes])]));

const result = {
  machine: machineInfo(),
  runs,
  listApiMs: { median: median(listApi), all: listApi },
  firstPageUsableMs: { cold: { median: median(cold), p90: percentile(cold, 90), max: Math.max(...cold), all: cold }, warm: { median: median(warm), p90: percentile(warm, 90), max: Math.max(...warm), all: warm } },
  buildMs: { median: median(buildMs), all: buildMs },
  firstPageBytes: { total: total('bytes'), gzip: total('gzipBytes'), files: firstPage },
};
await mkdir(new URL('../bench/results/', import.meta.url), { recursive: true });
const out = new URL(`../bench/results/web-${new Date().toISOString().slice(0, 16).replace(':', '')}.json`, import.meta.url);
await writeFile(out, JSON.stringify(result, null, 2));
console.log(`\nWritten to ${out.pathname}`);
