// `npm run kaart -- import <file|dir> [--crosswalk FILE] [--region ID] [--dry-run] [--data-dir DIR] [--stage STAGE]`
// `npm run kaart -- export <file|dir> [--format json|csv] [--region ID] [--data-dir DIR] [--stage STAGE]`
// Imports Open Referral HSDS (3.x JSON, or the CSV data package of 3.x, 2.0 or 1.1) into the
// sociale kaart, and exports the kaart as HSDS 3.1. Locally it finds the running stack's DynamoDB
// through its endpoints file; with --stage it works on the AWS account and region of the usual AWS
// environment variables or profile. It never calls process.exit(): it sets the exit code and lets
// the output drain, so a report piped into a file or `less` arrives whole.
import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, extname, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { SocialeKaartStore } from '#shared/adapters/sociale-kaart-store.ts';
import { CrosswalkSchema, type Crosswalk } from '#shared/kaart/hsds/crosswalk.ts';
import { decodeText, ENCODING_NAMES } from '#shared/kaart/hsds/decode.ts';
import { exportHsdsCsv, exportHsdsJson, leftOutNotice } from '#shared/kaart/hsds/export.ts';
import { HsdsInputError, importHsds, type HsdsImportInput, type SkippedRecord } from '#shared/kaart/hsds/import.ts';
import { RegionStore } from '#shared/adapters/region-store.ts';
import { REGIONS, regionConfigOf, useRegions } from '#shared/regions/index.ts';
import { physicalName } from '#shared/topology.ts';
import { findRunningStack, LOCAL_STAGE } from '#local/stack.ts';

