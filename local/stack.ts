import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  consumedQueue,
  functionEnvironment,
  functions,
  physicalName,
  queues,
  STREAM_BATCH_SIZE,
  STREAM_RETRY_ATTEMPTS,
  streamConsumerOf,
  tables,
  type FunctionId,
  type TableId,
  type QueueId,
} from '#shared/topology.ts';
import { startEmulators, LOCAL_ACCOUNT, LOCAL_REGION, type Emulators } from './emulators.ts';
import { seededRandom, type FaultPlan } from './faults.ts';
import { FunctionHost, type FunctionUsage } from './function-host.ts';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { splitRoute } from '#shared/access/policy.ts';
import { DEV_CLIENT_ID, DevIdentityProvider } from './dev-idp.ts';
import { DEMO_SYSTEM_CLIENTS, systemClientsVariable } from '#shared/regions/demo-systems.ts';
import { HttpGateway } from './http-gateway.ts';
import { provisionQueues, provisionTables, type ProvisionedQueue } from './provision.ts';
import { releaseOrphanedIdempotencyRecords } from './recovery.ts';
import { seedDemoRegions } from './seed.ts';
import { UserStore } from '#shared/adapters/user-store.ts';
import { SqsPoller } from './sqs-poller.ts';
import { StreamEventSource } from './stream-emulator.ts';
import { bundleWebApp } from '#web/build.ts';
import { loadWebBundle, localWebConfig, serveWebApp } from './web-host.ts';

export const LOCAL_STAGE = 'local';
const ROOT = fileURLToPath(new URL('..', import.meta.url));

export interface LocalStackOptions {
  /** Port of the API; 0 takes a free one. */
  port: number;
  /** Where DynamoDB keeps its data between restarts. */
  dataDir: string;
  /** Start from empty tables (and a freshly seeded demo region). */
  fresh?: boolean;
  /** Below 1 shortens visibility timeouts and sweeper timing, for tests that wait for them. */
  timeScale?: number;
  faults?: FaultPlan;
  /**
   * Values for variables the topology gives the functions, over the wired (and scaled) ones: a test
   * sets `KAART_CACHE_SECONDS` to 0 to see a changed kaart entry count at once, without waiting.
   */
  functionEnvironment?: Record<string, string>;
  /**
   * Which functions get an execution environment before the stack is ready, as provisioned
   * concurrency would: `all` (the default: the first referral after `npm start` waits for no cold
   * start), or `pipeline`, only the queue consumers (a test may scale their visibility timeout below
   * a cold start on a busy machine); every other function then starts cold on its first invocation,
   * as on Lambda, and a test file pays only for the functions it uses.
   */
  warm?: 'all' | 'pipeline';
  /** A build of the web app saved with `saveWebBundle`, served instead of bundling one at start. */
  webBundleFile?: string;
  /** Show Powertools metrics (EMF lines) in the output; locally there is no CloudWatch to read them. */
  metrics?: boolean;
  log?: (message: string) => void;
  /** Receives the functions' log output instead of the terminal (the benchmark counts and keeps it). */
  functionOutput?: (chunk: Buffer, fn: FunctionId) => void;
}

export interface LocalEndpoints {
  api: string;
  /** The web app (served by the API's gateway, as CloudFront serves it beside the API on AWS). */
  web: string;
  /** The dev IdP's issuer URL; `GET <issuer>/token?user=<username>` gives an ID token. */
  idp: string;
  mailbox: string;
  dynamodb: string;
  sqs: string;
  ses: string;
  queues: Record<QueueId, ProvisionedQueue>;
  dataDir: string;
  pid: number;
}

export interface LocalStack {
  endpoints: LocalEndpoints;
  /** Per function its invocations, duration and AWS requests; per queue the event source's requests. */
  usage(): { functions: Record<FunctionId, FunctionUsage>; eventSources: Record<QueueId, SqsPoller['calls']> };
  /** Resolves once every emulated stream record so far has been handed to its consumer. */
  streamsIdle(): Promise<void>;
  /** Runs the sweeper now, as its schedule would. */
  sweep(detail?: Record<string, unknown>): Promise<unknown>;
  /** Runs a scheduled function now, as its schedule would; `at` sets its clock (tests of time limits). */
  runSchedule(fn: FunctionId, options?: { at?: Date; detail?: Record<string, unknown> }): Promise<unknown>;
  stop(): Promise<void>;
}

export const ENDPOINTS_FILE = 'endpoints.json';

