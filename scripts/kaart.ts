// `npm run kaart -- import <file|dir> [--crosswalk FILE] [--region ID] [--dry-run] [--data-dir DIR] [--stage STAGE]`
// `npm run kaart -- export <file|dir> [--format json|csv] [--region ID] [--data-dir DIR] [--stage STAGE]`
// Imports Open Referral HSDS 3.x (JSON or the CSV data package) into the sociale kaart, and exports
// the kaart as HSDS. Locally it finds the running stack's DynamoDB through its endpoints file; with
// --stage it works on the AWS account and region of the usual AWS environment variables or profile.
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, extname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { SocialeKaartStore } from '#shared/adapters/sociale-kaart-store.ts';
import { CrosswalkSchema, type Crosswalk } from '#shared/kaart/hsds/crosswalk.ts';
import { exportHsdsCsv, exportHsdsJson } from '#shared/kaart/hsds/export.ts';
import { HsdsInputError, importHsds, type HsdsImportInput, type SkippedRecord } from '#shared/kaart/hsds/import.ts';
import { REGIONS } from '#shared/regions/index.ts';
import { physicalName } from '#shared/topology.ts';
import { findRunningStack, LOCAL_STAGE } from '#local/stack.ts';

const USAGE = `Usage:
  npm run kaart -- import <file|dir> [--crosswalk FILE] [--region ID] [--dry-run] [--data-dir DIR] [--stage STAGE]
  npm run kaart -- export <file|dir> [--format json|csv] [--region ID] [--data-dir DIR] [--stage STAGE]

import   reads Open Referral HSDS 3.x into the sociale kaart: a JSON file (a service, a page of
         services, an organization with its services, or a list of these) or a CSV data package
         (a directory with datapackage.json and the CSV files). Every service becomes a complete
         entry or is skipped with its reason. Reservations on existing entries stay as they are.
export   writes the sociale kaart as HSDS 3.1: a JSON file with every service, or a CSV data package.

  --crosswalk   how the source's taxonomies, areas and units map onto ours, with defaults for what it
                lacks (docs/sociale-kaart.md); not needed for Overbrug's own exports
  --region      the region the services go to (import), or the one region to export
  --dry-run     check and report, write nothing
  --format      json (default for a path ending in .json) or csv
  --stage       "local" (default) for the stack of npm start, or the stage of an AWS deployment
  --data-dir    the local stack's data directory (default: $OVERBRUG_DATA_DIR or .overbrug-local)

Exit status: 0 when something was imported (or exported), 1 when nothing could be imported or no
stack was found, 2 for unreadable input, an invalid crosswalk or wrong usage.`;

