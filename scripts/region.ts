// `npm run region -- init <file> [--dry-run] [--data-dir DIR] [--stage STAGE]`
// `npm run region -- list [--data-dir DIR] [--stage STAGE]`
// Starts a region from its region file (docs/regions.md): checks it whole (region, gemeenten and
// their PC4s in no other region, time limits, crisis numbers, rule set with its example cases,
// cliëntondersteuners, sociale kaart through the HSDS import), then writes it into the tables of the
// running local stack (found through its endpoints file), or with --stage into the deployed stack
// of the usual AWS credentials and region. Functions serve it within REGIONS_CACHE_SECONDS.
import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { RegionStore } from '#shared/adapters/region-store.ts';
import { RegionFileRefused } from '#shared/regions/region-file.ts';
import { physicalName } from '#shared/topology.ts';
import { initRegion } from '#local/region-init.ts';
import { findRunningStack, LOCAL_STAGE } from '#local/stack.ts';

const USAGE = `Usage:
  npm run region -- init <file> [--dry-run] [--data-dir DIR] [--stage STAGE]
  npm run region -- list [--data-dir DIR] [--stage STAGE]

init   checks a region file and writes the region into the stack's tables: the region and its rule
       set (a new revision when they changed), its cliëntondersteuners who are not there yet, and
       its sociale kaart (new services created, known ones updated). Nothing is written when the
       file is refused; every problem is listed. A gemeente or PC4 of another region is refused.
list   the regions the stack serves, with their revision.

--dry-run    check only, write nothing
--data-dir   the local stack's data directory (default .overbrug-local, or OVERBRUG_DATA_DIR)
--stage      a deployed stage (tables overbrug-<stage>-*), with the usual AWS credentials`;

const { values: args, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    'dry-run': { type: 'boolean', default: false },
    stage: { type: 'string', default: LOCAL_STAGE },
    'data-dir': { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
const [command, target] = positionals;

function fail(message: string, code: number): never {
  console.error(message);
  process.exit(code);
}

async function connect(): Promise<{ client: DynamoDBDocumentClient; close: () => void }> {
  let dynamodb: DynamoDBClient;
  if (args.stage === LOCAL_STAGE) {
    const { dataDir, endpoints } = await findRunningStack(args['data-dir']);
    if (!endpoints) fail(`No running local stack found in ${dataDir}. Start it with npm start, or pass --data-dir or --stage.`, 1);
    dynamodb = new DynamoDBClient({ endpoint: endpoints.dynamodb, region: 'eu-central-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  } else dynamodb = new DynamoDBClient({});
  return { client: DynamoDBDocumentClient.from(dynamodb), close: () => dynamodb.destroy() };
}

const table = (id: 'regions' | 'contact-persons' | 'sociale-kaart') => physicalName(args.stage!, id);

async function main(): Promise<number> {
  if (args.help || (command === 'init' ? !target || positionals.length > 2 : command !== 'list' || positionals.length > 1)) {
    console.log(USAGE);
    return args.help ? 0 : 2;
  }
  const { client, close } = await connect();
  try {
    if (command === 'list') {
      const items = await new RegionStore(client, table('regions')).list();
      for (const item of items) console.log(`${item.regionId}  revision ${item.revision}  ${(item.region as { name?: string }).name ?? ''}  (${item.updatedAt}, ${item.updatedBy})`);
      if (!items.length) console.log('No regions yet: npm run region -- init <file>');
      return 0;
    }
    const report = await initRegion(
      client,
      { regions: table('regions'), contactPersons: table('contact-persons'), socialeKaart: table('sociale-kaart') },
      target!,
      { now: new Date(), by: `npm run region (${userInfo().username})`, dryRun: args['dry-run'] },
    );
    for (const notice of report.notices) console.log(`Note: ${notice}`);
    const list = (title: string, ids: string[]) => ids.length && console.log(`${title} (${ids.length}): ${ids.join(', ')}`);
    list('Cliëntondersteuners added', report.contactPersons.added);
    list('Cliëntondersteuners already there, left as they are', report.contactPersons.kept);
    list('Kaart: new', report.kaart.created);
    list('Kaart: updated', report.kaart.updated);
    list('Kaart: unchanged', report.kaart.unchanged);
    if (report.kaart.skipped.length) console.log(`Kaart: skipped (${report.kaart.skipped.length}):\n  ${report.kaart.skipped.join('\n  ')}`);
    console.log(
      args['dry-run']
        ? `${report.regionId} (${report.name}) is valid; nothing written (--dry-run).`
        : report.regionWritten
          ? `${report.regionId} (${report.name}) written as revision ${report.revision}; functions serve it within a minute.`
          : `${report.regionId} (${report.name}) unchanged at revision ${report.revision}.`,
    );
    return 0;
  } catch (error) {
    if (error instanceof RegionFileRefused) fail(`Cannot start the region of ${target}; nothing was written:\n- ${error.problems.join('\n- ')}`, 2);
    throw error;
  } finally {
    close();
  }
}

process.exitCode = await main();
