import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { SeedContactPersonsSchema } from '#shared/domain/contact-person-entry.ts';
import { SeedSocialeKaartSchema, ServiceSchema, type ServiceEntry } from '#shared/domain/sociale-kaart.ts';
import { builtInRegions } from '#shared/regions/index.ts';
import { initRegion } from './region-init.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

async function readSeed(regionId: string, file: string): Promise<unknown> {
  const path = fileURLToPath(new URL(`../shared/regions/${regionId}/${file}`, import.meta.url));
  return JSON.parse(await readFile(path, 'utf8'));
}

/** The region's demo sociale kaart, with verification dates counted back from `now`. */
export async function demoServices(regionId: string, now: Date): Promise<ServiceEntry[]> {
  const seed = SeedSocialeKaartSchema.parse(await readSeed(regionId, 'sociale-kaart.json'));
  return seed.services.map(({ lastVerifiedDaysAgo, ...service }) =>
    ServiceSchema.parse({
      ...service,
      regionId,
      lastVerified: new Date(now.getTime() - lastVerifiedDaysAgo * DAY_MS).toISOString().slice(0, 10),
    }),
  );
}

export async function demoContactPersons(regionId: string) {
  return SeedContactPersonsSchema.parse(await readSeed(regionId, 'clientondersteuners.json')).contactPersons;
}

/** The region files of the regions that come with the code (shared/regions/<id>/region-file.json). */
export const builtInRegionFile = (regionId: string) => fileURLToPath(new URL(`../shared/regions/${regionId}/region-file.json`, import.meta.url));

/**
 * On every start, provisions the built-in demo region through the same path as
 * `npm run region -- init` (local/region-init.ts): the region and its rule set as a new revision
 * when the files changed, its cliëntondersteuners who are not there yet, and its sociale kaart
 * when the region has none. What the tables hold already (reservations, caseloads) is left alone.
 */
export async function seedDemoRegions(
  client: DynamoDBDocumentClient,
  tableNames: { regions: string; socialeKaart: string; contactPersons: string },
  now: Date,
  /** Changes every e-mail address on the way in, e.g. to SES's mailbox simulator on a test stage. */
  address: (email: string) => string = (email) => email,
): Promise<{ regions: number; services: number; contactPersons: number }> {
  const counts = { regions: 0, services: 0, contactPersons: 0 };
  for (const { region } of await builtInRegions()) {
    const report = await initRegion(client, tableNames, builtInRegionFile(region.regionId), { now, by: 'npm start', address });
    if (report.regionWritten) counts.regions++;
    counts.services += report.kaart.created.length;
    counts.contactPersons += report.contactPersons.added.length;
  }
  return counts;
}
