import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FaultPlan } from './faults.ts';
import { ENDPOINTS_FILE, type LocalEndpoints } from './stack.ts';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));

export interface StackProcess {
  endpoints: LocalEndpoints;
  dataDir: string;
  /** Everything the stack printed so far (its log lines and the handlers'). */
  output(): string;
  /** Ctrl-C: a clean shutdown; fails unless the stack exits with 0. */
  stop(): Promise<void>;
  /** kill -9: the machine dies, queued messages with it. */
  kill(): Promise<void>;
}

export interface StackProcessOptions {
  dataDir?: string;
  fresh?: boolean;
  timeScale?: number;
  faults?: FaultPlan;
  /** Values for the functions' variables over the wired ones (`LocalStackOptions.functionEnvironment`). */
  functionEnvironment?: Record<string, string>;
  /**
   * `pipeline` (the default here): only the queue consumers start before the stack is ready, the
   * other functions on their first request, so a test file pays for the functions it uses; `all` as
   * `npm start` does (`LocalStackOptions.warm`).
   */
  warm?: 'all' | 'pipeline';
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Starts `npm start`'s program in a child process on free ports, and waits until it is ready. */
export async function startStackProcess(options: StackProcessOptions = {}): Promise<StackProcess> {
  // A data directory made here is removed on a clean stop; one passed in belongs to the caller.
  const ownsDataDir = !options.dataDir;
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'overbrug-it-')));
  const child = spawn(process.execPath, ['local/main.ts', '--port', '0', '--data-dir', dataDir, ...(options.fresh ? ['--fresh'] : [])], {
    cwd: ROOT,
    env: {
      ...process.env,
      OVERBRUG_TIME_SCALE: String(options.timeScale ?? 1),
      OVERBRUG_WARM: options.warm ?? 'pipeline',
      ...(options.faults ? { OVERBRUG_LOCAL_FAULTS: JSON.stringify(options.faults) } : {}),
      ...(options.functionEnvironment ? { OVERBRUG_FUNCTION_ENVIRONMENT: JSON.stringify(options.functionEnvironment) } : {}),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  const endpoints = await waitForEndpoints(child, dataDir, () => output);
  return {
    endpoints,
    dataDir,
    output: () => output,
    stop: async () => {
      child.kill('SIGINT');
      const code = await exited;
      // Ctrl-C is a clean shutdown: exit code 0, or the test that used this stack fails.
      if (code !== 0) throw new Error(`The local stack exited with ${code} on Ctrl-C:\n${output.slice(-4000)}`);
      if (ownsDataDir) await rm(dataDir, { recursive: true, force: true });
    },
    kill: async () => {
      child.kill('SIGKILL');
      await exited;
    },
  };
}

async function waitForEndpoints(child: ChildProcess, dataDir: string, output: () => string): Promise<LocalEndpoints> {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`The local stack exited with ${child.exitCode}:\n${output()}`);
    try {
      const endpoints = JSON.parse(await readFile(join(dataDir, ENDPOINTS_FILE), 'utf8')) as LocalEndpoints;
      if (endpoints.pid === child.pid && (await fetch(`${endpoints.api}/health`)).status === 200) return endpoints;
    } catch {
      // not there yet
    }
    await sleep(100);
  }
  child.kill('SIGKILL');
  throw new Error(`The local stack did not become ready:\n${output()}`);
}
