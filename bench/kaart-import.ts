// `npm run bench:kaart [-- --services 5000]`
// Measures an HSDS import of a big directory: a generated HSDS 3.1 CSV data package of N services
// (default 5,000; each with its organisation, a location with an address and opening hours, a
// phone, a service area and two terms of the source's own taxonomy) read and mapped in process,
// then imported with `npm run kaart -- import` into a fresh local stack, twice: the first run writes
// every entry, the second finds them unchanged. Then the kaart is exported as CSV. Reports wall
// times; asserts nothing. Writes bench/results/kaart-import-<date>.json.
//
// The data is generated, fictional, and says so in every name: it measures the importer, it is
// no directory.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs, promisify } from 'node:util';
import { ROOT, startStackProcess } from '#local/child-process.ts';
import { CrosswalkSchema } from '#shared/kaart/hsds/crosswalk.ts';
import { importHsds } from '#shared/kaart/hsds/import.ts';
import { writeCsvPackage, type Row, type Tables } from '#shared/kaart/hsds/tabular.ts';
import { hsdsId } from '#shared/kaart/hsds/ids.ts';
import { machineInfo, round, table } from './stats.ts';

const { values: args } = parseArgs({ options: { services: { type: 'string', default: '5000' } } });
const count = Number(args.services);
const run = promisify(execFile);
const say = (text = '') => console.log(text);

const GEMEENTEN = ['Rivierstad', 'Heuvelrand', 'Polderdam'];
const TERMS = Array.from({ length: 20 }, (_, index) => ({ id: hsdsId('bench', 'term', String(index)), code: `T${index}`, name: `Generated term ${index}` }));
const TAXONOMY = { id: hsdsId('bench', 'taxonomy'), name: 'Generated taxonomy (benchmark)', description: 'Generated for the import benchmark; no real classification.' };

/** The package: N services, one organisation per five services, one location each. */
function generatePackage(services: number): Record<string, string> {
  const tables: Tables = { organization: [], service: [], service_at_location: [], location: [], address: [], schedule: [], phone: [], service_area: [], attribute: [], taxonomy_term: [], taxonomy: [TAXONOMY] };
  const push = (type: keyof Tables, row: Row) => tables[type]!.push(row);
  for (const term of TERMS) push('taxonomy_term', { ...term, description: `${term.name}, generated`, taxonomy_id: TAXONOMY.id });
  for (let index = 0; index < services; index++) {
    const id = (kind: string) => hsdsId('bench', kind, String(index));
    const organizationId = hsdsId('bench', 'organization', String(Math.floor(index / 5)));
    if (index % 5 === 0) push('organization', { id: organizationId, name: `Generated organisation ${index / 5}`, description: 'Generated for the import benchmark.', email: `org${index / 5}@bench.example` });
    push('service', {
      id: id('service'),
      organization_id: organizationId,
      name: `Generated service ${index}`,
      description: 'A generated service: it measures the importer, it offers nothing.',
      email: `service${index}@bench.example`,
      status: 'active',
      application_process: 'Call or walk in.',
      fees_description: 'Free.',
      assured_date: '2026-11-01',
    });
    push('location', { id: id('location'), location_type: 'physical', organization_id: organizationId, name: `Generated location ${index}` });
    push('address', { id: id('address'), location_id: id('location'), address_1: `Generated street ${index}`, city: GEMEENTEN[index % 3], state_province: 'Generated', postal_code: '9901 AA', country: 'NL', address_type: 'physical' });
    push('service_at_location', { id: id('sal'), service_id: id('service'), location_id: id('location') });
    push('schedule', { id: id('schedule'), service_id: id('service'), freq: 'WEEKLY', byday: 'MO,TU,WE,TH,FR', opens_at: '09:00', closes_at: '17:00' });
    push('phone', { id: id('phone'), service_id: id('service'), number: `0900-${String(index).padStart(7, '0')}` });
    push('service_area', { id: id('area'), service_id: id('service'), name: GEMEENTEN[index % 3] });
    for (const term of [TERMS[index % 20]!, TERMS[(index + 7) % 20]!]) push('attribute', { id: hsdsId('bench', 'attribute', String(index), term.id), link_id: id('service'), link_entity: 'service', taxonomy_term_id: term.id });
  }
  return writeCsvPackage(tables, { name: 'generated-benchmark-directory', title: 'Generated directory (benchmark)', description: 'Generated HSDS 3.1 package for the import benchmark.' });
}

