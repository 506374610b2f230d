import { beforeAll, describe, expect, it } from 'vitest';
import { CrosswalkSchema, type Crosswalk } from '#shared/kaart/hsds/crosswalk.ts';
import { exportHsdsCsv, exportHsdsJson } from '#shared/kaart/hsds/export.ts';
import { importHsds } from '#shared/kaart/hsds/import.ts';
import { HSDS_TYPES } from '#shared/kaart/hsds/objects.ts';
import { readCsvPackage, servicesFromTables } from '#shared/kaart/hsds/tabular.ts';
import { csvRows, hsdsValidators, missingFields, readExample, readExamplesCrosswalk, type HsdsValidators } from '../support/hsds.ts';

// The specification's `*_full` examples, imported and exported again as JSON and as the CSV data
// package: every field they had comes back with its value, and both exports validate against the
// HSDS 3.1 schemas. One field is ours by definition: `last_modified` says when our entry last
// changed (docs/sociale-kaart.md, "What is kept").

const now = new Date('2026-11-20T10:00:00Z');
let validate: HsdsValidators;
let crosswalk: Crosswalk;

beforeAll(async () => {
  validate = await hsdsValidators();
  // The examples' own assured_date comes back only when the import takes it (not the import's date).
  crosswalk = CrosswalkSchema.parse({ ...(await readExamplesCrosswalk()), lastVerified: 'assured_date' });
});

const withoutLastModified = <T extends Record<string, unknown>>({ last_modified: _ours, ...rest }: T) => rest;

/** The example as it should come back: the service itself, and where its organization or place are. */
async function expectations(example: string): Promise<{ service: Record<string, unknown>; organization?: Record<string, unknown>; place?: Record<string, unknown> }> {
  const document = (await readExample(example)) as Record<string, any>;
  if (example === 'organization_full') {
    const { services, ...organization } = document;
    return { service: withoutLastModified(services[0]), organization };
  }
  if (example === 'service_at_location_full') {
    const { service, ...place } = document;
    return { service: withoutLastModified(service), place };
  }
  return { service: withoutLastModified(document) };
}

/** Every field of the example in an exported service: the service, its organization, its place. */
function missingIn(exported: Record<string, any>, expected: Awaited<ReturnType<typeof expectations>>): string[] {
  return [
    ...missingFields(expected.service, exported),
    ...(expected.organization ? missingFields(expected.organization, exported.organization, 'organization') : []),
    ...(expected.place ? missingFields([expected.place], exported.service_at_locations, 'service_at_locations') : []),
  ];
}

describe.each(['service_full', 'organization_full', 'service_at_location_full'])('the round trip of %s', (example) => {
  it('gives back every field through the JSON export, which validates', async () => {
    const imported = importHsds({ format: 'json', document: await readExample(example) }, { crosswalk, now });
    expect(imported.entries).toHaveLength(1);
    const [exported] = exportHsdsJson(imported.entries, now) as unknown as Record<string, any>[];
    expect(validate.service(exported), JSON.stringify(validate.service.errors)).toBe(true);
    expect(missingIn(exported!, await expectations(example))).toEqual([]);
  });

  it('gives back every field through the CSV data package, whose every row validates', async () => {
    const imported = importHsds({ format: 'json', document: await readExample(example) }, { crosswalk, now });
    const files = exportHsdsCsv(imported.entries, now);
    const tables = csvRows(files);
    for (const type of HSDS_TYPES) {
      for (const row of tables[type] ?? []) expect(validate.row(type)(row), `${type} ${JSON.stringify(row)}: ${JSON.stringify(validate.row(type).errors)}`).toBe(true);
    }
    const [service] = servicesFromTables(readCsvPackage(files).tables).services as Record<string, any>[];
    expect(validate.service(service), JSON.stringify(validate.service.errors)).toBe(true);
    expect(missingIn(service!, await expectations(example))).toEqual([]);
  });

  it('imports its own export back to the same entry, with nothing skipped', async () => {
    const imported = importHsds({ format: 'json', document: await readExample(example) }, { crosswalk, now });
    const document = JSON.parse(JSON.stringify(exportHsdsJson(imported.entries, now)));
    const again = importHsds({ format: 'json', document }, { now });
    expect(again.skipped).toEqual([]);
    expect(again.entries).toEqual(imported.entries);
    const viaCsv = importHsds({ format: 'csv', files: exportHsdsCsv(imported.entries, now) }, { now });
    expect(viaCsv.skipped).toEqual([]);
    expect(viaCsv.entries).toEqual(imported.entries);
  });
});