const { values: args, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    crosswalk: { type: 'string' },
    region: { type: 'string' },
    'dry-run': { type: 'boolean', default: false },
    format: { type: 'string' },
    stage: { type: 'string', default: LOCAL_STAGE },
    'data-dir': { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

const [command, target] = positionals;
if (args.help || !target || (command !== 'import' && command !== 'export') || positionals.length > 2) {
  console.log(USAGE);
  process.exit(args.help ? 0 : 2);
}

function fail(message: string, code: 1 | 2): never {
  console.error(message);
  process.exit(code);
}

if (args.region !== undefined && !REGIONS.some((config) => config.region.regionId === args.region)) {
  fail(`Unknown region '${args.region}'. This deployment serves: ${REGIONS.map((config) => config.region.regionId).join(', ')}.`, 2);
}

async function connect(): Promise<SocialeKaartStore> {
  if (args.stage === LOCAL_STAGE) {
    const { dataDir, endpoints } = await findRunningStack(args['data-dir']);
    if (!endpoints) fail(`No running local stack found in ${dataDir}. Start it with npm start, or pass --data-dir or --stage.`, 1);
    const dynamodb = new DynamoDBClient({ endpoint: endpoints.dynamodb, region: 'eu-central-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    return new SocialeKaartStore(DynamoDBDocumentClient.from(dynamodb), physicalName(LOCAL_STAGE, 'sociale-kaart'));
  }
  return new SocialeKaartStore(DynamoDBDocumentClient.from(new DynamoDBClient({})), physicalName(args.stage!, 'sociale-kaart'));
}

/** The input as the import takes it: a JSON document, or a CSV package's files by name. */
async function readInput(path: string): Promise<HsdsImportInput> {
  let info;
  try {
    info = await stat(path);
  } catch {
    fail(`Cannot read ${path}: no such file or directory.`, 2);
  }
  const packageDir = info.isDirectory() ? path : basename(path) === 'datapackage.json' ? dirname(path) : undefined;
  if (packageDir !== undefined) {
    const names = (await readdir(packageDir)).filter((name) => name.endsWith('.csv') || name === 'datapackage.json');
    if (!names.some((name) => name.endsWith('.csv'))) fail(`${packageDir} holds no CSV files: not an HSDS data package.`, 2);
    const files = Object.fromEntries(await Promise.all(names.map(async (name) => [name, await readFile(join(packageDir, name), 'utf8')] as const)));
    return { format: 'csv', files };
  }
  const text = await readFile(path, 'utf8');
  if (extname(path) === '.csv') return { format: 'csv', files: { [basename(path)]: text } };
  try {
    return { format: 'json', document: JSON.parse(text) };
  } catch (error) {
    fail(`${path} is not JSON (${(error as Error).message}). Give a JSON file or a CSV package directory.`, 2);
  }
}

async function readCrosswalk(path: string): Promise<Crosswalk> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    fail(`Cannot read the crosswalk ${path}: ${(error as Error).message}`, 2);
  }
  const parsed = CrosswalkSchema.safeParse(raw);
  if (!parsed.success) {
    fail(`The crosswalk ${path} is invalid:\n${parsed.error.issues.map((issue) => `  ${issue.path.join('.') || '(file)'}: ${issue.message}`).join('\n')}`, 2);
  }
  return parsed.data;
}

const describeSkipped = (skipped: SkippedRecord) => `  ${skipped.record} ${skipped.id}${skipped.name ? ` (${skipped.name})` : ''}: ${skipped.reason}`;

function section(title: string, lines: string[]): void {
  if (!lines.length) return;
  console.log(`${title} (${lines.length}):`);
  for (const line of lines) console.log(line);
}

async function runImport(): Promise<number> {
  const crosswalk = args.crosswalk ? await readCrosswalk(args.crosswalk) : undefined;
  const input = await readInput(target!);
  const now = new Date();
  let result;
  try {
    result = importHsds(input, { regionId: args.region, crosswalk, now });
  } catch (error) {
    if (error instanceof HsdsInputError) fail(`Cannot import ${target}: ${error.message}`, 2);
    throw error;
  }
  console.log(`Import of ${target} (${input.format === 'csv' ? 'HSDS CSV data package' : 'HSDS JSON'})${crosswalk ? ` with crosswalk ${args.crosswalk}` : ''}`);
  for (const notice of result.notices) console.log(`Note: ${notice}`);
  const skipped = [...result.skipped];
  const done = { created: [] as string[], updated: [] as string[], unchanged: [] as string[] };
  if (args['dry-run']) {
    section('Valid, not written (--dry-run)', result.entries.map((entry) => `  ${entry.serviceId}  ${entry.name}  (${entry.regionId})`));
  } else if (result.entries.length) {
    const store = await connect();
    for (const entry of result.entries) {
      const written = await store.upsert(entry, now);
      const line = `  ${entry.serviceId}  ${entry.name}`;
      if (written.outcome === 'other-region') {
        skipped.push({ record: 'service', id: entry.serviceId, name: entry.name, reason: `id bestaat al op de kaart van regio ${written.regionId}; niets geschreven` });
      } else done[written.outcome].push(line);
    }
    section('Imported, new', done.created);
    section('Updated', done.updated);
    section('Unchanged', done.unchanged);
  }
  section('Skipped', skipped.map(describeSkipped));
  const imported = args['dry-run'] ? result.entries.length : done.created.length + done.updated.length + done.unchanged.length;
  console.log(
    args['dry-run']
      ? `${imported} valid, ${skipped.length} skipped; nothing written (--dry-run).`
      : `${done.created.length} new, ${done.updated.length} updated, ${done.unchanged.length} unchanged, ${skipped.length} skipped.`,
  );
  return imported > 0 ? 0 : 1;
}

async function runExport(): Promise<number> {
  const format = args.format ?? (extname(target!) === '.json' ? 'json' : 'csv');
  if (format !== 'json' && format !== 'csv') fail(`Unknown format '${format}': json or csv.`, 2);
  const store = await connect();
  const regionIds = args.region ? [args.region] : REGIONS.map((config) => config.region.regionId);
  const services = (await Promise.all(regionIds.map((regionId) => store.listRegion(regionId)))).flat();
  const now = new Date();
  if (format === 'json') {
    await mkdir(dirname(resolve(target!)), { recursive: true });
    await writeFile(target!, `${JSON.stringify(exportHsdsJson(services, now), null, 2)}\n`);
  } else {
    await mkdir(target!, { recursive: true });
    for (const [name, contents] of Object.entries(exportHsdsCsv(services, now))) await writeFile(join(target!, name), contents);
  }
  console.log(`Exported ${services.length} service(s) of ${regionIds.join(', ')} as HSDS 3.1 ${format === 'json' ? 'JSON' : 'CSV data package'} to ${target}.`);
  return services.length > 0 ? 0 : 1;
}

process.exit(command === 'import' ? await runImport() : await runExport());