const CROSSWALK = {
  description: 'Crosswalk for the generated benchmark directory',
  regionId: 'regio-voorbeeld',
  lastVerified: 'assured_date',
  rules: TERMS.map((term, index) => ({ match: { taxonomyTerm: term.id }, set: { domains: [index % 2 ? 'social-contacts' : 'daily-activities'], functies: [2] } })),
  defaults: { category: 'walk-in', languages: ['nl'], referralNeeded: false, cost: 'free', funding: ['gemeente'], waitingWeeks: 0 },
};

const seconds = (ms: number) => round(ms / 1000, 1);

async function main() {
  const work = await mkdtemp(join(tmpdir(), 'overbrug-bench-kaart-'));
  const packageDir = join(work, 'package');
  await mkdir(packageDir);
  let started = performance.now();
  const files = generatePackage(count);
  for (const [name, text] of Object.entries(files)) await writeFile(join(packageDir, name), text);
  await writeFile(join(work, 'crosswalk.json'), JSON.stringify(CROSSWALK));
  const bytes = Object.values(files).reduce((sum, text) => sum + Buffer.byteLength(text), 0);
  say(`Generated ${count} services in ${Object.keys(files).length} files, ${round(bytes / 2 ** 20, 1)} MB, in ${seconds(performance.now() - started)} s.`);

  started = performance.now();
  const inProcess = importHsds({ format: 'csv', files }, { crosswalk: CrosswalkSchema.parse(CROSSWALK), now: new Date() });
  const mapMs = performance.now() - started;
  if (inProcess.entries.length !== count) throw new Error(`Expected ${count} entries, got ${inProcess.entries.length}: ${JSON.stringify(inProcess.skipped.slice(0, 3))}`);
  say(`Read and mapped in process: ${seconds(mapMs)} s.`);

  const stack = await startStackProcess();
  const kaart = async (...rest: string[]) => {
    const begin = performance.now();
    const { stdout } = await run(process.execPath, ['scripts/kaart.ts', ...rest, '--data-dir', stack.dataDir], { cwd: ROOT, maxBuffer: 256 * 2 ** 20 });
    return { ms: performance.now() - begin, summary: stdout.trimEnd().split('\n').at(-1)! };
  };
  try {
    const first = await kaart('import', packageDir, '--crosswalk', join(work, 'crosswalk.json'));
    const second = await kaart('import', packageDir, '--crosswalk', join(work, 'crosswalk.json'));
    const exported = await kaart('export', join(work, 'export'), '--format', 'csv');
    say();
    say(table([
      ['step (npm run kaart, fresh local stack)', 'seconds', 'result'],
      ['import, every entry new', seconds(first.ms), first.summary],
      ['import again, every entry unchanged', seconds(second.ms), second.summary],
      ['export as CSV', seconds(exported.ms), exported.summary],
    ]));
    const result = { machine: machineInfo(), services: count, packageMB: round(bytes / 2 ** 20, 1), mapSeconds: seconds(mapMs), firstImportSeconds: seconds(first.ms), secondImportSeconds: seconds(second.ms), exportSeconds: seconds(exported.ms), first: first.summary, second: second.summary };
    await mkdir(join(ROOT, 'bench/results'), { recursive: true });
    const iso = new Date().toISOString();
    const file = join(ROOT, `bench/results/kaart-import-${iso.slice(0, 10)}T${iso.slice(11, 16).replace(':', '')}.json`);
    await writeFile(file, `${JSON.stringify(result, null, 2)}\n`);
    say(`\nWritten to ${file}.`);
    // The exported package is the importer's input again: its size says what the kaart holds.
    const exportedServices = (await readFile(join(work, 'export', 'services.csv'), 'utf8')).split('\n').length - 2;
    say(`The export holds ${exportedServices} services.`);
  } finally {
    await stack.stop();
    await rm(work, { recursive: true, force: true });
  }
}

await main();
