// One Lambda execution environment: a worker thread with the function's own environment
// variables, which imports the handler module once (the cold start) and then serves invocations
// one at a time, as Lambda does.
import { randomUUID } from 'node:crypto';
import { parentPort, workerData } from 'node:worker_threads';
import { pathToFileURL } from 'node:url';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Context } from 'aws-lambda';
import { INJECTED_CRASH_EXIT_CODE, InjectedFault, seededRandom, type FunctionFaults } from './faults.ts';

export interface WorkerData {
  functionName: string;
  handlerPath: string;
  memoryMb: number;
  faults?: FunctionFaults;
  seed: number;
}

export type WorkerRequest = { type: 'invoke'; id: number; event: unknown; timeoutMs: number };
export type WorkerReply =
  | { type: 'ready' }
  | { type: 'result'; id: number; result: unknown }
  | { type: 'error'; id: number; error: { name: string; message: string; stack?: string } };

const data = workerData as WorkerData;
const port = parentPort!;

installFaults(data.faults, data.seed);

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
  try {
    const result = await module.handler(request.event, context);
    port.postMessage({ type: 'result', id: request.id, result } satisfies WorkerReply);
  } catch (error) {
    const { name, message, stack } = error as Error;
    port.postMessage({ type: 'error', id: request.id, error: { name, message, stack } } satisfies WorkerReply);
  }
});

/** Wraps every AWS SDK call in this worker with the function's planned faults (tests only). */
function installFaults(faults: FunctionFaults | undefined, seed: number): void {
  if (!faults?.crashBefore && !faults?.failRate) return;
  const random = seededRandom(seed);
  const calls = new Map<string, number>();
  // Every SDK v3 client (and the DynamoDB document client) sends through the same base class.
  const base = Object.getPrototypeOf(DynamoDBClient.prototype) as { send: (...args: unknown[]) => Promise<unknown> };
  const send = base.send;
  base.send = function (this: unknown, ...args: unknown[]) {
    const command = (args[0] as object).constructor.name;
    const count = (calls.get(command) ?? 0) + 1;
    calls.set(command, count);
    if (faults.crashBefore?.command === command && faults.crashBefore.call === count) {
      process.exit(INJECTED_CRASH_EXIT_CODE);
    }
    const rate = faults.failRate;
    if (rate && (!rate.commands || rate.commands.includes(command)) && random() < rate.rate) {
      return Promise.reject(new InjectedFault(command));
    }
    return send.apply(this, args);
  };
}