const USAGE = `Usage:
  npm run kaart -- import <file|dir> [--crosswalk FILE] [--region ID] [--dry-run] [--data-dir DIR] [--stage STAGE]
  npm run kaart -- export <file|dir> [--format json|csv] [--region ID] [--data-dir DIR] [--stage STAGE]

import   reads Open Referral HSDS into the sociale kaart: a JSON file (a service, a page of services,
         an organization with its services, or a list of these) or a CSV data package (a directory
         with datapackage.json and the CSV files, in it or in a folder under it; HSDS 3.x, 2.0 or
         1.1, the version is detected). Every service becomes a complete entry or is skipped with
         its reason. Reservations on existing entries stay as they are.
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

/** Ends the command with a message on stderr and an exit status, without cutting stdout short. */
class CommandFailed extends Error {
  readonly status: 1 | 2;
  constructor(message: string, status: 1 | 2) {
    super(message);
    this.status = status;
  }
}
const fail = (message: string, status: 1 | 2): never => {
  throw new CommandFailed(message, status);
};

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

/** Closed at the end, so no open connection keeps the process waiting once the report is out. */
const clients: DynamoDBClient[] = [];

let dynamodb: DynamoDBClient | undefined;

async function documentClient(): Promise<DynamoDBDocumentClient> {
  if (!dynamodb) {
    if (args.stage === LOCAL_STAGE) {
      const { dataDir, endpoints } = await findRunningStack(args['data-dir']);
      if (!endpoints) fail(`No running local stack found in ${dataDir}. Start it with npm start, or pass --data-dir or --stage.`, 1);
      dynamodb = new DynamoDBClient({ endpoint: endpoints!.dynamodb, region: 'eu-central-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
    } else dynamodb = new DynamoDBClient({});
    clients.push(dynamodb);
  }
  return DynamoDBDocumentClient.from(dynamodb);
}

async function connect(): Promise<SocialeKaartStore> {
  return new SocialeKaartStore(await documentClient(), physicalName(args.stage === LOCAL_STAGE ? LOCAL_STAGE : args.stage!, 'sociale-kaart'));
}

/**
 * The regions the stack serves, from its regions table, so one added with `npm run region -- init`
 * is known here too. A dry run without a running stack checks against the built-in regions.
 */
async function loadServedRegions(): Promise<void> {
  try {
    const items = await new RegionStore(await documentClient(), physicalName(args.stage!, 'regions')).list();
    if (items.length) useRegions(items.map(regionConfigOf));
  } catch (error) {
    if (!args['dry-run']) throw error;
  }
}

/** A file's text, whatever encoding the program that saved it used; a note when not UTF-8. */
async function readText(path: string, notes: string[]): Promise<string> {
  const decoded = decodeText(await readFile(path));
  if (decoded.encoding) notes.push(`${basename(path)} is gelezen als ${ENCODING_NAMES[decoded.encoding]}.`);
  return decoded.text;
}

/** The CSV files and datapackage.json of a package directory, in it and in folders under it (as published packages keep data/). */
async function packageFiles(directory: string): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(directory, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    const inside = relative(directory, path);
    if (inside.split(/[\\/]/).length > 4 || inside.split(/[\\/]/).some((part) => part.startsWith('.') || part === 'node_modules')) continue;
    if (/\.csv$/i.test(entry.name) || entry.name.toLowerCase() === 'datapackage.json') found.push(inside);
  }
  return found.sort();
}

/** The input as the import takes it: a JSON document, or a CSV package's files by their path in it. */
async function readInput(path: string, notes: string[]): Promise<HsdsImportInput> {
  let info;
  try {
    info = await stat(path);
  } catch {
    return fail(`Cannot read ${path}: no such file or directory.`, 2);
  }
  const packageDir = info.isDirectory() ? path : basename(path).toLowerCase() === 'datapackage.json' ? dirname(path) : undefined;
  if (packageDir !== undefined) {
    const names = await packageFiles(packageDir);
    if (!names.some((name) => /\.csv$/i.test(name))) {
      const json = (await readdir(packageDir)).filter((name) => name.endsWith('.json') && name !== 'datapackage.json');
      fail(`${packageDir} holds no CSV files, in it or in a folder under it: not an HSDS data package.${json.length ? ` For a JSON file, name it: ${join(packageDir, json[0]!)}.` : ''}`, 2);
    }
    const files = Object.fromEntries(await Promise.all(names.map(async (name) => [name.split('\\').join('/'), await readText(join(packageDir, name), notes)] as const)));
    return { format: 'csv', files };
  }
  const text = await readText(path, notes);
  if (extname(path).toLowerCase() === '.csv') return { format: 'csv', files: { [basename(path)]: text } };
  try {
    return { format: 'json', document: JSON.parse(text) };
  } catch (error) {
    return fail(`${path} is not JSON (${(error as Error).message}). Give a JSON file or a CSV package directory.`, 2);
  }
}

async function readCrosswalk(path: string): Promise<Crosswalk> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readText(path, []));
  } catch (error) {
    return fail(`Cannot read the crosswalk ${path}: ${(error as Error).message}`, 2);
  }
  const parsed = CrosswalkSchema.safeParse(raw);
  if (!parsed.success) {
    fail(`The crosswalk ${path} is invalid:\n${parsed.error.issues.map((issue) => `  ${issue.path.join('.') || '(file)'}: ${issue.message}`).join('\n')}`, 2);
  }
  return parsed.data!;
}

const describeSkipped = (skipped: SkippedRecord) =>
  `  ${skipped.record} ${skipped.id}${skipped.name ? ` (${skipped.name})` : ''}: ${skipped.reason}${skipped.details ? ` [${skipped.details}]` : ''}`;

function section(title: string, lines: string[]): void {
  if (!lines.length) return;
  console.log(`${title} (${lines.length}):`);
  for (const line of lines) console.log(line);
}

/** A progress bar on stderr while writing, only on a terminal: a log or a pipe gets the report alone. */
function progress(total: number, label: string): { update: (done: number) => void; end: () => void } {
  if (!process.stderr.isTTY || total < 50) return { update: () => {}, end: () => {} };
  const width = 30;
  let shown = -1;
  const draw = (done: number) => {
    const filled = Math.round((done / total) * width);
    if (filled === shown && done !== total) return;
    shown = filled;
    process.stderr.write(`\r${label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total}`);
  };
  draw(0);
  return { update: draw, end: () => process.stderr.write('\n') };
}

async function runImport(): Promise<number> {
  const crosswalk = args.crosswalk ? await readCrosswalk(args.crosswalk) : undefined;
  const readNotes: string[] = [];
  const input = await readInput(target!, readNotes);
  const now = new Date();
  let result;
  try {
    result = importHsds(input, { regionId: args.region, crosswalk, now });
  } catch (error) {
    if (error instanceof HsdsInputError) fail(`Cannot import ${target}: ${error.message}`, 2);
    throw error;
  }
  console.log(`Import of ${target} (${input.format === 'csv' ? `HSDS CSV data package${result.version ? `, ${result.version}` : ''}` : 'HSDS JSON'})${crosswalk ? ` with crosswalk ${args.crosswalk}` : ''}`);
  for (const notice of [...readNotes, ...result.notices]) console.log(`Note: ${notice}`);
  const skipped = [...result.skipped];
  const done = { created: [] as string[], updated: [] as string[], unchanged: [] as string[] };
  if (args['dry-run']) {
    section('Valid, not written (--dry-run)', result.entries.map((entry) => `  ${entry.serviceId}  ${entry.name}  (${entry.regionId})`));
  } else if (result.entries.length) {
    const store = await connect();
    const bar = progress(result.entries.length, 'Writing');
    const outcomes = await store.upsertMany(result.entries, now, { onWritten: bar.update });
    bar.end();
    outcomes.forEach((written, index) => {
      const entry = result.entries[index]!;
      if (written.outcome === 'other-region') {
        skipped.push({ record: 'service', id: entry.serviceId, name: entry.name, reason: `id bestaat al op de kaart van regio ${written.regionId}; niets geschreven` });
      } else done[written.outcome].push(`  ${entry.serviceId}  ${entry.name}`);
    });
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
  const left = new Map<string, number>();
  if (format === 'json') {
    await mkdir(dirname(resolve(target!)), { recursive: true });
    await writeFile(target!, `${JSON.stringify(exportHsdsJson(services, now, left), null, 2)}\n`);
  } else {
    await mkdir(target!, { recursive: true });
    for (const [name, contents] of Object.entries(exportHsdsCsv(services, now, left))) await writeFile(join(target!, name), contents);
  }
  const notice = leftOutNotice(left);
  if (notice) console.log(`Note: ${notice}`);
  console.log(`Exported ${services.length} service(s) of ${regionIds.join(', ')} as HSDS 3.1 ${format === 'json' ? 'JSON' : 'CSV data package'} to ${target}.`);
  return services.length > 0 ? 0 : 1;
}

async function main(): Promise<number> {
  if (args.help || !target || (command !== 'import' && command !== 'export') || positionals.length > 2) {
    console.log(USAGE);
    return args.help ? 0 : 2;
  }
  await loadServedRegions();
  if (args.region !== undefined && !REGIONS.some((config) => config.region.regionId === args.region)) {
    fail(`Unknown region '${args.region}'. This deployment serves: ${REGIONS.map((config) => config.region.regionId).join(', ')}.`, 2);
  }
  return command === 'import' ? runImport() : runExport();
}

try {
  process.exitCode = await main();
} catch (error) {
  if (!(error instanceof CommandFailed)) throw error;
  console.error(error.message);
  process.exitCode = error.status;
} finally {
  for (const client of clients) client.destroy();
}
