// Starts (or updates) a region from its region file: checks the whole file, then writes its
// cliëntondersteuners, its sociale kaart and last the region itself into the stack's tables.
// `npm run region -- init <file>` (scripts/region.ts) and `npm start` (local/seed.ts, for the
// built-in Regio Voorbeeld) both come here, so a region starts one way only. docs/regions.md.
import { readdir, readFile, stat } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { itemsOfRegion } from '#shared/adapters/by-region.ts';
import { ContactPersonStore } from '#shared/adapters/contact-person-store.ts';
import { RegionStore } from '#shared/adapters/region-store.ts';
import { SocialeKaartStore } from '#shared/adapters/sociale-kaart-store.ts';
import { SeedSocialeKaartSchema, ServiceSchema, type ServiceEntry } from '#shared/domain/sociale-kaart.ts';
import { decodeText } from '#shared/kaart/hsds/decode.ts';
import { HsdsInputError, importHsds, type HsdsImportInput } from '#shared/kaart/hsds/import.ts';
import { RegionFileRefused, RegionFileSchema, checkRegionFile, type CheckedRegion } from '#shared/regions/region-file.ts';
import { REGIONS, regionConfigOf, useRegions } from '#shared/regions/index.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface RegionTables {
  regions: string;
  contactPersons: string;
  socialeKaart: string;
}

export interface RegionInitReport {
  regionId: string;
  name: string;
  /** The version now in the regions table; unchanged when the file held nothing new. */
  revision: number;
  regionWritten: boolean;
  contactPersons: { added: string[]; kept: string[] };
  kaart: { created: string[]; updated: string[]; unchanged: string[]; skipped: string[] };
  notices: string[];
}

async function readJson(path: string, where: string): Promise<unknown> {
  let text: string;
  try {
    text = decodeText(await readFile(path)).text;
  } catch {
    throw new RegionFileRefused([`${where}: cannot read ${path}`]);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new RegionFileRefused([`${where}: ${path} is not JSON (${(error as Error).message})`]);
  }
}

/** An HSDS JSON file, or a data package: the CSV files (and datapackage.json) of a directory. */
async function readHsds(path: string): Promise<HsdsImportInput> {
  const info = await stat(path).catch(() => undefined);
  if (!info) throw new RegionFileRefused([`kaart.hsds: no such file or directory ${path}`]);
  if (!info.isDirectory()) return { format: 'json', document: await readJson(path, 'kaart.hsds') };
  const files: Record<string, string> = {};
  for (const entry of await readdir(path, { recursive: true, withFileTypes: true })) {
    if (entry.isFile() && (/\.csv$/i.test(entry.name) || entry.name.toLowerCase() === 'datapackage.json')) {
      const full = join(entry.parentPath, entry.name);
      files[relative(path, full).split('\\').join('/')] = decodeText(await readFile(full)).text;
    }
  }
  if (!Object.keys(files).some((name) => name.endsWith('.csv'))) throw new RegionFileRefused([`kaart.hsds: ${path} holds no CSV files: not an HSDS data package`]);
  return { format: 'csv', files };
}

export interface ReadRegionFile {
  path: string;
  region: unknown;
  triageRules: unknown;
  contactPersons: unknown[];
  kaart?: { hsds: string } | { demo: string };
}

/** Reads a region file and the files it names (paths relative to it). */
export async function readRegionFile(path: string): Promise<ReadRegionFile> {
  const full = resolve(path);
  const parsed = RegionFileSchema.safeParse(await readJson(full, 'file'));
  if (!parsed.success) throw new RegionFileRefused(parsed.error.issues.map((issue) => `${issue.path.join('.') || 'file'}: ${issue.message}`));
  const file = parsed.data;
  const beside = (name: string) => resolve(dirname(full), name);
  const part = async (value: unknown, where: string) => (typeof value === 'string' ? readJson(beside(value), where) : value);
  const people = await part(file.contactPersons, 'contactPersons');
  const contactPersons = Array.isArray(people)
    ? people
    : typeof people === 'object' && people !== null && Array.isArray((people as { contactPersons?: unknown }).contactPersons)
      ? (people as { contactPersons: unknown[] }).contactPersons
      : undefined;
  if (!contactPersons) throw new RegionFileRefused(['contactPersons: give a list, or a file with { "contactPersons": [...] }']);
  return {
    path: full,
    region: await part(file.region, 'region'),
    triageRules: await part(file.triageRules, 'triageRules'),
    contactPersons,
    ...(file.kaart ? { kaart: 'hsds' in file.kaart ? { hsds: beside(file.kaart.hsds) } : { demo: beside(file.kaart.demo) } } : {}),
  };
}

/** The demo format's services, with verification dates counted back from `now`. */
async function demoKaart(path: string, regionId: string, now: Date): Promise<ServiceEntry[]> {
  const seed = SeedSocialeKaartSchema.parse(await readJson(path, 'kaart.demo'));
  return seed.services.map(({ lastVerifiedDaysAgo, ...service }) =>
    ServiceSchema.parse({ ...service, regionId, lastVerified: new Date(now.getTime() - lastVerifiedDaysAgo * DAY_MS).toISOString().slice(0, 10) }),
  );
}