/**
 * For the commands that work on a running stack (redrive, kaart): its data directory (the option,
 * else $OVERBRUG_DATA_DIR, else .overbrug-local) and the endpoints it wrote there, if it runs.
 */
export async function findRunningStack(dataDirOption?: string): Promise<{ dataDir: string; endpoints?: LocalEndpoints }> {
  const dataDir = resolve(dataDirOption ?? process.env.OVERBRUG_DATA_DIR ?? '.overbrug-local');
  try {
    return { dataDir, endpoints: JSON.parse(await readFile(join(dataDir, ENDPOINTS_FILE), 'utf8')) as LocalEndpoints };
  } catch {
    return { dataDir };
  }
}

async function readJson(request: import('node:http').IncomingMessage): Promise<Record<string, unknown> | undefined> {
  let text = '';
  for await (const chunk of request) text += chunk;
  try {
    return text ? (JSON.parse(text) as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
/** Every e-mail the stack sent, one JSON line each: the mailbox, kept between restarts. */
/** How long a local function keeps the regions it loaded; a deployed one keeps them REGIONS_CACHE_SECONDS. */
export const LOCAL_REGIONS_CACHE_SECONDS = 2;

export const MAILBOX_FILE = 'mailbox.jsonl';

function scheduledEvent(detail: Record<string, unknown>, at = new Date()) {
  return {
    version: '0',
    id: crypto.randomUUID(),
    'detail-type': 'Scheduled Event',
    source: 'aws.events',
    account: LOCAL_ACCOUNT,
    time: at.toISOString(),
    region: LOCAL_REGION,
    resources: [],
    detail,
  };
}

/**
 * The whole service on one machine: the AWS API emulators, the tables and queues of the shared
 * topology, every function in its own Lambda-like sandbox, an API Gateway stand-in, SQS event
 * sources and the sweeper's schedule. The handlers are the same modules Lambda runs.
 */
export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  const log = options.log ?? (() => undefined);
  const timeScale = options.timeScale ?? 1;
  if (!(timeScale > 0 && timeScale <= 1)) throw new Error('timeScale must be above 0 and at most 1');
  if (options.fresh) await rm(options.dataDir, { recursive: true, force: true });
  await mkdir(options.dataDir, { recursive: true });

  // The web app builds (or loads) while the emulators start; the stack is ready once both are.
  const webBundle = options.webBundleFile ? loadWebBundle(options.webBundleFile) : bundleWebApp();
  webBundle.catch(() => undefined);
  const hosts = {} as Record<FunctionId, FunctionHost>;
  const gateway = new HttpGateway(
    (Object.keys(functions) as FunctionId[]).flatMap((id) =>
      (functions[id].routes ?? []).map((route) => ({
        ...splitRoute(route),
        // The hosts start after the gateway; it only invokes them once the stack is ready.
        invoke: (event: APIGatewayProxyEventV2) => hosts[id].invoke(event),
      })),
    ),
  );
  const port = await gateway.listen(options.port);
  const api = `http://localhost:${port}`;
  // Sign-in: the dev IdP stands in for Cognito, and the handlers verify its tokens as they do Cognito's.
  const idp = await DevIdentityProvider.create({
    issuer: `${api}/dev-idp`,
    allowedRedirectPrefixes: [`${api}/`],
    keyFile: join(options.dataDir, 'dev-idp-key.json'),
  });
  gateway.mount('/dev-idp', (request, response, path) => idp.handle(request, response, path));

  let emulators: Emulators | undefined;
  const pollers: SqsPoller[] = [];
  const timers: NodeJS.Timeout[] = [];
  const streamSources: Partial<Record<TableId, StreamEventSource>> = {};
  const stop = async () => {
    timers.forEach((timer) => clearInterval(timer));
    Object.values(streamSources).forEach((source) => source.stop());
    await gateway.close();
    await Promise.all(pollers.map((poller) => poller.stop()));
    await Promise.all(Object.values(hosts).map((host) => host.close()));
    await emulators?.close();
    await rm(join(options.dataDir, ENDPOINTS_FILE), { force: true });
  };

  try {
    emulators = await startEmulators({ dynamoDbPath: join(options.dataDir, 'dynamodb'), mailJournal: join(options.dataDir, MAILBOX_FILE) });
    const sdkConfig = { region: LOCAL_REGION, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } };
    const dynamodb = new DynamoDBClient({ ...sdkConfig, endpoint: emulators.dynamodb });
    const sqs = new SQSClient({ ...sdkConfig, endpoint: emulators.sqs });
    const tableNames = await provisionTables(dynamodb, LOCAL_STAGE);
    const provisioned = await provisionQueues(sqs, LOCAL_STAGE, timeScale);
    const document = DynamoDBDocumentClient.from(dynamodb);
    // The dev IdP signs in the users a beheerder invited from the users table, as Cognito signs in its own.
    idp.useDirectory(new UserStore(document, tableNames.users));
    const released = await releaseOrphanedIdempotencyRecords(document, tableNames.idempotency);
    if (released.length) log(`Released ${released.length} idempotency record(s) left in progress by the previous run: ${released.join(' ')}`);
    const seeded = await seedDemoRegions(
      document,
      { regions: tableNames.regions, socialeKaart: tableNames['sociale-kaart'], contactPersons: tableNames['contact-persons'] },
      new Date(),
    );
    if (seeded.regions || seeded.services || seeded.contactPersons) {
      log(`Provisioned the demo region (${seeded.regions ? 'region and rule set written' : 'region unchanged'}): ${seeded.services} services, ${seeded.contactPersons} cliëntondersteuners (fictional data)`);
    }

    const baseEnvironment = {
      TZ: 'UTC',
      AWS_REGION: LOCAL_REGION,
      AWS_DEFAULT_REGION: LOCAL_REGION,
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
      AWS_ENDPOINT_URL_DYNAMODB: emulators.dynamodb,
      AWS_ENDPOINT_URL_SQS: emulators.sqs,
      AWS_ENDPOINT_URL_SESV2: emulators.ses,
      POWERTOOLS_METRICS_DISABLED: options.metrics ? 'false' : 'true',
      // How long a function trusts that a caller's account is still active (shared/adapters/account-status.ts).
      ACCOUNT_STATUS_CACHE_SECONDS: String(Math.ceil(30 * timeScale)),
    };
    const seed = options.faults?.seed ?? 1;
    for (const id of Object.keys(functions) as FunctionId[]) {
      const spec = functions[id];
      const environment: Record<string, string> = {
        ...baseEnvironment,
        AWS_LAMBDA_FUNCTION_NAME: physicalName(LOCAL_STAGE, id),
        AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(spec.memoryMb),
        AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
        AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
        ...functionEnvironment(id, LOCAL_STAGE, {
          tableName: (table) => tableNames[table],
          queueUrl: (queue) => provisioned[queue].url,
          publicBaseUrl: api,
          publicApiUrl: api,
          auth: { issuer: idp.issuer, audience: DEV_CLIENT_ID, systemClients: systemClientsVariable(DEMO_SYSTEM_CLIENTS) },
        }),
      };
      // Shorter waits for tests: how long a referral may sit before a sweep, how long matching keeps the kaart.
      for (const name of ['STALE_AFTER_SECONDS', 'KAART_CACHE_SECONDS']) {
        if (environment[name]) environment[name] = String(Math.ceil(Number(environment[name]) * timeScale));
      }
      // A region added with `npm run region -- init` reaches the local functions within seconds.
      if (environment.REGIONS_CACHE_SECONDS) environment.REGIONS_CACHE_SECONDS = String(LOCAL_REGIONS_CACHE_SECONDS);
      for (const [name, value] of Object.entries(options.functionEnvironment ?? {})) {
        if (name in environment) environment[name] = value;
      }
      const queue = consumedQueue(id);
      hosts[id] = new FunctionHost({
        functionName: physicalName(LOCAL_STAGE, id),
        handlerPath: join(ROOT, spec.entry),
        environment,
        memoryMb: spec.memoryMb,
        timeoutMs: spec.timeoutSeconds * 1000,
        maxConcurrency: queue ? queues[queue].maxConcurrency : 4,
        faults: options.faults?.functions?.[id],
        seed,
        onEvent: log,
        // A write to a table with a stream reaches the stream's consumer (the table's name tells which).
        onStreamRecords: (records) => {
          for (const record of records) {
            const table = (Object.keys(tables) as TableId[]).find((candidate) => record.eventSourceARN?.includes(`:table/${tableNames[candidate]}/`));
            if (table) streamSources[table]?.push([record]);
          }
        },
        ...(options.functionOutput ? { onOutput: (chunk: Buffer) => options.functionOutput!(chunk, id) } : {}),
      });
    }

    for (const [id, queue] of Object.entries(provisioned) as [QueueId, ProvisionedQueue][]) {
      const spec = queues[id];
      const poller = new SqsPoller({
        sqs,
        queueUrl: queue.url,
        queueArn: queue.arn,
        host: hosts[spec.consumer],
        batchSize: spec.batchSize,
        maxBatchingWindowSeconds: spec.maxBatchingWindowSeconds,
        concurrency: spec.maxConcurrency,
        duplicateDeliveryRate: options.faults?.duplicateDeliveryRate,
        random: seededRandom(seed + id.length),
        onEvent: log,
      });
      poller.start();
      pollers.push(poller);
    }

    for (const table of (Object.keys(tables) as TableId[]).filter((id) => tables[id].stream)) {
      const consumer = streamConsumerOf(table);
      if (consumer) streamSources[table] = new StreamEventSource({ host: hosts[consumer], batchSize: STREAM_BATCH_SIZE, retryAttempts: STREAM_RETRY_ATTEMPTS, onEvent: log });
    }

    const warm = options.warm ?? 'all';
    await Promise.all((Object.keys(hosts) as FunctionId[]).filter((id) => warm === 'all' || consumedQueue(id)).map((id) => hosts[id].warm()));

    const runSchedule = (fn: FunctionId, { at, detail = {} }: { at?: Date; detail?: Record<string, unknown> } = {}) => {
      if (!functions[fn].schedule) throw new Error(`${fn} has no schedule`);
      return hosts[fn].invoke(scheduledEvent(detail, at));
    };
    const sweep = (detail: Record<string, unknown> = {}) => runSchedule('sweeper', { detail });
    // The queues start empty on every start, so whatever was in flight is stranded: recover it now.
    await sweep({ recovery: 'queues-lost' });
    // EventBridge Scheduler's stand-in: every scheduled function on its rate. Each catches up on
    // whatever fell due while the stack was down, as it does after an outage on AWS.
    for (const fn of (Object.keys(functions) as FunctionId[]).filter((id) => functions[id].schedule)) {
      const every = functions[fn].schedule!.rateMinutes * 60_000 * timeScale;
      timers.push(setInterval(() => runSchedule(fn).catch((error: Error) => log(`${fn} failed: ${error.message}`)), every));
    }

    const endpoints: LocalEndpoints = {
      api,
      web: `${api}/`,
      idp: idp.issuer,
      mailbox: emulators.ses,
      dynamodb: emulators.dynamodb,
      sqs: emulators.sqs,
      ses: emulators.ses,
      queues: provisioned,
      dataDir: options.dataDir,
      pid: process.pid,
    };
    await writeFile(join(options.dataDir, ENDPOINTS_FILE), JSON.stringify(endpoints, null, 2));
    const usage = () => ({
      functions: Object.fromEntries(Object.entries(hosts).map(([id, host]) => [id, host.usage()])) as Record<FunctionId, FunctionUsage>,
      eventSources: Object.fromEntries(
        (Object.keys(provisioned) as QueueId[]).map((id, index) => [id, { ...pollers[index]!.calls }]),
      ) as Record<QueueId, SqsPoller['calls']>,
    });
    // The local runtime's own pages: an index, and what each function and event source did.
    gateway.mount('/_local', (request, response, path) => {
      const body = request.method !== 'GET' ? undefined : path === '/' ? { service: 'overbrug', stage: LOCAL_STAGE, endpoints } : path === '/usage' ? usage() : undefined;
      response.statusCode = body ? 200 : 404;
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify(body ?? { message: 'Not Found' }, null, 2));
    });
    // The web app at `/`, with the same security headers CloudFront sends; last, as it takes every other path.
    const webApp = serveWebApp(await webBundle, localWebConfig(idp, DEV_CLIENT_ID));
    gateway.mount('', (request, response, path) => webApp.handle(request, response, path));
    gateway.markReady();
    // For tests: run a scheduled function now, with the clock they choose (`{"at": "<ISO time>"}`).
    gateway.mount('/_local/schedules', async (request, response, path) => {
      const fn = path.slice(1) as FunctionId;
      const body = request.method === 'POST' ? await readJson(request) : undefined;
      const at = typeof body?.at === 'string' ? new Date(body.at) : undefined;
      if (request.method !== 'POST' || !functions[fn]?.schedule || (at && Number.isNaN(at.getTime()))) {
        response.statusCode = 400;
        response.end(JSON.stringify({ message: 'POST /_local/schedules/<scheduled function> with an optional {"at": "<ISO time>"}' }));
        return;
      }
      const result = await runSchedule(fn, { ...(at ? { at } : {}) });
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify(result ?? null));
    });
    const streamsIdle = async () => {
      await Promise.all(Object.values(streamSources).map((source) => source.idle()));
    };
    return { endpoints, usage, streamsIdle, sweep, runSchedule, stop };
  } catch (error) {
    await stop().catch(() => undefined);
    throw error;
  }
}
