import { Worker } from 'node:worker_threads';
import type { DynamoDBRecord } from 'aws-lambda';
import { fileURLToPath } from 'node:url';
import type { FunctionFaults } from './faults.ts';
import { INJECTED_CRASH_EXIT_CODE } from './faults.ts';
import type { SdkCalls, WorkerData, WorkerReply, WorkerRequest } from './function-worker.ts';

/** What a function did so far: invocations, their billed duration and the AWS requests it made. */
export interface FunctionUsage {
  invocations: number;
  failed: number;
  durationMs: number;
  memoryMb: number;
  calls: SdkCalls;
}

const WORKER_FILE = fileURLToPath(new URL('./function-worker.ts', import.meta.url));

export class FunctionError extends Error {
  constructor(name: string, message: string) {
    super(message);
    this.name = name;
  }
}

export interface FunctionHostOptions {
  functionName: string;
  handlerPath: string;
  environment: Record<string, string>;
  memoryMb: number;
  timeoutMs: number;
  /** Execution environments that may run at once (Lambda's concurrency for this function). */
  maxConcurrency: number;
  faults?: FunctionFaults;
  seed: number;
  onEvent?: (message: string) => void;
  /** Receives the stream records of the function's writes to tables with a stream (local/stream-emulator.ts). */
  onStreamRecords?: (records: DynamoDBRecord[]) => void;
  /** Where the function's own output (its log lines) goes; the terminal when not set. */
  onOutput?: (chunk: Buffer) => void;
}

interface Sandbox {
  worker: Worker;
  ready: Promise<void>;
  busy: boolean;
  pending?: { id: number; resolve: (value: unknown) => void; reject: (error: Error) => void; timer: NodeJS.Timeout };
}

/**
 * Runs a function's handler the way Lambda does: in isolated execution environments (worker
 * threads) started on demand, one invocation at a time each, killed on timeout or crash and
 * replaced by a cold one on the next invocation.
 */
export class FunctionHost {
  readonly #options: FunctionHostOptions;
  readonly #sandboxes = new Set<Sandbox>();
  readonly #waiting: ((sandbox: Sandbox) => void)[] = [];
  #nextId = 1;
  #closed = false;
  #faults: FunctionFaults | undefined;
  readonly #usage: FunctionUsage;

  constructor(options: FunctionHostOptions) {
    this.#options = options;
    this.#faults = options.faults;
    this.#usage = { invocations: 0, failed: 0, durationMs: 0, memoryMb: options.memoryMb, calls: {} };
  }

