// GET /statistics over a year, with 10,000 and then 100,000 referrals in the region: does a
// request cost what the period asks for, or what the region ever received? The referrals are
// written straight into the local referrals table (BatchWriteItem), spread over the last 365 days
// with realistic counted facts (`stats`): routes, age bands, waiting times, open cases mostly
// among the recent ones. Writes made outside the functions reach no stream, so the benchmark
// marks the days it wrote, and their months, as the stream would (one ADD per day and month), where
// the topology has statistics-days; on a version without it the same script measures the old path.
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { fetchDevToken } from '#local/dev-idp.ts';
import { LOCAL_STAGE, startLocalStack } from '#local/stack.ts';
import { dutchDate } from '#shared/domain/dutch-calendar.ts';
import { AGE_BANDS } from '#shared/domain/referral-stats.ts';
import { LEVENSDOMEINEN, PIPELINE_PENDING_STATUSES, ROUTES, UNMET_NEED_REASONS } from '#shared/domain/vocabulary.ts';
import { physicalName, tables } from '#shared/topology.ts';
import { seededRandom } from '#local/faults.ts';
import { percentile, round } from './stats.ts';

const REGION = 'regio-voorbeeld';
const GEMEENTEN = ['Rivierstad', 'Rivierstad', 'Heuvelrand', 'Polderdam'];
const DAY_MS = 24 * 60 * 60 * 1000;
const OPEN_BEFORE_FIRST_CONTACT = ['received', 'triaged', 'matched', 'notified', 'accepted', 'awaiting-intake'] as const;

export interface StatisticsScale {
  referrals: number;
  /** The first request after the referrals were written: every day of the year counted (new path) or every referral read (old path). */
  firstMs: number;
  warmRequests: number;
  /** Requests not answered 200 (the old path times out on a large region), with the time they took. */
  failed: { status: number; ms: number }[];
  p50Ms: number;
  p95Ms: number;
  /** The region's open cases (what the "now" figures read). */
  openCases: number;
}

/** One referral as the by-region and by-status indexes see it, made `ageDays` ago. */
function referral(random: () => number, now: number, ageDays: number) {
  const pick = <T>(values: readonly T[]) => values[Math.floor(random() * values.length)]!;
  const created = now - ageDays * DAY_MS - Math.floor(random() * DAY_MS * 0.9);
  const createdAt = new Date(Math.min(created, now - 60_000)).toISOString();
  const at = (plusMs: number) => new Date(Date.parse(createdAt) + plusMs).toISOString();
  const route = random() < 0.03 ? undefined : pick(ROUTES);
  // Open cases are recent ones: none after 90 days, most of the newest.
  const open = random() < Math.max(0, 1 - ageDays / 90) * 0.6;
  const firstContact = route && random() < 0.8 ? 2 * DAY_MS + random() * 30 * DAY_MS : undefined;
  const reached = firstContact !== undefined && firstContact < ageDays * DAY_MS;
  const waitingSince = route === 'basic-ggz' || route === 'specialised-ggz' || route === 'combined' ? dutchDate(new Date(Date.parse(createdAt) - random() * 30 * DAY_MS)) : undefined;
  const inCare = reached && waitingSince && random() < 0.6 ? firstContact! + random() * 100 * DAY_MS : undefined;
  const status = !open ? (random() < 0.9 ? 'closed' : 'withdrawn') : inCare && inCare < ageDays * DAY_MS ? 'in-care' : reached ? 'first-contact' : pick(OPEN_BEFORE_FIRST_CONTACT);
  return {
    referralId: randomUUID(),
    regionId: REGION,
    caseNumber: `RV-2026-${String(Math.floor(random() * 99999)).padStart(5, '0')}`,
    status,
    statusChangedAt: createdAt,
    // Reported stalled already, so the sweeper leaves them alone: it would re-enqueue the thousands
    // of open ones still in the pipeline's statuses, which lack what its steps need, and their
    // writes would mark days changed all through the measurement (in the last run before this, the
    // 100,000 figures partly measured that churn).
    ...(PIPELINE_PENDING_STATUSES.includes(status) ? { stalledAt: createdAt } : {}),
    createdAt,
    ...(random() < 0.3 ? { bridgingServiceId: 'bench-partner' } : {}),
    ...(status !== 'received' ? { contactPerson: { name: 'Bench Contactpersoon' } } : {}),
    stats: {
      gemeente: random() < 0.02 ? 'Elders' : pick(GEMEENTEN),
      ageBand: pick(AGE_BANDS),
      repeat: random() < 0.2,
      onGgzWaitlist: waitingSince !== undefined,
      ...(waitingSince ? { waitingSince } : {}),
      ...(route ? { route, triagedAt: at(30_000 + random() * 20 * 60_000) } : {}),
      ...(reached ? { firstContactAt: at(firstContact!) } : {}),
      ...(inCare && inCare < ageDays * DAY_MS ? { inCareAt: at(inCare) } : {}),
      ggzHelped: random() < 0.3,
      bridgingNeeded: random() < 0.4,
      bridging: random() < 0.3,
      needDomains: LEVENSDOMEINEN.filter(() => random() < 0.25),
      unmet: random() < 0.2 ? [{ domain: 'finances', reason: pick(UNMET_NEED_REASONS) }] : [],
      placesAt: [],
      flaggedForRegion: false,
    },
  };
}

