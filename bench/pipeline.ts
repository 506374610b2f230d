import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, DynamoDBDocumentClient, QueryCommand, ScanCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Referral } from '#shared/domain/referral.ts';
import { FINAL_STATUSES, type ReferralStatus, type Route } from '#shared/domain/vocabulary.ts';
import { functions, physicalName, type FunctionId, type QueueId } from '#shared/topology.ts';
import type { FunctionUsage } from '#local/function-host.ts';
import { LOCAL_STAGE, startLocalStack, type LocalStack } from '#local/stack.ts';
import type { GeneratedReferral } from './intakes.ts';
import { percentile, round } from './stats.ts';
import { fetchDevToken } from '#local/dev-idp.ts';

type Usage = ReturnType<LocalStack['usage']>;

export interface PipelineRunResult {
  referrals: number;
  concurrency: number;
  routes: Partial<Record<Route, number>>;
  statuses: Partial<Record<ReferralStatus, number>>;
  durationSeconds: number;
  referralsPerSecond: number;
  latencyMs: { p50: number; p95: number; p99: number; max: number };
  /** AWS requests per referral, by service, and by `service command resource`. */
  requestsPerReferral: { byService: Record<string, number>; byCall: Record<string, number>; emptyReceives: number; offPath: Record<string, number> };
  lambda: Record<string, { invocationsPerReferral: number; meanDurationMs: number; memoryMb: number }>;
  emailsPerReferral: number;
  logBytesPerReferral: number;
  meanReferralItemBytes: number;
}

const TABLE = (id: string) => physicalName(LOCAL_STAGE, id);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The pipeline under load: one local stack, runs of generated referrals through it over HTTP. */
export class PipelineBench {
  readonly #stack: LocalStack;
  readonly #dataDir: string;
  readonly #document: DynamoDBDocumentClient;
  #logBytes = 0;

  private constructor(stack: LocalStack, dataDir: string) {
    this.#stack = stack;
    this.#dataDir = dataDir;
    this.#document = DynamoDBDocumentClient.from(
      new DynamoDBClient({ endpoint: stack.endpoints.dynamodb, region: 'eu-central-1', credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' } }),
    );
  }

  static async start(): Promise<PipelineBench> {
    const dataDir = await mkdtemp(join(tmpdir(), 'overbrug-bench-'));
    let bench: PipelineBench | undefined;
    let early = 0;
    const stack = await startLocalStack({
      port: 0,
      dataDir,
      fresh: true,
      // The functions log at INFO as deployed; the benchmark counts those bytes instead of printing them.
      functionOutput: (chunk) => {
        if (bench) bench.#logBytes += chunk.length;
        else early += chunk.length;
      },
    });
    bench = new PipelineBench(stack, dataDir);
    bench.#logBytes = early;
    await bench.#liftLimits();
    return bench;
  }

  get endpoints() {
    return this.#stack.endpoints;
  }

  /**
   * The demo region has capacity for a few hundred clients; a run of a thousand would measure
   * exhaustion (flagged referrals, no bridging), not the common path. Lift every limit.
   */
  async #liftLimits(): Promise<void> {
    for (const [table, key, limit] of [
      ['sociale-kaart', 'serviceId', 'capacity'],
      ['contact-persons', 'contactPersonId', 'caseloadLimit'],
    ] as const) {
      const { Items = [] } = await this.#document.send(new ScanCommand({ TableName: TABLE(table) }));
      for (const item of Items) {
        if (item[limit] === null) continue;
        await this.#document.send(
          new UpdateCommand({
            TableName: TABLE(table),
            Key: { [key]: item[key] },
            UpdateExpression: 'SET #limit = :big',
            ExpressionAttributeNames: { '#limit': limit },
            ExpressionAttributeValues: { ':big': 1_000_000 },
          }),
        );
      }
    }
  }

  /**
   * Submits `generated` at `concurrency` and waits until every referral is final. With `oneByOne`
   * each referral is final before the next is sent: the pipeline's own latency, without a queue.
   */
  async run(generated: GeneratedReferral[], concurrency: number, { oneByOne = false, timeoutMs = 15 * 60_000 } = {}): Promise<PipelineRunResult> {
    const before = this.#stack.usage();
    const logBefore = this.#logBytes;
    const sentAt = new Map<string, number>();
    const authorization = `Bearer ${await fetchDevToken(this.#stack.endpoints.idp, 'poh-delinde')}`;
    let next = 0;
    const started = Date.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < generated.length) {
          const item = generated[next++]!;
          const at = Date.now();
          const response = await fetch(`${this.#stack.endpoints.api}/referrals`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization },
            body: JSON.stringify(item.body),
          });
          const answer = (await response.json()) as { referralId?: string };
          if (response.status !== 202 || !answer.referralId) throw new Error(`POST /referrals answered ${response.status}`);
          sentAt.set(answer.referralId, at);
          if (oneByOne) await this.#waitUntilSettled(started + timeoutMs, 10);
        }
      }),
    );
    await this.#waitUntilSettled(started + timeoutMs);

    const after = this.#stack.usage();
    const referrals = await this.#fetch([...sentAt.keys()]);
    const finished = referrals.map((referral) => {
      const final = [...referral.timeline].reverse().find((entry) => (FINAL_STATUSES as readonly string[]).includes(entry.event));
      return { referral, doneAt: final ? Date.parse(final.at) : Number.NaN };
    });
    const latencies = finished.map(({ referral, doneAt }) => doneAt - sentAt.get(referral.referralId)!).filter(Number.isFinite);
    const lastDone = Math.max(...finished.map(({ doneAt }) => doneAt).filter(Number.isFinite));
    const durationSeconds = (lastDone - Math.min(...sentAt.values())) / 1000;
    const count = generated.length;

    const tally = <K extends string>(values: K[]) =>
      values.reduce<Partial<Record<K, number>>>((acc, value) => ({ ...acc, [value]: (acc[value] ?? 0) + 1 }), {});
    return {
      referrals: count,
      concurrency,
      routes: tally(referrals.map((referral) => referral.triage?.route ?? ('none' as Route))),
      statuses: tally(referrals.map((referral) => referral.status)),
      durationSeconds: round(durationSeconds),
      referralsPerSecond: round(count / durationSeconds, 1),
      latencyMs: {
        p50: Math.round(percentile(latencies, 50)),
        p95: Math.round(percentile(latencies, 95)),
        p99: Math.round(percentile(latencies, 99)),
        max: Math.round(Math.max(...latencies)),
      },
      ...perReferral(before, after, count),
      logBytesPerReferral: Math.round((this.#logBytes - logBefore) / count),
      meanReferralItemBytes: Math.round(referrals.reduce((sum, referral) => sum + itemBytes(referral), 0) / referrals.length),
    };
  }

  async #waitUntilSettled(deadline: number, pollMs = 250): Promise<void> {
    const pending: ReferralStatus[] = ['received', 'triaged', 'matched'];
    while (Date.now() < deadline) {
      let open = 0;
      for (const status of pending) {
        const { Count = 0 } = await this.#document.send(
          new QueryCommand({
            TableName: TABLE('referrals'),
            IndexName: 'by-status',
            KeyConditionExpression: '#status = :status',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':status': status },
            Select: 'COUNT',
          }),
        );
        open += Count;
      }
      if (open === 0) return;
      await sleep(pollMs);
    }
    throw new Error('The run did not settle in time');
  }

  async #fetch(ids: string[]): Promise<Referral[]> {
    const referrals: Referral[] = [];
    for (let index = 0; index < ids.length; index += 100) {
      let keys = ids.slice(index, index + 100).map((referralId) => ({ referralId }));
      while (keys.length) {
        const result = await this.#document.send(new BatchGetCommand({ RequestItems: { [TABLE('referrals')]: { Keys: keys } } }));
        referrals.push(...((result.Responses?.[TABLE('referrals')] ?? []) as Referral[]));
        keys = (result.UnprocessedKeys?.[TABLE('referrals')]?.Keys ?? []) as { referralId: string }[];
      }
    }
    return referrals;
  }

  async stop(): Promise<void> {
    await this.#stack.stop();
    await rm(this.#dataDir, { recursive: true, force: true });
  }
}