/** The same JSON, whatever the order of its keys (DynamoDB keeps no order in a map). */
const canonical = (value: unknown): unknown =>
  Array.isArray(value)
    ? value.map(canonical)
    : typeof value === 'object' && value !== null
      ? Object.fromEntries(Object.keys(value).sort().map((key) => [key, canonical((value as Record<string, unknown>)[key])]))
      : value;
const sameContent = (a: unknown, b: unknown) => JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));

/**
 * Checks the region file against itself and the regions in the table, then writes it: contact
 * persons who are new (those there already keep their caseload and edits), the kaart through the
 * HSDS import (services there already are updated as `kaart import` does), and last the region,
 * as a new revision when it changed: from then on functions serve it (within REGIONS_CACHE_SECONDS).
 * Nothing is written when the file is refused (RegionFileRefused, with every problem).
 */
export async function initRegion(
  client: DynamoDBDocumentClient,
  tables: RegionTables,
  path: string,
  options: {
    now: Date;
    by: string;
    dryRun?: boolean;
    /** Changes every e-mail address on the way in, e.g. to SES's mailbox simulator on a test stage. */
    address?: (email: string) => string;
  },
): Promise<RegionInitReport> {
  const address = options.address ?? ((email: string) => email);
  const file = await readRegionFile(path);
  const store = new RegionStore(client, tables.regions);
  const items = await store.list();
  const others = items.map(regionConfigOf);
  const checked: CheckedRegion = checkRegionFile(file, others);
  const { regionId } = checked.config.region;
  const problems: string[] = [];

  // Contact person ids are keys of one table for every region: one of another region is refused.
  const people = new ContactPersonStore(client, tables.contactPersons);
  const added: string[] = [];
  const kept: string[] = [];
  for (const person of checked.contactPersons) {
    const { Item } = await client.send(new GetCommand({ TableName: tables.contactPersons, Key: { contactPersonId: person.contactPersonId } }));
    if (!Item) added.push(person.contactPersonId);
    else if (Item.regionId === regionId) kept.push(person.contactPersonId);
    else problems.push(`contactPersons: ${person.contactPersonId} is a cliëntondersteuner of region ${String(Item.regionId)} already; choose another contactPersonId`);
  }

  // The kaart is read with the new region served, so its gemeenten and PC4s are known to the import.
  const previous = [...REGIONS];
  useRegions([...others.filter((other) => other.region.regionId !== regionId), checked.config]);
  const kaart = new SocialeKaartStore(client, tables.socialeKaart);
  const notices: string[] = [];
  const skipped: string[] = [];
  let services: ServiceEntry[] = [];
  try {
    if (file.kaart && 'hsds' in file.kaart) {
      const result = importHsds(await readHsds(file.kaart.hsds), { regionId, now: options.now });
      notices.push(...result.notices);
      skipped.push(...result.skipped.map((record) => `${record.record} ${record.id}${record.name ? ` (${record.name})` : ''}: ${record.reason}`));
      services = result.entries;
      if (!services.length) problems.push(`kaart.hsds: not one service could be taken from ${file.kaart.hsds}`);
    } else if (file.kaart && 'demo' in file.kaart) {
      // Demo data fills an empty kaart only: a running demo keeps its reservations and edits.
      if ((await itemsOfRegion(client, tables.socialeKaart, regionId, 1)).length === 0) services = await demoKaart(file.kaart.demo, regionId, options.now);
    }
  } catch (error) {
    if (error instanceof HsdsInputError) problems.push(`kaart.hsds: ${error.message}`);
    else throw error;
  } finally {
    if (options.dryRun || problems.length) useRegions(previous);
  }
  // A service id on another region's kaart is refused before anything is written (sixteen reads at a time).
  for (let start = 0; start < services.length; start += 16) {
    const found = await Promise.all(services.slice(start, start + 16).map((service) => kaart.get(service.serviceId)));
    for (const there of found) if (there && there.regionId !== regionId) problems.push(`kaart: service ${there.serviceId} is on the kaart of region ${there.regionId} already`);
  }
  if (problems.length) throw new RegionFileRefused(problems);

  const current = items.find((item) => item.regionId === regionId);
  const changed = !current || !sameContent(current.region, file.region) || !sameContent(current.triageRules, file.triageRules);
  const report: RegionInitReport = {
    regionId,
    name: checked.config.region.name,
    revision: current?.revision ?? 0,
    regionWritten: false,
    contactPersons: { added, kept },
    kaart: { created: [], updated: [], unchanged: [], skipped },
    notices,
  };
  if (options.dryRun) return report;

  for (const person of checked.contactPersons) {
    if (added.includes(person.contactPersonId)) await people.put(regionId, { ...person, email: address(person.email) });
  }
  const outcomes = await kaart.upsertMany(
    services.map((service) => ({ ...service, contact: { ...service.contact, email: address(service.contact.email) } })),
    options.now,
  );
  outcomes.forEach((written, index) => {
    const id = services[index]!.serviceId;
    if (written.outcome === 'other-region') skipped.push(`service ${id}: on the kaart of region ${written.regionId} already; not written`);
    else report.kaart[written.outcome].push(id);
  });
  if (changed) {
    const item = await store.put(
      { regionId, region: file.region, triageRules: file.triageRules, updatedAt: options.now.toISOString(), updatedBy: options.by },
      current?.revision,
    );
    report.revision = item.revision;
    report.regionWritten = true;
  }
  return report;
}