/**
 * Seeds the region up to each size in `sizes` in turn and measures GET /statistics over the last
 * year at each: the first request, then `warmRequests` more (p50, p95), each after marking today
 * changed, as a day with referrals coming in is.
 */
export async function benchStatistics(sizes: number[], warmRequests: number, seed: number, say: (text: string) => void): Promise<StatisticsScale[]> {
  const dataDir = await mkdtemp(join(tmpdir(), 'overbrug-bench-statistics-'));
  const stack = await startLocalStack({ port: 0, dataDir, fresh: true, functionOutput: () => undefined });
  const document = DynamoDBDocumentClient.from(
    new DynamoDBClient({ endpoint: stack.endpoints.dynamodb, region: 'eu-central-1', credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' } }),
  );
  const random = seededRandom(seed);
  const now = Date.now();
  const today = dutchDate(new Date(now));
  const from = dutchDate(new Date(now - 364 * DAY_MS));
  const referralsTable = physicalName(LOCAL_STAGE, 'referrals');
  const daysTable = 'statistics-days' in tables ? physicalName(LOCAL_STAGE, 'statistics-days') : undefined;
  const mark = (day: string) =>
    document.send(new UpdateCommand({ TableName: daysTable, Key: { regionId: REGION, day }, UpdateExpression: 'ADD generation :one', ExpressionAttributeValues: { ':one': 1 } }));
  // The day, then its month (`month#2026-11`, shared/adapters/statistics-store.ts), in the stream consumer's order.
  const markChanged = async (day: string) => {
    if (!daysTable) return;
    await mark(day);
    await mark(`month#${day.slice(0, 7)}`);
  };
  const results: StatisticsScale[] = [];
  let written = 0;
  let openCases = 0;
  try {
    const authorization = `Bearer ${await fetchDevToken(stack.endpoints.idp, 'manager-regio')}`;
    const get = async () => {
      const started = performance.now();
      const response = await fetch(`${stack.endpoints.api}/statistics?from=${from}&to=${today}`, { headers: { authorization } });
      const body = (await response.json()) as { referrals?: { total: unknown } };
      const ms = performance.now() - started;
      if (response.status !== 200) failed.push({ status: response.status, ms: round(ms, 1) });
      return { ms, total: response.status === 200 ? body.referrals?.total : `status ${response.status}` };
    };
    let failed: { status: number; ms: number }[] = [];
    for (const size of sizes) {
      failed = [];
      const touched = new Set<string>();
      const started = performance.now();
      const batch: Record<string, unknown>[] = [];
      const flush = async () => {
        let requests = batch.splice(0).map((Item) => ({ PutRequest: { Item } }));
        while (requests.length) {
          const result = await document.send(new BatchWriteCommand({ RequestItems: { [referralsTable]: requests } }));
          requests = (result.UnprocessedItems?.[referralsTable] ?? []) as typeof requests;
        }
      };
      const writers: Promise<void>[] = [];
      for (; written < size; written++) {
        const item = referral(random, now, Math.floor(random() * 365));
        if (OPEN_BEFORE_FIRST_CONTACT.includes(item.status as never) || item.status === 'first-contact' || item.status === 'in-care') openCases++;
        touched.add(dutchDate(new Date(item.createdAt)));
        batch.push(item);
        if (batch.length === 25) {
          writers.push(flush());
          if (writers.length >= 8) await Promise.all(writers.splice(0));
        }
      }
      writers.push(flush());
      await Promise.all(writers);
      for (const day of touched) await markChanged(day);
      say(`   ${size} referrals in the region (${round((performance.now() - started) / 1000, 1)} s to write), ${openCases} open`);
      const first = await get();
      const warm: number[] = [];
      for (let i = 0; i < warmRequests; i++) {
        await markChanged(today);
        warm.push((await get()).ms);
      }
      results.push({ referrals: size, firstMs: round(first.ms, 1), warmRequests, failed, p50Ms: round(percentile(warm, 50), 1), p95Ms: round(percentile(warm, 95), 1), openCases });
      say(`   first ${round(first.ms)} ms (total shown: ${String(first.total)}), warm p50 ${round(percentile(warm, 50))} ms, p95 ${round(percentile(warm, 95))} ms${failed.length ? `; ${failed.length} not answered: ${JSON.stringify(failed)}` : ''}`);
    }
  } finally {
    await stack.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
  return results;
}
