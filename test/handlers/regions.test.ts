import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RegionStore } from '#shared/adapters/region-store.ts';
import { SocialeKaartStore } from '#shared/adapters/sociale-kaart-store.ts';
import { builtInRegions, isServedRegion, regionConfigOf, useRegions } from '#shared/regions/index.ts';
import { RegionFileRefused } from '#shared/regions/region-file.ts';
import { initRegion, type RegionTables } from '#local/region-init.ts';
import { seedDemoRegions } from '#local/seed.ts';
import { lambdaContext, startEmulatedAws, type EmulatedAws } from '../support/emulated-aws.ts';
import { readEvent } from '../support/samples.ts';

// Regions are data (docs/regions.md): `npm run region -- init` writes a region file into the
// tables, `npm start` provisions Regio Voorbeeld the same way, and functions load what is there.

type HttpHandler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;

const ZUIDERMEER = fileURLToPath(new URL('../../shared/regions/regio-zuidermeer/region-file.json', import.meta.url));
let aws: EmulatedAws;
let tables: RegionTables;
let scratch: string;
const now = new Date();
const template = await readEvent<APIGatewayProxyEventV2>('api/get-services.json');

beforeAll(async () => {
  aws = await startEmulatedAws();
  tables = { regions: aws.tableNames.regions, contactPersons: aws.tableNames['contact-persons'], socialeKaart: aws.tableNames['sociale-kaart'] };
  scratch = await mkdtemp(join(tmpdir(), 'overbrug-regions-'));
});
afterAll(async () => {
  await aws?.close();
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

/** A copy of the Zuidermeer region folder with its region.json changed, for files that must be refused. */
async function changedCopy(name: string, change: (region: any) => void): Promise<string> {
  const folder = join(scratch, name);
  await cp(fileURLToPath(new URL('.', `file://${ZUIDERMEER}`)), folder, { recursive: true });
  const region = JSON.parse(await readFile(join(folder, 'region.json'), 'utf8'));
  change(region);
  await writeFile(join(folder, 'region.json'), JSON.stringify(region));
  return join(folder, 'region-file.json');
}

const contactPerson = async (contactPersonId: string) =>
  (await aws.document.send(new GetCommand({ TableName: tables.contactPersons, Key: { contactPersonId } }))).Item;

describe('regions as data', () => {
  it('the built-in Regio Voorbeeld is in the regions table after start, and a second start leaves it as it is', async () => {
    const [voorbeeld, ...rest] = await new RegionStore(aws.document, tables.regions).list();
    expect(rest).toEqual([]);
    expect(voorbeeld).toMatchObject({ regionId: 'regio-voorbeeld', revision: 1, updatedBy: 'npm start' });
    const again = await seedDemoRegions(aws.document, tables, now);
    expect(again).toEqual({ regions: 0, services: 0, contactPersons: 0 });
    expect((await new RegionStore(aws.document, tables.regions).get('regio-voorbeeld'))!.revision).toBe(1);
  });

  it('refuses a region whose gemeente belongs to Regio Voorbeeld, and writes nothing of it', async () => {
    const file = await changedCopy('conflict', (region) => region.gemeenten.push({ name: 'Polderdam', postcodes: ['9971'] }));
    const refused = await initRegion(aws.document, tables, file, { now, by: 'test' }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(RegionFileRefused);
    expect((refused as RegionFileRefused).problems).toEqual([expect.stringContaining('Polderdam belongs to region regio-voorbeeld')]);
    expect(await new RegionStore(aws.document, tables.regions).get('regio-zuidermeer')).toBeUndefined();
    expect(await contactPerson('cp-zm-iris-kok')).toBeUndefined();
    expect(await new SocialeKaartStore(aws.document, tables.socialeKaart).listRegion('regio-zuidermeer')).toEqual([]);
  });

  it('a dry run checks the whole file and writes nothing', async () => {
    const report = await initRegion(aws.document, tables, ZUIDERMEER, { now, by: 'test', dryRun: true });
    expect(report).toMatchObject({ regionId: 'regio-zuidermeer', regionWritten: false, contactPersons: { added: expect.arrayContaining(['cp-zm-iris-kok']) } });
    expect(await new RegionStore(aws.document, tables.regions).get('regio-zuidermeer')).toBeUndefined();
  });

  it('initialises the second region: region and rule set, cliëntondersteuners, and the kaart through the HSDS import', async () => {
    const report = await initRegion(aws.document, tables, ZUIDERMEER, { now, by: 'test' });
    expect(report).toMatchObject({ regionId: 'regio-zuidermeer', revision: 1, regionWritten: true });
    expect(report.contactPersons.added.sort()).toEqual(['cp-zm-ellen-smits', 'cp-zm-iris-kok', 'cp-zm-youssef-haddou']);
    expect(report.kaart.skipped).toEqual([]);
    const kaart = await new SocialeKaartStore(aws.document, tables.socialeKaart).listRegion('regio-zuidermeer');
    expect(kaart.map((service) => service.serviceId).sort()).toEqual(report.kaart.created.sort());
    expect(kaart.length).toBeGreaterThanOrEqual(10);
    expect(kaart.every((service) => service.serviceId.startsWith('zm-'))).toBe(true);
    expect(await contactPerson('cp-zm-iris-kok')).toMatchObject({ regionId: 'regio-zuidermeer', caseload: 0 });
    // Regio Voorbeeld's kaart is as it was.
    expect((await new SocialeKaartStore(aws.document, tables.socialeKaart).listRegion('regio-voorbeeld')).some((service) => service.serviceId.startsWith('zm-'))).toBe(false);
  });

  it('the same file again changes nothing; a changed one is the next revision, and contact persons keep their caseload', async () => {
    const again = await initRegion(aws.document, tables, ZUIDERMEER, { now, by: 'test' });
    expect(again).toMatchObject({ revision: 1, regionWritten: false, contactPersons: { added: [], kept: expect.arrayContaining(['cp-zm-iris-kok']) } });
    expect(again.kaart.created).toEqual([]);
    const changed = await changedCopy('changed', (region) => (region.timeLimits.remindAfterWorkingDays = 4));
    expect(await initRegion(aws.document, tables, changed, { now, by: 'test' })).toMatchObject({ revision: 2, regionWritten: true });
    expect((await new RegionStore(aws.document, tables.regions).get('regio-zuidermeer'))!.region).toMatchObject({ timeLimits: { remindAfterWorkingDays: 4 } });
  });

  it('a function serves the region once it is in the table: its manager gets its statistics, not Regio Voorbeeld', async () => {
    // What this process knows is Regio Voorbeeld alone (the import above told it more): the function must read the table.
    useRegions((await builtInRegions()).map(regionConfigOf));
    expect(isServedRegion('regio-zuidermeer')).toBe(false);
    aws.wire('statistics');
    const handler: HttpHandler = (await import('#functions/statistics/handler.ts')).handler;
    const request = (username: string) =>
      aws.signedIn({ ...template, routeKey: 'GET /statistics', rawPath: '/statistics', queryStringParameters: undefined, pathParameters: undefined }, username);
    const zuidermeer = await handler(await request('manager-zuidermeer'), lambdaContext('statistics'));
    expect(zuidermeer.statusCode).toBe(200);
    const body = JSON.parse(zuidermeer.body!);
    expect(body.region.name).toBe('Regio Zuidermeer (fictief)');
    expect(JSON.stringify(body)).not.toMatch(/Rivierstad|Heuvelrand|Polderdam/);
    const voorbeeld = JSON.parse((await handler(await request('manager-regio'), lambdaContext('statistics'))).body!);
    expect(voorbeeld.region.name).toBe('Regio Voorbeeld (fictief)');
    expect(JSON.stringify(voorbeeld)).not.toMatch(/Meerstad|Dijkhoven/);
  });
});
