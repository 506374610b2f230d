import { spawnSync } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, rm, stat } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Template } from 'aws-cdk-lib/assertions';
import { build } from 'esbuild';
import { functionEnvironment, functions, physicalName, type FunctionId } from '#shared/topology.ts';
import { BUNDLING, DATA_FILES, REQUIRED_SDK_ALIASES } from '../infra/bundling.ts';
import { buildApp } from '../infra/app-builder.ts';
import { buildWebApp } from '../web/build.ts';
import { median, round } from './stats.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

export interface ColdStart {
  name: string;
  bundleBytes: number;
  medianInitMs: number;
  ratioToBaseline: number;
  /** CPU time of the import (user and system): steadier than wall time when other work shares the cores. */
  medianInitCpuMs: number;
  cpuRatioToBaseline: number;
}

export interface InitTime {
  wallMs: number;
  cpuMs: number;
}

/** A tree's REQUIRED_SDK_ALIASES (infra/bundling.ts) as esbuild's alias option: absolute paths in that tree. */
export const aliasesIn = (root: string, aliases: Record<string, string> = {}) => Object.fromEntries(Object.entries(aliases).map(([module, file]) => [module, join(root, file)]));

/** The aliases the stack gives this tree's functions; a baseline gets none, so it loads its client as written. */
export const FUNCTION_ALIASES = aliasesIn(ROOT, REQUIRED_SDK_ALIASES);

/**
 * Bundles one entry with the options the CDK stack gives every function (infra/bundling.ts; another
 * tree's externals and aliases for its own code). Without `alias`, as a baseline: its imports as written.
 */
export const bundleLikeLambda = (entry: string, outfile: string, bundling: Pick<typeof BUNDLING, 'externalModules'> & Partial<Pick<typeof BUNDLING, 'define'>> = BUNDLING, alias: Record<string, string> = {}) =>
  build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: BUNDLING.target,
    mainFields: BUNDLING.mainFields,
    minify: BUNDLING.minify,
    sourcemap: BUNDLING.sourceMap,
    banner: { js: BUNDLING.banner },
    external: bundling.externalModules,
    define: bundling.define ?? {},
    alias,
    logLevel: 'error',
  });

/** Bundles a module a function loads at its first use (its spec's `modules`) as the stack does: the same options, CommonJS. */
export const bundleModuleLikeLambda = (entry: string, outfile: string) =>
  build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: BUNDLING.target,
    minify: BUNDLING.minify,
    sourcemap: BUNDLING.sourceMap,
    external: BUNDLING.externalModules,
    logLevel: 'error',
  });

/** Copies the data files a bundle imports from beside it (infra/bundling.ts) from a source tree, as the stack does; those the tree lacks are skipped. */
export async function copyDataFiles(root: string, outfile: string, dataFiles: readonly { file: string; importedAs: string }[] = DATA_FILES): Promise<void> {
  for (const { file, importedAs } of dataFiles) {
    if (!existsSync(join(root, file))) continue;
    await mkdir(dirname(join(dirname(outfile), importedAs)), { recursive: true });
    await copyFile(join(root, file), join(dirname(outfile), importedAs));
  }
}

/** Time to import (and so initialise) a bundle in a fresh Node process: wall clock and CPU. */
export function initOnce(file: string, env: Record<string, string>): InitTime {
  const script = `const c = process.cpuUsage(); const t = performance.now(); await import(${JSON.stringify(pathToFileURL(file).href)}); const wall = performance.now() - t; const cpu = process.cpuUsage(c); console.log(JSON.stringify({ wallMs: wall, cpuMs: (cpu.user + cpu.system) / 1000 }));`;
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], { env: { PATH: process.env.PATH ?? '', ...env }, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`Loading ${file} failed: ${result.stderr}`);
  return JSON.parse(result.stdout.trim().split('\n').at(-1)!) as InitTime;
}

/**
 * Median init times of a bundle and of the baseline over `runs` runs, taken in turns (baseline,
 * bundle, baseline, ...): on a shared machine the load changes within seconds, and a baseline
 * measured once at the start would compare a quiet moment with a busy one.
 */
function initTimes(file: string, env: Record<string, string>, baselineFile: string, baseEnv: Record<string, string>, runs: number) {
  const own: InitTime[] = [];
  const baseline: InitTime[] = [];
  for (let run = 0; run < runs; run++) {
    baseline.push(initOnce(baselineFile, baseEnv));
    own.push(initOnce(file, env));
  }
  const medians = (times: InitTime[]) => ({ wallMs: median(times.map((t) => t.wallMs)), cpuMs: median(times.map((t) => t.cpuMs)) });
  return { own: medians(own), baseline: medians(baseline), baselineRuns: baseline };
}

