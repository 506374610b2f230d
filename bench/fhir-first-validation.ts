// `node bench/fhir-first-validation.ts <commit>`
// What the FHIR validation costs a fresh function, before and after a change: shared/fhir/validate.ts
// bundled from <commit> and from the working tree (the stack's esbuild options, the definition files
// beside the bundle where there are any), then in fresh Node processes, in turns (RUNS=n, 9 by
// default): the CPU time to import it, to validate a referral Bundle the first time (the definitions
// read and indexed), and the second time. The cold-start benchmark times the import only; this shows
// whether a saving there is only moved to the first request.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { referralBundle } from '../test/support/fhir.ts';
import { bundleLikeLambda } from './cold-start.ts';
import { median, round, table } from './stats.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const [commit] = process.argv.slice(2);
if (!commit) {
  console.error('Usage: node bench/fhir-first-validation.ts <commit>');
  process.exit(2);
}
const runs = Number(process.env.RUNS ?? 9);

const work = join(ROOT, '.bench', `fhir-validation-${Date.now()}`);
const source = join(work, 'source');
await mkdir(source, { recursive: true });
execFileSync('bash', ['-c', `git -C "${ROOT}" archive "${commit}" | tar -x -C "${source}"`]);
await symlink(join(ROOT, 'node_modules'), join(source, 'node_modules'));

interface Times {
  importMs: number;
  firstMs: number;
  secondMs: number;
}

const measure = (file: string, bundleFile: string): Times => {
  const script = `import { readFileSync } from 'node:fs';
const bundle = JSON.parse(readFileSync(${JSON.stringify(bundleFile)}, 'utf8'));
const cpu = (start) => { const used = process.cpuUsage(start); return (used.user + used.system) / 1000; };
let start = process.cpuUsage(); const { validateFhir } = await import(${JSON.stringify(pathToFileURL(file).href)}); const importMs = cpu(start);
start = process.cpuUsage(); const issues = validateFhir(bundle, 'Bundle'); const firstMs = cpu(start);
start = process.cpuUsage(); validateFhir(bundle, 'Bundle'); const secondMs = cpu(start);
if (issues.length) throw new Error(JSON.stringify(issues));
console.log(JSON.stringify({ importMs, firstMs, secondMs }));`;
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${file}: ${result.stderr}`);
  return JSON.parse(result.stdout.trim().split('\n').at(-1)!) as Times;
};

try {
  const bundleFile = join(work, 'referral-bundle.json');
  await writeFile(bundleFile, JSON.stringify(referralBundle({ clientRef: 'bench' })));
  const files: Record<'before' | 'after', string> = { before: '', after: '' };
  for (const [side, root] of [['before', source], ['after', ROOT]] as const) {
    const entry = join(work, `${side}-entry.ts`);
    await writeFile(entry, `export { validateFhir } from ${JSON.stringify(join(root, 'shared/fhir/validate.ts'))};\n`);
    files[side] = join(work, side, 'index.mjs');
    await bundleLikeLambda(entry, files[side]);
    if (existsSync(join(root, 'shared/fhir/r4'))) await cp(join(root, 'shared/fhir/r4'), join(work, side, 'r4'), { recursive: true });
  }
  const loadBefore = loadavg();
  const times: Record<'before' | 'after', Times[]> = { before: [], after: [] };
  for (let run = 0; run < runs; run++) for (const side of ['before', 'after'] as const) times[side].push(measure(files[side], bundleFile));
  const of = (side: 'before' | 'after', key: keyof Times) => round(median(times[side].map((time) => time[key])), 1);
  console.log(`FHIR validation in a fresh process, ${commit} against the working tree, CPU ms, median of ${runs} in turns`);
  console.log(
    table([
      ['', 'import', 'first referral Bundle', 'second', 'import + first'],
      ...(['before', 'after'] as const).map((side) => [side, of(side, 'importMs'), of(side, 'firstMs'), of(side, 'secondMs'), round(of(side, 'importMs') + of(side, 'firstMs'), 1)]),
    ]),
  );
  const loadAfter = loadavg();
  console.log(`load average (1, 5, 15 min) before: ${loadBefore.map((load) => load.toFixed(1)).join(', ')}; after: ${loadAfter.map((load) => load.toFixed(1)).join(', ')}`);
} finally {
  await rm(work, { recursive: true, force: true });
}