/** A DynamoDB item's size is about its JSON size; close enough to price request units. */
const itemBytes = (item: unknown) => Buffer.byteLength(JSON.stringify(item));

function perReferral(before: Usage, after: Usage, count: number) {
  const byCall: Record<string, number> = {};
  // A stream's consumer (the statistics' day marks) is off the pipeline's path: counted apart.
  const offPath: Record<string, number> = {};
  const lambda: PipelineRunResult['lambda'] = {};
  for (const id of Object.keys(after.functions) as FunctionId[]) {
    const a: FunctionUsage = after.functions[id];
    const b: FunctionUsage = before.functions[id];
    const invocations = a.invocations - b.invocations;
    const into = functions[id].consumesStreamOf ? offPath : byCall;
    for (const [key, value] of Object.entries(a.calls)) {
      const delta = value - (b.calls[key] ?? 0);
      if (delta) into[key] = (into[key] ?? 0) + delta;
    }
    if (invocations) {
      lambda[id] = {
        invocationsPerReferral: round(invocations / count, 3),
        meanDurationMs: round((a.durationMs - b.durationMs) / invocations, 1),
        memoryMb: a.memoryMb,
      };
    }
  }
  let emptyReceives = 0;
  for (const queue of Object.keys(after.eventSources) as QueueId[]) {
    const a = after.eventSources[queue];
    const b = before.eventSources[queue];
    const name = physicalName(LOCAL_STAGE, queue);
    byCall[`SQS ReceiveMessage ${name} (event source)`] = a.receive - a.emptyReceive - (b.receive - b.emptyReceive);
    byCall[`SQS DeleteMessageBatch ${name} (event source)`] = a.deleteBatch - b.deleteBatch;
    emptyReceives += a.emptyReceive - b.emptyReceive;
  }
  const byService: Record<string, number> = {};
  for (const [key, value] of Object.entries(byCall)) {
    byCall[key] = round(value / count, 3);
    const service = key.split(' ')[0]!;
    byService[service] = (byService[service] ?? 0) + value;
  }
  for (const service of Object.keys(byService)) byService[service] = round(byService[service]! / count, 2);
  const emails = Object.entries(byCall)
    .filter(([key]) => key.startsWith('SESv2 SendEmail'))
    .reduce((sum, [, value]) => sum + value, 0);
  return {
    requestsPerReferral: {
      byService,
      byCall,
      emptyReceives: round(emptyReceives / count, 2),
      offPath: Object.fromEntries(Object.entries(offPath).map(([key, value]) => [key, round(value / count, 3)])),
    },
    lambda,
    emailsPerReferral: round(emails, 2),
  };
}