  usage(): FunctionUsage {
    return structuredClone(this.#usage);
  }

  get name(): string {
    return this.#options.functionName;
  }

  async invoke(event: unknown): Promise<unknown> {
    if (this.#closed) throw new FunctionError('HostClosed', `${this.name} is shut down`);
    const sandbox = await this.#acquire();
    try {
      await sandbox.ready;
    } catch (error) {
      this.#discard(sandbox);
      throw error;
    }
    return new Promise((resolve, reject) => {
      const id = this.#nextId++;
      const timer = setTimeout(() => {
        this.#options.onEvent?.(`${this.name} timed out after ${this.#options.timeoutMs} ms; its sandbox is discarded`);
        this.#fail(sandbox, new FunctionError('TimeoutError', `${this.name} timed out`));
      }, this.#options.timeoutMs);
      sandbox.pending = { id, resolve, reject, timer };
      sandbox.worker.postMessage({ type: 'invoke', id, event, timeoutMs: this.#options.timeoutMs } satisfies WorkerRequest);
    });
  }

  /**
   * Starts one execution environment ahead of the first invocation, as provisioned concurrency
   * would, so the first referral after `npm start` does not wait for four cold starts.
   */
  async warm(): Promise<void> {
    if (this.#sandboxes.size > 0) return;
    await this.#start().ready;
  }

  async close(): Promise<void> {
    this.#closed = true;
    await Promise.all([...this.#sandboxes].map((sandbox) => sandbox.worker.terminate()));
    this.#sandboxes.clear();
  }

  #acquire(): Promise<Sandbox> {
    for (const sandbox of this.#sandboxes) {
      if (!sandbox.busy) {
        sandbox.busy = true;
        return Promise.resolve(sandbox);
      }
    }
    if (this.#sandboxes.size < this.#options.maxConcurrency) {
      const sandbox = this.#start();
      sandbox.busy = true;
      return Promise.resolve(sandbox);
    }
    return new Promise((resolve) => this.#waiting.push(resolve));
  }

  #releaseSandbox(sandbox: Sandbox): void {
    sandbox.pending = undefined;
    const next = this.#waiting.shift();
    if (next) next(sandbox);
    else sandbox.busy = false;
  }

  #start(): Sandbox {
    const data: WorkerData = {
      functionName: this.#options.functionName,
      handlerPath: this.#options.handlerPath,
      memoryMb: this.#options.memoryMb,
      faults: this.#faults,
      seed: this.#options.seed + this.#nextId,
    };
    const onOutput = this.#options.onOutput;
    const worker = new Worker(WORKER_FILE, { workerData: data, env: this.#options.environment, stdout: !!onOutput, stderr: !!onOutput });
    if (onOutput) {
      worker.stdout.on('data', onOutput);
      worker.stderr.on('data', onOutput);
    }
    let markReady: () => void = () => undefined;
    let failStart: (error: Error) => void = () => undefined;
    const ready = new Promise<void>((resolve, reject) => {
      markReady = resolve;
      failStart = reject;
    });
    ready.catch(() => undefined);
    const sandbox: Sandbox = { worker, ready, busy: false };
    this.#sandboxes.add(sandbox);

    worker.on('message', (reply: WorkerReply) => {
      if (reply.type === 'ready') return markReady();
      if (reply.type === 'stream') return this.#options.onStreamRecords?.(reply.records);
      const pending = sandbox.pending;
      if (!pending || pending.id !== reply.id) return;
      clearTimeout(pending.timer);
      this.#record(reply);
      if (reply.type === 'result') pending.resolve(reply.result);
      else pending.reject(new FunctionError(reply.error.name, reply.error.message));
      this.#releaseSandbox(sandbox);
    });
    worker.on('error', (error) => {
      failStart(error);
      this.#fail(sandbox, new FunctionError('FunctionCrashed', `${this.name} crashed: ${error.message}`));
    });
    worker.on('exit', (code) => {
      if (code === INJECTED_CRASH_EXIT_CODE && this.#faults?.crashBefore) {
        this.#options.onEvent?.(`${this.name}: injected crash (fault plan); it happens once`);
        this.#faults = { ...this.#faults, crashBefore: undefined };
      }
      failStart(new FunctionError('FunctionCrashed', `${this.name} exited during start with code ${code}`));
      this.#fail(sandbox, new FunctionError('FunctionCrashed', `${this.name} exited with code ${code}`));
    });
    return sandbox;
  }

  #record(reply: Extract<WorkerReply, { calls: SdkCalls }>): void {
    this.#usage.invocations++;
    if (reply.type === 'error') this.#usage.failed++;
    this.#usage.durationMs += reply.durationMs;
    for (const [key, count] of Object.entries(reply.calls)) this.#usage.calls[key] = (this.#usage.calls[key] ?? 0) + count;
  }

  #fail(sandbox: Sandbox, error: Error): void {
    const pending = sandbox.pending;
    if (pending) {
      // A crash or timeout: the invocation counts, its requests were not reported.
      this.#usage.invocations++;
      this.#usage.failed++;
      clearTimeout(pending.timer);
      pending.reject(error);
    }
    this.#discard(sandbox);
  }

  #discard(sandbox: Sandbox): void {
    if (!this.#sandboxes.delete(sandbox)) return;
    sandbox.pending = undefined;
    void sandbox.worker.terminate();
    // Whoever waits for a sandbox gets a fresh (cold) one.
    const next = this.#waiting.shift();
    if (next && !this.#closed) {
      const fresh = this.#start();
      fresh.busy = true;
      next(fresh);
    }
  }
}