/** What every process timed here gets, the baseline's included. */
export const BENCH_BASE_ENVIRONMENT = { AWS_REGION: 'eu-central-1', AWS_ACCESS_KEY_ID: 'bench', AWS_SECRET_ACCESS_KEY: 'bench', NODE_OPTIONS: '--enable-source-maps' };

/** A function's variables as the stack wires them, for a bundle timed here (nothing is called during init: the values only have to be there). */
export function benchEnvironment(id: FunctionId): Record<string, string> {
  return {
    ...BENCH_BASE_ENVIRONMENT,
    ...functionEnvironment(id, 'bench', {
      tableName: (table) => `bench-${table}`,
      queueUrl: (queue) => `https://sqs.eu-central-1.amazonaws.com/000000000000/bench-${queue}`,
      publicBaseUrl: 'https://app.bench.invalid',
      publicApiUrl: 'https://api.bench.invalid',
      auth: { issuer: 'https://cognito-idp.eu-central-1.amazonaws.com/bench', audience: 'bench' },
    }),
  };
}

/**
 * Bundles every function exactly as the CDK stack does (it runs the stack's own bundling), and the
 * baseline with the same esbuild options, then times their initialisation.
 */
export async function benchColdStarts(runs = 10): Promise<ColdStart[]> {
  // Inside the project, so a bundle finds the AWS SDK it leaves out where Lambda's runtime would give it.
  await mkdir(join(ROOT, '.bench'), { recursive: true });
  const outdir = await mkdtemp(join(ROOT, '.bench', 'bundles-'));
  try {
    // The stack as `cdk synth` builds it, the web app included (its files are not measured here).
    const webAppDir = join(outdir, 'web-app');
    await buildWebApp({ outDir: webAppDir });
    const { app, stack } = buildApp({ projectRoot: ROOT, webAppDir, appProps: { outdir, context: { stage: 'bench' } } });
    app.synth();
    const template = Template.fromStack(stack);

    const baselineFile = join(outdir, 'baseline', 'index.mjs');
    await bundleLikeLambda(join(ROOT, 'bench/baseline-handler.ts'), baselineFile);

    const requiredBaselineFile = join(outdir, 'baseline-required', 'index.mjs');
    await bundleLikeLambda(join(ROOT, 'bench/baseline-required-handler.ts'), requiredBaselineFile);

    const results: ColdStart[] = [];
    const baselineRuns: InitTime[] = [];
    for (const id of Object.keys(functions) as FunctionId[]) {
      const [resource] = Object.values(
        template.findResources('AWS::Lambda::Function', { Properties: { FunctionName: physicalName('bench', id) } }),
      );
      const file = join(outdir, `asset.${String(resource!.Properties.Code.S3Key).replace(/\.zip$/, '')}`, 'index.mjs');
      const env = benchEnvironment(id);
      const { own, baseline, baselineRuns: runsOfBaseline } = initTimes(file, env, baselineFile, BENCH_BASE_ENVIRONMENT, runs);
      baselineRuns.push(...runsOfBaseline);
      // The ratios to the baseline runs taken in turn with this function's.
      results.push({
        name: id,
        bundleBytes: (await stat(file)).size,
        medianInitMs: round(own.wallMs, 1),
        ratioToBaseline: round(own.wallMs / baseline.wallMs, 2),
        medianInitCpuMs: round(own.cpuMs, 1),
        cpuRatioToBaseline: round(own.cpuMs / baseline.cpuMs, 2),
      });
    }
    // The baseline loading its client as our functions load the SDK: what the ratios would be against that.
    const required = initTimes(requiredBaselineFile, BENCH_BASE_ENVIRONMENT, baselineFile, BENCH_BASE_ENVIRONMENT, runs);
    const requiredRow: ColdStart = {
      name: 'baseline, client required as ours are',
      bundleBytes: (await stat(requiredBaselineFile)).size,
      medianInitMs: round(required.own.wallMs, 1),
      ratioToBaseline: round(required.own.wallMs / required.baseline.wallMs, 2),
      medianInitCpuMs: round(required.own.cpuMs, 1),
      cpuRatioToBaseline: round(required.own.cpuMs / required.baseline.cpuMs, 2),
    };
    return [
      {
        name: 'baseline (DynamoDB client only)',
        bundleBytes: (await stat(baselineFile)).size,
        medianInitMs: round(median(baselineRuns.map((t) => t.wallMs)), 1),
        ratioToBaseline: 1,
        medianInitCpuMs: round(median(baselineRuns.map((t) => t.cpuMs)), 1),
        cpuRatioToBaseline: 1,
      },
      requiredRow,
      ...results,
    ];
  } finally {
    await rm(outdir, { recursive: true, force: true });
  }
}
