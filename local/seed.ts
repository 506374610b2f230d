import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { itemsOfRegion } from '#shared/adapters/by-region.ts';
import { ContactPersonStore } from '#shared/adapters/contact-person-store.ts';
import { SocialeKaartStore } from '#shared/adapters/sociale-kaart-store.ts';
import { SeedContactPersonsSchema } from '#shared/domain/contact-person-entry.ts';
import { SeedSocialeKaartSchema, ServiceSchema, type ServiceEntry } from '#shared/domain/sociale-kaart.ts';
import { REGIONS } from '#shared/regions/index.ts';

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

const isEmpty = async (client: DynamoDBDocumentClient, tableName: string, regionId: string) =>
  (await itemsOfRegion(client, tableName, regionId, 1)).length === 0;

/**
 * On a first start, fills the sociale kaart and the cliëntondersteuners of every region that has
 * demo data. Tables that already hold a region's data are left alone, reservations included.
 */
export async function seedDemoRegions(
  client: DynamoDBDocumentClient,
  tableNames: { socialeKaart: string; contactPersons: string },
  now: Date,
  /** Changes every e-mail address on the way in, e.g. to SES's mailbox simulator on a test stage. */
  address: (email: string) => string = (email) => email,
): Promise<{ services: number; contactPersons: number }> {
  const counts = { services: 0, contactPersons: 0 };
  const kaart = new SocialeKaartStore(client, tableNames.socialeKaart);
  const people = new ContactPersonStore(client, tableNames.contactPersons);
  for (const { region } of REGIONS) {
    if (await isEmpty(client, tableNames.socialeKaart, region.regionId)) {
      for (const service of await demoServices(region.regionId, now)) {
        await kaart.put({ ...service, contact: { ...service.contact, email: address(service.contact.email) } }, now);
        counts.services++;
      }
    }
    if (await isEmpty(client, tableNames.contactPersons, region.regionId)) {
      for (const person of await demoContactPersons(region.regionId)) {
        await people.put(region.regionId, { ...person, email: address(person.email) });
        counts.contactPersons++;
      }
    }
  }
  return counts;
}
