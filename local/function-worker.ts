// One Lambda execution environment: a worker thread with the function's own environment
// variables, which imports the handler module once (the cold start) and then serves invocations
// one at a time, as Lambda does.
import { randomUUID } from 'node:crypto';
import { parentPort, workerData } from 'node:worker_threads';
import { pathToFileURL } from 'node:url';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Context, DynamoDBRecord } from 'aws-lambda';
import { INJECTED_CRASH_EXIT_CODE, InjectedFault, seededRandom, type FunctionFaults } from './faults.ts';
import { StreamCapture } from './stream-emulator.ts';

export interface WorkerData {
  functionName: string;
  handlerPath: string;
  memoryMb: number;
  faults?: FunctionFaults;
  seed: number;
}

export type WorkerRequest = { type: 'invoke'; id: number; event: unknown; timeoutMs: number };
/** AWS requests made during one invocation, by `service command resource` (table or queue). */
export type SdkCalls = Record<string, number>;
export type WorkerReply =
  | { type: 'ready' }
  /** Changes this function wrote to a table with a stream, as the stream would carry them. */
  | { type: 'stream'; records: DynamoDBRecord[] }
  | { type: 'result'; id: number; result: unknown; calls: SdkCalls; durationMs: number }
  | { type: 'error'; id: number; error: { name: string; message: string; stack?: string }; calls: SdkCalls; durationMs: number };

const data = workerData as WorkerData;
const port = parentPort!;

let calls: SdkCalls = {};
const streams = new StreamCapture(process.env, (records) => port.postMessage({ type: 'stream', records } satisfies WorkerReply));
instrumentSdk(data.faults, data.seed);

const module = (await import(pathToFileURL(data.handlerPath).href)) as { handler: (event: unknown, context: Context) => Promise<unknown> };
port.postMessage({ type: 'ready' } satisfies WorkerReply);

port.on('message', async (request: WorkerRequest) => {
  const deadline = Date.now() + request.timeoutMs;
  const context: Context = {
    callbackWaitsForEmptyEventLoop: false,
    functionName: data.functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:eu-central-1:000000000000:function:${data.functionName}`,
    memoryLimitInMB: String(data.memoryMb),
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${data.functionName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
  calls = {};
  const started = performance.now();
  try {
    const result = await module.handler(request.event, context);
    port.postMessage({ type: 'result', id: request.id, result, calls, durationMs: performance.now() - started } satisfies WorkerReply);
  } catch (error) {
    const { name, message, stack } = error as Error;
    const reply: WorkerReply = { type: 'error', id: request.id, error: { name, message, stack }, calls, durationMs: performance.now() - started };
    port.postMessage(reply);
  }
});

function spared(rules: { command: string; keyPrefix: string }[] | undefined, command: string, input: Record<string, unknown> | undefined): boolean {
  const key = (input?.Key as { id?: { S?: string } } | undefined)?.id?.S;
  return !!key && !!rules?.some((rule) => rule.command === command && key.startsWith(rule.keyPrefix));
}

/** Names an SDK request by service, command and the table or queue it addresses. */
export function sdkCallKey(serviceId: string, command: string, input: Record<string, unknown> | undefined): string {
  const resource = input?.TableName ?? (typeof input?.QueueUrl === 'string' ? input.QueueUrl.split('/').at(-1) : undefined) ?? '-';
  return `${serviceId} ${command.replace(/Command$/, '')} ${String(resource)}`;
}

/**
 * Wraps every AWS SDK call in this worker: counts it (the benchmark's requests per referral) and
 * applies the function's planned faults (tests only).
 */
function instrumentSdk(faults: FunctionFaults | undefined, seed: number): void {
  const random = seededRandom(seed);
  const perCommand = new Map<string, number>();
  // Every SDK v3 client (and the DynamoDB document client) sends through the same base class.
  const base = Object.getPrototypeOf(DynamoDBClient.prototype) as { send: (...args: unknown[]) => Promise<unknown> };
  const send = base.send;
  base.send = function (this: { config?: { serviceId?: string }; middlewareStack?: unknown }, ...args: unknown[]) {
    if (this.config?.serviceId === 'DynamoDB') streams.attach(this.middlewareStack, (command) => send.apply(this, [command]));
    const commandObject = args[0] as { constructor: { name: string }; input?: Record<string, unknown> };
    const command = commandObject.constructor.name;
    const key = sdkCallKey(this.config?.serviceId ?? 'unknown', command, commandObject.input);
    calls[key] = (calls[key] ?? 0) + 1;
    const count = (perCommand.get(command) ?? 0) + 1;
    perCommand.set(command, count);
    if (faults?.crashBefore?.command === command && faults.crashBefore.call === count) {
      process.exit(INJECTED_CRASH_EXIT_CODE);
    }
    const rate = faults?.failRate;
    if (rate && (!rate.commands || rate.commands.includes(command)) && !spared(rate.spare, command, commandObject.input) && random() < rate.rate) {
      return Promise.reject(new InjectedFault(command));
    }
    return send.apply(this, args);
  };
}
