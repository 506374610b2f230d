// `node bench/cold-start-compare.ts <commit> [function ...]`
// Cold starts before and after a change, measured side by side: every function bundled from <commit>
// and from the working tree (with the stack's esbuild options, infra/bundling.ts), then timed in
// turns with the baseline (baseline, before, after; 7 runs; RUNS=n for more) in fresh Node processes.
// On a machine others share, two runs minutes apart differ more than a change does; runs taken in
// turns see the same load. Prints a table and writes bench/results/cold-start-compare-<date>.json.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { functions, type FunctionId } from '#shared/topology.ts';
import { BUNDLING } from '../infra/bundling.ts';
import { aliasesIn, BENCH_BASE_ENVIRONMENT, benchEnvironment, bundleLikeLambda, bundleModuleLikeLambda, copyDataFiles, FUNCTION_ALIASES, initOnce } from './cold-start.ts';
import { machineInfo, median, round, table } from './stats.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const [commit, ...only] = process.argv.slice(2);
if (!commit) {
  console.error('Usage: node bench/cold-start-compare.ts <commit> [function ...]');
  process.exit(2);
}
const runs = Number(process.env.RUNS ?? 7);
const ids = (only.length ? only : Object.keys(functions)) as FunctionId[];

// Inside the project, so the bundles find the AWS SDK they leave to the Lambda runtime.
const work = join(ROOT, '.bench', `compare-${Date.now()}`);
const source = join(work, 'source');
await mkdir(source, { recursive: true });
execFileSync('bash', ['-c', `git -C "${ROOT}" archive "${commit}" | tar -x -C "${source}"`]);
await symlink(join(ROOT, 'node_modules'), join(source, 'node_modules'));

// The commit's own externals: what it leaves out of its bundles (and copies beside them) is its own.
const before = (await import(pathToFileURL(join(source, 'infra/bundling.ts')).href)) as Partial<typeof import('../infra/bundling.ts')> & Pick<typeof import('../infra/bundling.ts'), 'BUNDLING'>;
const beforeBundling = before.BUNDLING;

try {
  const baselineFile = join(work, 'baseline', 'index.mjs');
  await bundleLikeLambda(join(ROOT, 'bench/baseline-handler.ts'), baselineFile);
  const loadBefore = loadavg();
  const rows = [];
  for (const id of ids) {
    const beforeFile = join(work, 'before', id, 'index.mjs');
    const afterFile = join(work, 'after', id, 'index.mjs');
    await bundleLikeLambda(join(source, functions[id].entry), beforeFile, beforeBundling, aliasesIn(source, before.REQUIRED_SDK_ALIASES));
    await bundleLikeLambda(join(ROOT, functions[id].entry), afterFile, BUNDLING, FUNCTION_ALIASES);
    await copyDataFiles(source, beforeFile, before.DATA_FILES ?? []);
    await copyDataFiles(ROOT, afterFile);
    // What a function has beside its bundle, as the stack puts it there (where that commit has it).
    for (const [root, file] of [[source, beforeFile], [ROOT, afterFile]] as const) {
      for (const dir of functions[id].files ?? []) if (existsSync(join(root, dir))) await cp(join(root, dir), join(dirname(file), basename(dir)), { recursive: true });
      for (const [name, entry] of Object.entries(functions[id].modules ?? {})) if (existsSync(join(root, entry))) await bundleModuleLikeLambda(join(root, entry), join(dirname(file), name));
    }
    const env = benchEnvironment(id);
    const times = { baseline: [] as { wallMs: number; cpuMs: number }[], before: [] as { wallMs: number; cpuMs: number }[], after: [] as { wallMs: number; cpuMs: number }[] };
    for (let run = 0; run < runs; run++) {
      times.baseline.push(initOnce(baselineFile, BENCH_BASE_ENVIRONMENT));
      times.before.push(initOnce(beforeFile, env));
      times.after.push(initOnce(afterFile, env));
    }
    const of = (key: keyof typeof times, measure: 'wallMs' | 'cpuMs') => median(times[key].map((time) => time[measure]));
    rows.push({
      name: id,
      kbBefore: round((await stat(beforeFile)).size / 1024, 1),
      kbAfter: round((await stat(afterFile)).size / 1024, 1),
      cpuMs: { baseline: round(of('baseline', 'cpuMs'), 1), before: round(of('before', 'cpuMs'), 1), after: round(of('after', 'cpuMs'), 1) },
      cpuRatio: { before: round(of('before', 'cpuMs') / of('baseline', 'cpuMs')), after: round(of('after', 'cpuMs') / of('baseline', 'cpuMs')) },
      wallMs: { baseline: round(of('baseline', 'wallMs'), 1), before: round(of('before', 'wallMs'), 1), after: round(of('after', 'wallMs'), 1) },
      wallRatio: { before: round(of('before', 'wallMs') / of('baseline', 'wallMs')), after: round(of('after', 'wallMs') / of('baseline', 'wallMs')) },
    });
  }
  const loadAfter = loadavg();
  console.log(`Cold starts, ${commit} against the working tree, ${runs} runs each in turns with the baseline`);
  console.log(
    table([
      ['bundle', 'KB before', 'KB after', 'x baseline CPU before', 'after', 'x baseline wall before', 'after'],
      ...rows.map((row) => [row.name, row.kbBefore, row.kbAfter, row.cpuRatio.before, row.cpuRatio.after, row.wallRatio.before, row.wallRatio.after]),
    ]),
  );
  console.log(`load average (1, 5, 15 min) before: ${loadBefore.map((n) => round(n, 1)).join(', ')}; after: ${loadAfter.map((n) => round(n, 1)).join(', ')}`);
  await mkdir(join(ROOT, 'bench', 'results'), { recursive: true });
  const file = join(ROOT, 'bench', 'results', `cold-start-compare-${new Date().toISOString().slice(0, 16).replace(':', '')}.json`);
  await writeFile(file, `${JSON.stringify({ machine: machineInfo(), commit, runs, loadAverage: { before: loadBefore, after: loadAfter }, rows }, null, 2)}\n`);
  console.log(`Written: ${file}`);
} finally {
  await rm(work, { recursive: true, force: true });
}
