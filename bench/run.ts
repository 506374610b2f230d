// `npm run bench [-- --referrals 1000 --concurrency 16 --skip cold-start,matching,statistics]`
// Measures the pipeline on the local stack, the emulators' own limits, the cost per 1,000 referrals
// on AWS, the matcher at scale and the functions' cold starts. Prints tables; writes
// bench/results/bench-<date>.json. Numbers are reported, never asserted.
import { mkdir, writeFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { benchColdStarts, type ColdStart } from './cold-start.ts';
import { generateReferrals } from './intakes.ts';
import { benchMatching, type MatchingScale } from './matching.ts';
import { PipelineBench, type PipelineRunResult } from './pipeline.ts';
import { tables } from '#shared/topology.ts';
import { PRICES, PRICES_AS_OF } from './prices.ts';
import { measureRawRates, type RawRates } from './raw-rates.ts';
import { benchStatistics, type StatisticsScale } from './statistics.ts';
import { machineInfo, round, table } from './stats.ts';

const { values: args } = parseArgs({
  options: {
    referrals: { type: 'string', default: '1000' },
    concurrency: { type: 'string', default: '16' },
    'common-path': { type: 'string', default: '300' },
    skip: { type: 'string', default: '' },
    seed: { type: 'string', default: '42' },
    'statistics-sizes': { type: 'string', default: '10000,100000' },
    'statistics-requests': { type: 'string', default: '20' },
  },
});
const referrals = Number(args.referrals);
const concurrency = Number(args.concurrency);
const commonPath = Number(args['common-path']);
const skip = new Set(args.skip.split(',').filter(Boolean));
const seed = Number(args.seed);

const GOALS = { ceilingShare: 0.6, dynamoPerReferral: 12, sqsPerReferral: 6, matcherP99Ms10k: 5, bundleKb: 300, initRatio: 2, statisticsGrowth: 2 };
const say = (text = '') => console.log(text);

interface CostLine {
  item: string;
  usdPer1000: number;
}

/**
 * Cost per 1,000 referrals from what was counted: Lambda requests and GB-seconds, DynamoDB
 * request units (write units by item size in KB, strongly consistent read units per 4 KB), SQS
 * requests, e-mails, API requests and log bytes.
 */
function costPer1000(run: PipelineRunResult): CostLine[] {
  const { byCall } = run.requestsPerReferral;
  const itemKb = run.meanReferralItemBytes / 1024;
  let writeUnits = 0;
  let indexWriteUnits = 0;
  let readUnits = 0;
  for (const [key, perReferral] of Object.entries(byCall)) {
    const [service, command, resource] = key.split(' ');
    if (service !== 'DynamoDB') continue;
    // The referral item is the big one; the other tables' items stay under 1 KB.
    const kb = resource?.endsWith('-referrals') ? itemKb : 1;
    if (/^(Put|Update|Delete|BatchWrite)/.test(command!)) {
      writeUnits += perReferral * Math.ceil(kb);
      // Estimate: each global secondary index takes one write unit per write (its projections are
      // small, or the item is). Writes that change no indexed attribute cost none there; writes
      // that move an item within an index (a new status) cost two.
      const indexes = Object.entries(tables).find(([id]) => resource?.endsWith(`-${id}`))?.[1].indexes ?? {};
      indexWriteUnits += perReferral * Object.keys(indexes).length;
    } else if (/^(Get|BatchGet)/.test(command!)) readUnits += perReferral * Math.ceil(kb / 4);
    else readUnits += perReferral; // Query and Scan pages here are small
  }
  const lambdaRequests = Object.values(run.lambda).reduce((sum, fn) => sum + fn.invocationsPerReferral, 0);
  const gbSeconds = Object.values(run.lambda).reduce(
    (sum, fn) => sum + fn.invocationsPerReferral * (fn.meanDurationMs / 1000) * (fn.memoryMb / 1024),
    0,
  );
  const sqs = run.requestsPerReferral.byService.SQS ?? 0;
  const lines: CostLine[] = [
    { item: 'Lambda requests', usdPer1000: lambdaRequests * PRICES.lambda.perRequest * 1000 },
    { item: 'Lambda duration (Arm)', usdPer1000: gbSeconds * PRICES.lambda.perGbSecondArm * 1000 },
    { item: `DynamoDB writes (${round(writeUnits, 1)} WRU/referral)`, usdPer1000: writeUnits * PRICES.dynamodb.perWriteUnit * 1000 },
    { item: `DynamoDB index writes, estimate (${round(indexWriteUnits, 1)} WRU/referral)`, usdPer1000: indexWriteUnits * PRICES.dynamodb.perWriteUnit * 1000 },
    { item: `DynamoDB reads (${round(readUnits, 1)} RRU/referral)`, usdPer1000: readUnits * PRICES.dynamodb.perReadUnit * 1000 },
    { item: 'SQS requests', usdPer1000: sqs * PRICES.sqs.perRequest * 1000 },
    { item: 'SES e-mails', usdPer1000: run.emailsPerReferral * PRICES.ses.perEmail * 1000 },
    { item: 'API Gateway (HTTP API)', usdPer1000: PRICES.apiGateway.perHttpRequest * 1000 },
    { item: 'CloudWatch Logs ingestion', usdPer1000: (run.logBytesPerReferral / 2 ** 30) * PRICES.cloudWatchLogs.perGbIngested * 1000 },
  ];
  return lines.map((line) => ({ ...line, usdPer1000: round(line.usdPer1000, 5) }));
}

function ceiling(run: PipelineRunResult, raw: RawRates): number {
  const secondsPerReferral = (['DynamoDB', 'SQS', 'SESv2'] as const).reduce(
    (sum, service) => sum + (run.requestsPerReferral.byService[service] ?? 0) / raw[service],
    0,
  );
  return 1 / secondsPerReferral;
}

const results: Record<string, unknown> = { machine: machineInfo(), options: { referrals, concurrency, commonPath, seed } };
say(`Overbrug benchmark, ${results.machine && JSON.stringify(results.machine)}`);

let raw: RawRates | undefined;
let mixed: PipelineRunResult | undefined;
let common: PipelineRunResult | undefined;
let unloaded: PipelineRunResult | undefined;
if (!skip.has('pipeline')) {
  say('\n1-2. The emulators alone (requests/s, same SDK client settings as the handlers) ...');
  raw = await measureRawRates(concurrency);
  say(table([['emulator', 'requests/s'], ['DynamoDB (dynalite)', raw.DynamoDB], ['SQS (local-aws-sqs)', raw.SQS], ['SES v2 (aws-ses-v2-local)', raw.SESv2]]));

  say(`\n1. Pipeline: ${referrals} generated referrals, mixed routes, ${concurrency} concurrent clients ...`);
  const bench = await PipelineBench.start();
  try {
    await bench.run(generateReferrals(30, seed + 1, 'warmup'), concurrency);
    mixed = await bench.run(generateReferrals(referrals, seed, 'mixed'), concurrency);
    const commonPathReferrals = generateReferrals(commonPath * 3, seed + 2, 'common')
      .filter((generated) => generated.intended === 'combined' || generated.intended === 'basic-ggz')
      .slice(0, commonPath);
    common = await bench.run(commonPathReferrals, concurrency);
    // One referral at a time, each final before the next: the pipeline's own latency.
    unloaded = await bench.run(generateReferrals(50, seed + 3, 'unloaded'), 1, { oneByOne: true });
  } finally {
    await bench.stop();
  }
  const limit = ceiling(mixed, raw);
  say(
    table([
      ['figure', 'value'],
      ['referrals/s sustained', mixed.referralsPerSecond],
      ['latency POST -> final, p50 ms', mixed.latencyMs.p50],
      ['latency p95 ms', mixed.latencyMs.p95],
      ['latency p99 ms', mixed.latencyMs.p99],
      ['latency one referral at a time, p50 / p99 ms', `${unloaded!.latencyMs.p50} / ${unloaded!.latencyMs.p99}`],
      ['emulator-bound ceiling, referrals/s', round(limit, 1)],
      [`achieved / ceiling (goal >= ${GOALS.ceilingShare})`, round(mixed.referralsPerSecond / limit, 2)],
    ]),
  );
  say(`routes ${JSON.stringify(mixed.routes)}; final statuses ${JSON.stringify(mixed.statuses)}`);

  say(`\n3. Requests per referral, common path (${common.referrals} referrals on the basic-ggz and combined routes, notified):`);
  say(
    table([
      ['service', 'per referral', 'goal'],
      ['DynamoDB', common.requestsPerReferral.byService.DynamoDB ?? 0, `<= ${GOALS.dynamoPerReferral}`],
      ['SQS', common.requestsPerReferral.byService.SQS ?? 0, `<= ${GOALS.sqsPerReferral}`],
      ['SES v2', common.requestsPerReferral.byService.SESv2 ?? 0, ''],
    ]),
  );
  say(table([['request (service command table/queue)', 'per referral'], ...Object.entries(common.requestsPerReferral.byCall).sort()]));
  say(`(plus ${common.requestsPerReferral.emptyReceives} empty receives per referral by the idle local pollers; on AWS idle polling is a fixed cost, not per referral)`);
  const offPath = Object.entries(common.requestsPerReferral.offPath);
  if (offPath.length) say(`(off the pipeline's path, the referrals stream's consumer: ${offPath.map(([key, value]) => `${key} ${value}`).join(', ')} per referral)`);

  const costs = costPer1000(common);
  const total = costs.reduce((sum, line) => sum + line.usdPer1000, 0);
  say(`\n3. Cost per 1,000 referrals on AWS, eu-central-1 list prices as of ${PRICES_AS_OF} (see bench/prices.ts):`);
  say(table([['item', 'USD per 1,000 referrals'], ...costs.map((line) => [line.item, line.usdPer1000.toFixed(4)]), ['total', total.toFixed(4)]]));
  results.rawRates = raw;
  results.pipeline = { mixed, commonPath: common, unloaded, ceilingReferralsPerSecond: round(limit, 1), achievedShareOfCeiling: round(mixed.referralsPerSecond / limit, 2) };
  results.costPer1000 = { pricesAsOf: PRICES_AS_OF, lines: costs, totalUsd: round(total, 4) };
}

let matching: MatchingScale[] | undefined;
if (!skip.has('matching')) {
  say('\n4. The matcher alone, warm, one referral against sociale kaarten of each size:');
  matching = benchMatching([1_000, 10_000, 100_000]);
  say(table([['services', 'calls', 'p50 ms', 'p99 ms'], ...matching.map((m) => [m.services, m.calls, m.p50Ms, m.p99Ms])]));
  say(`goal: p99 under ${GOALS.matcherP99Ms10k} ms at 10,000 services`);
  results.matching = matching;
}

let coldStarts: ColdStart[] | undefined;
if (!skip.has('cold-start')) {
  say('\n5. Cold start: bundles as the CDK stack builds them, median import+init in a fresh Node process (10 runs, in turns with the baseline):');
  const loadBefore = loadavg();
  coldStarts = await benchColdStarts(10);
  const loadAfter = loadavg();
  say(
    table([
      ['bundle', 'KB minified', 'median init ms', 'x baseline', 'init CPU ms', 'x baseline (CPU)'],
      ...coldStarts.map((c) => [c.name, round(c.bundleBytes / 1024, 1), c.medianInitMs, c.ratioToBaseline, c.medianInitCpuMs, c.cpuRatioToBaseline]),
    ]),
  );
  say(`goal: every bundle under ${GOALS.bundleKb} KB and init under ${GOALS.initRatio}x the baseline`);
  // Init times on a shared machine are the load's as much as the code's: say what it was.
  say(`load average (1, 5, 15 min) before: ${loadBefore.map((n) => round(n, 1)).join(', ')}; after: ${loadAfter.map((n) => round(n, 1)).join(', ')}`);
  results.coldStarts = coldStarts;
  results.coldStartLoadAverage = { before: loadBefore, after: loadAfter };
}

let statisticsScales: StatisticsScale[] | undefined;
if (!skip.has('statistics')) {
  const sizes = args['statistics-sizes'].split(',').map(Number);
  say(`\n6. GET /statistics over the last year, the region holding ${sizes.join(' then ')} referrals (written straight into the table):`);
  statisticsScales = await benchStatistics(sizes, Number(args['statistics-requests']), seed, say);
  say(
    table([
      ['referrals in the region', 'open cases', 'first request ms', 'warm p50 ms', 'warm p95 ms'],
      ...statisticsScales.map((s) => [s.referrals, s.openCases, s.firstMs, s.p50Ms, s.p95Ms]),
    ]),
  );
  const [small, large] = [statisticsScales[0], statisticsScales.at(-1)];
  if (small && large && small !== large) say(`p50 grows ${round(large.p50Ms / small.p50Ms, 2)}x (goal: at most ${GOALS.statisticsGrowth}x)`);
  results.statistics = statisticsScales;
}

await mkdir(new URL('./results/', import.meta.url), { recursive: true });
const file = new URL(`./results/bench-${new Date().toISOString().slice(0, 16).replace(':', '')}.json`, import.meta.url);
await writeFile(file, `${JSON.stringify(results, null, 2)}\n`);
say(`\nWritten: ${file.pathname}`);
// The local stack's servers are closed; timers of the SDK may linger.
process.exit(0);
