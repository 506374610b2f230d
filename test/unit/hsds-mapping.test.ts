import { readFile } from 'node:fs/promises';
import type { ServiceEntry } from '#shared/domain/sociale-kaart.ts';
import { describe, expect, it } from 'vitest';
import { demoServices } from '#local/seed.ts';
import { CrosswalkSchema, type CrosswalkInput } from '#shared/kaart/hsds/crosswalk.ts';
import { exportHsdsCsv, exportHsdsJson } from '#shared/kaart/hsds/export.ts';
import { hsdsServiceId } from '#shared/kaart/hsds/ids.ts';
import { HsdsInputError, importHsds } from '#shared/kaart/hsds/import.ts';
import { TAXONOMIES, TAXONOMY_KEYS, taxonomyId, termId } from '#shared/kaart/hsds/taxonomies.ts';
import { PLACE_UNIT, toHsdsService } from '#shared/kaart/hsds/to-hsds.ts';
import { COMMUNITY_COUNSELLING, readCsvExample, readExample, readExamplesCrosswalk } from '../support/hsds.ts';

const now = new Date('2026-11-20T10:00:00Z');
const today = '2026-11-20';
const crosswalk = (input: Partial<CrosswalkInput> = {}) => CrosswalkSchema.parse({ description: 'test', regionId: 'regio-voorbeeld', ...input });

/** The example's own service (service_full.json), with what a test changes. */
async function exampleService(change: (service: Record<string, any>) => void = () => {}) {
  const service = structuredClone((await readExample('service_full')) as Record<string, any>);
  change(service);
  return service;
}

describe('our sociale kaart as HSDS 3.1', () => {
  it('round-trips the whole demo kaart through HSDS JSON without losing anything', async () => {
    const ours = await demoServices('regio-voorbeeld', now);
    const document = JSON.parse(JSON.stringify(exportHsdsJson(ours, now)));
    const back = importHsds({ format: 'json', document }, { now });
    expect(back.skipped).toEqual([]);
    expect(back.entries).toEqual(ours);
  });

  it('round-trips the whole demo kaart through the HSDS CSV data package without losing anything', async () => {
    const ours = await demoServices('regio-voorbeeld', now);
    const files = exportHsdsCsv(ours, now);
    expect(Object.keys(files)).toEqual(expect.arrayContaining(['datapackage.json', 'services.csv', 'attributes.csv', 'taxonomy_terms.csv', 'service_areas.csv']));
    const back = importHsds({ format: 'csv', files }, { now });
    expect(back).toMatchObject({ entries: ours, skipped: [], version: 'HSDS 3.1' });
    expect(back.notices).toEqual([expect.stringMatching(/^HSDS 3\.1 \(herkend aan attributes\.csv/)]);
  });

  it('keeps capacity, not reservations: open places as available, the capacity as maximum', async () => {
    const [service] = (await demoServices('regio-voorbeeld', now)).filter((candidate) => candidate.capacity !== null && candidate.bridging);
    const published = toHsdsService({ ...service!, capacity: 5, placesTaken: 3, updatedAt: '2026-11-19T08:00:00.000Z' }, now);
    expect(published.capacities).toEqual([expect.objectContaining({ available: 2, maximum: 5, unit: expect.objectContaining({ name: 'plaats' }) })]);
    expect(published.last_modified).toBe('2026-11-19T08:00:00.000Z');
    expect(published.attributes?.map((attribute) => attribute.taxonomy_term_id)).toContain(termId('kenmerken', 'wachtlijstoverbrugging'));
    // Re-imported, the capacity is the whole capacity again: the reservations stay with the store.
    const back = importHsds({ format: 'json', document: published }, { now });
    expect(back.entries[0]?.capacity).toBe(5);
  });

  it('gives stable ids: the same HSDS id for a service and a term in every export', () => {
    expect(hsdsServiceId('vb-crisisdienst')).toBe(hsdsServiceId('vb-crisisdienst'));
    expect(hsdsServiceId('vb-crisisdienst')).not.toBe(hsdsServiceId('vb-inloophuis'));
    // Published in docs/sociale-kaart.md: these must never change.
    expect(termId('levensdomeinen', 'mental-health')).toBe('b07a997d-32a9-5f74-81e3-5c6df5e1a9ea');
    expect(termId('kenmerken', 'wachtlijstoverbrugging')).toBe('5210937f-2901-53f4-ab66-2bff6bb901be');
    // A service imported from HSDS keeps its HSDS id.
    expect(hsdsServiceId(COMMUNITY_COUNSELLING.serviceId)).toBe(COMMUNITY_COUNSELLING.serviceId);
  });

  it('documents every taxonomy, term and unit id in docs/sociale-kaart.md', async () => {
    const docs = await readFile(new URL('../../docs/sociale-kaart.md', import.meta.url), 'utf8');
    expect(docs).toContain(PLACE_UNIT.id);
    for (const taxonomy of TAXONOMY_KEYS) {
      expect(docs).toContain(`(\`${taxonomy}\`), taxonomy id \`${taxonomyId(taxonomy)}\``);
      for (const { code } of TAXONOMIES[taxonomy].terms) expect(docs, `${taxonomy}/${code}`).toMatch(new RegExp(`\\| \`${code}\` \\| [^|]+ \\| \`${termId(taxonomy, code)}\` \\|`));
    }
  });
});

/** An imported entry without what it keeps of the source (the round-trip tests hold that, field by field). */
const ours = ({ hsds: _kept, ...entry }: ServiceEntry) => entry;

describe('importing the Open Referral HSDS 3.1 examples with their crosswalk', () => {
  it('imports the full service, keeps its capacity in kilograms but does not count it as places', async () => {
    const result = importHsds({ format: 'json', document: await readExample('service_full') }, { crosswalk: await readExamplesCrosswalk(), now });
    // The example's term 3f7b145d… adds functie 1 through the crosswalk.
    expect(result.entries.map(ours)).toEqual([{ ...COMMUNITY_COUNSELLING, functies: [5, 1], lastVerified: today }]);
    expect(result.entries[0]!.hsds?.service.capacities).toEqual([expect.objectContaining({ id: '8896b788-7b3e-11ef-8db9-7f3d040352b3', available: 12 })]);
    expect(result.skipped).toEqual([
      {
        record: 'service_capacity',
        id: '8896b788-7b3e-11ef-8db9-7f3d040352b3',
        reason: "capaciteit van dienst ac148810-d857-441c-9679-408f346de14b in eenheid 'Kilogram (SI kgm)' telt geen plaatsen: bewaard, niet gebruikt voor de matching",
        details: 'volgens de crosswalk (placeUnits) geen eenheid van plaatsen',
      },
    ]);
    expect(result.notices).toEqual([]);
    expect(result.provenance[COMMUNITY_COUNSELLING.serviceId]).toMatchObject({ domains: 'rule', area: 'rule', languages: 'source', channels: 'source', lastVerified: 'import', capacity: 'assumed' });
  });

  it('dates an import by the Dutch calendar: just after midnight in Amsterdam it is already the next day', async () => {
    const justAfterMidnight = new Date('2026-11-20T23:30:00Z');
    const result = importHsds({ format: 'json', document: await readExample('service_full') }, { crosswalk: await readExamplesCrosswalk(), now: justAfterMidnight });
    expect(result.entries[0]!.lastVerified).toBe('2026-11-21');
  });

  it('imports the same service from an organization with its services, and from a service_at_location', async () => {
    for (const example of ['organization_full', 'service_at_location_full']) {
      const result = importHsds({ format: 'json', document: await readExample(example) }, { crosswalk: await readExamplesCrosswalk(), now });
      expect(result.entries.map(ours), example).toEqual([{ ...COMMUNITY_COUNSELLING, functies: [5, 1], lastVerified: today }]);
    }
  });

  it('skips the service of a list page, which carries no area, languages or channels, and says it read one page', async () => {
    const result = importHsds({ format: 'json', document: await readExample('service_list') }, { crosswalk: await readExamplesCrosswalk(), now });
    expect(result.entries).toEqual([]);
    expect(result.skipped).toEqual([
      {
        record: 'service',
        id: 'ac148810-d857-441c-9679-408f346de14b',
        name: 'Community Counselling',
        reason: 'geen werkgebied; onbekend hoe cliënten het aanbod bereiken; onbekend in welke talen het aanbod werkt',
        details:
          'geen service_areas in de bron en geen standaard in de crosswalk (defaults.area); geen telefoon, geen locatie, geen regel in de crosswalk (rules[].set.channels), geen standaard (defaults.channels); geen languages in de bron en geen standaard in de crosswalk (defaults.languages)',
        missing: ['area', 'channels', 'languages'],
      },
    ]);
    expect(result.notices).toEqual([expect.stringContaining('pagina 1 van 10')]);
  });

  it('reports an organization list as organizations without services', async () => {
    const result = importHsds({ format: 'json', document: await readExample('organization_list') }, { crosswalk: await readExamplesCrosswalk(), now });
    expect(result.entries).toEqual([]);
    expect(result.skipped).toEqual([expect.objectContaining({ record: 'organization', id: 'd9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610' })]);
  });

  it('imports the CSV data package, and reports the rows that point nowhere and the broken datapackage.json', async () => {
    const result = importHsds({ format: 'csv', files: await readCsvExample() }, { crosswalk: await readExamplesCrosswalk(), now });
    // In the CSV the example's attribute links to another id, so no functie 1 here.
    expect(result.entries.map(ours)).toEqual([{ ...COMMUNITY_COUNSELLING, lastVerified: today }]);
    expect(result.skipped).toEqual([
      {
        record: 'service_capacity',
        id: '8896b788-7b3e-11ef-8db9-7f3d040352b3',
        reason: 'hoort bij dienst f75b808e-7bdb-11ef-afaa-ab00a77dc5c4, die niet in services.csv staat',
      },
      {
        record: 'attribute',
        id: 'ae58cc39-8b70-4ab1-8aea-786882e5ac8e',
        name: 'An Example Label',
        reason: 'koppelt aan f28dd44b-0c4d-479f-8e90-4c52219a8b3c, dat in geen tabel van het pakket staat',
      },
    ]);
    expect(result.notices).toEqual([
      'HSDS 3.1 (herkend aan attributes.csv, addresses.csv, service_at_location.csv en accessibility.csv).',
      "datapackage.json is geen JSON (het begint met '../../datapackage.json'); de tabellen zijn gelezen onder hun HSDS-bestandsnamen.",
    ]);
  });

  it("takes the organisation's own contact in a CSV package when the service has none", async () => {
    const files = await readCsvExample();
    // The example's one contact, made the organisation's: no service, place or location named.
    const [header, row] = files['contacts.csv']!.trim().split(/\r?\n/) as [string, string];
    const cells = row.split(',');
    for (const column of ['service_id', 'service_at_location_id', 'location_id']) cells[header.split(',').indexOf(column)] = '';
    cells[header.split(',').indexOf('organization_id')] = 'd9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610';
    const result = importHsds({ format: 'csv', files: { ...files, 'contacts.csv': `${header}\n${cells.join(',')}\n` } }, { crosswalk: await readExamplesCrosswalk(), now });
    expect(result.skipped.filter((record) => record.record === 'service')).toEqual([]);
    expect(result.entries.map((entry) => entry.contact)).toEqual([COMMUNITY_COUNSELLING.contact]);
  });

  it('imports the tabular JSON example like the CSV package', async () => {
    const result = importHsds({ format: 'json', document: await readExample('tabular') }, { crosswalk: await readExamplesCrosswalk(), now });
    expect(result.entries.map(ours)).toEqual([{ ...COMMUNITY_COUNSELLING, lastVerified: today }]);
    expect(result.skipped).toEqual([expect.objectContaining({ record: 'attribute', id: 'ae58cc39-8b70-4ab1-8aea-786882e5ac8e' })]);
  });

  it('needs the crosswalk: without one, every field it supplies is a reason', async () => {
    const result = importHsds({ format: 'json', document: await readExample('service_full') }, { regionId: 'regio-voorbeeld', now });
    expect(result.entries).toEqual([]);
    const reasons = result.skipped[0]!.reason.split('; ');
    expect(reasons).toEqual([
      expect.stringMatching(/^werkgebied 'The service is available to all residents of the MyCity area/),
      'onbekend bij welk levensdomein het aanbod hoort',
      'onbekend wat voor soort aanbod het is',
      'onbekend welke functie (1 tot 8) het aanbod heeft',
      'onbekend wat het de cliënt kost',
      'onbekend waaruit het betaald wordt',
      'onbekend of een verwijzing nodig is',
      'onbekend hoe lang de wachttijd is',
    ]);
    expect(result.skipped[0]!.missing).toEqual(['area', 'domains', 'category', 'functies', 'cost', 'funding', 'referralNeeded', 'waitingWeeks']);
    expect(result.skipped[0]!.details).toContain('koppel het in de crosswalk (serviceAreas) aan gemeenten of postcodes');
  });
});

describe('the crosswalk', () => {
  const debtHelp: NonNullable<CrosswalkInput['rules']>[number] = {
    match: { service: 'ac148810-d857-441c-9679-408f346de14b' },
    set: { domains: ['finances'], category: 'debt-help', functies: [4], referralNeeded: false, cost: 'free', funding: ['wmo'], waitingWeeks: 1 },
  };
  const base = { rules: [debtHelp] };

  it('fills what the source lacks from its defaults, and never overrides what the data says', async () => {
    const service = await exampleService((s) => {
      delete s.service_areas;
      delete s.service_at_locations;
      delete s.phones;
      delete s.contacts;
      s.languages = [{ id: 'l1', name: 'Nederlands', code: 'nld' }];
    });
    const result = importHsds(
      { format: 'json', document: service },
      { now, crosswalk: crosswalk({ ...base, lastVerified: 'import', defaults: { area: { gemeenten: ['Heuvelrand'], postcodes: ['9921'] }, channels: ['post'], languages: ['en'] } }) },
    );
    expect(result.entries[0]).toMatchObject({
      area: { gemeenten: ['Heuvelrand'], postcodes: ['9921'] },
      channels: ['post'],
      // ISO 639-3 "nld" is our "nl"; the default languages are not needed.
      languages: ['nl'],
      contact: { name: 'Ann Persona', email: 'email@example.com', phone: '+44 1234 234567' },
    });
  });

  it('skips a service whose rules disagree, instead of choosing', async () => {
    const result = importHsds(
      { format: 'json', document: await exampleService() },
      {
        now,
        crosswalk: crosswalk({
          ...base,
          lastVerified: 'import',
          serviceAreas: [{ match: { name: 'The service is available to all residents of the MyCity area. We provide the service in our offices or via video conferencing to any who can provide evidence of their residency.' }, area: { gemeenten: ['Polderdam'] } }],
          rules: [...base.rules, { match: { taxonomy: 'taxonomy', code: 'code' }, set: { category: 'buddy', domains: ['social-contacts'] } }],
        }),
      },
    );
    expect(result.entries).toEqual([]);
    expect(result.skipped).toEqual([expect.objectContaining({ record: 'service', reason: 'de regels van de crosswalk spreken elkaar tegen over category: debt-help of buddy' })]);
  });

  it('counts a capacity in places when the crosswalk names its unit, taking the maximum', async () => {
    const result = importHsds(
      { format: 'json', document: await exampleService() },
      { now, crosswalk: crosswalk({ ...base, lastVerified: 'import', serviceAreas: [{ match: { id: '381c64f1-a724-4884-9c21-ac96c21cca3e' }, area: { gemeenten: ['Rivierstad'] } }], placeUnits: [{ identifier: 'kgm', scheme: 'SI' }] }) },
    );
    expect(result.skipped).toEqual([]);
    expect(result.entries[0]).toMatchObject({ capacity: 10, domains: ['finances'], category: 'debt-help' });
  });

  it('recognises our gemeente names and PC4s in service areas, and refuses areas outside the region', async () => {
    const withAreas = (names: string[]) =>
      exampleService((s) => {
        s.service_areas = names.map((name, index) => ({ id: `area-${index}`, name }));
        delete s.service_at_locations;
      });
    const options = { now, crosswalk: crosswalk({ ...base, lastVerified: 'import' }) };
    expect(importHsds({ format: 'json', document: await withAreas(['rivierstad', '9911']) }, options).entries[0]?.area).toEqual({ gemeenten: ['Rivierstad'], postcodes: ['9911'] });
    expect(importHsds({ format: 'json', document: await withAreas(['Amsterdam', '1012']) }, options).skipped[0]?.reason).toBe(
      "werkgebied 'Amsterdam' is geen gemeente of postcode van Regio Voorbeeld (fictief); werkgebied '1012' is geen gemeente of postcode van Regio Voorbeeld (fictief)",
    );
  });

  it('refuses a crosswalk that names a gemeente outside the region, or a region this deployment does not serve', async () => {
    const document = await exampleService();
    expect(() => importHsds({ format: 'json', document }, { now, crosswalk: crosswalk({ defaults: { area: { gemeenten: ['Rivierstadt'], postcodes: [] } } }) })).toThrow(
      new HsdsInputError("De crosswalk noemt wat niet bij Regio Voorbeeld (fictief) hoort: gemeente 'Rivierstadt'."),
    );
    expect(() => importHsds({ format: 'json', document }, { now, regionId: 'regio-elders' })).toThrow(/Regio 'regio-elders' wordt door deze installatie niet bediend/);
  });

  it('puts the idPrefix before foreign ids, switches a defunct service off, and takes a repeated service once', async () => {
    const defunct = await exampleService((s) => (s.status = 'defunct'));
    const result = importHsds(
      { format: 'json', document: [defunct, defunct] },
      { now, crosswalk: crosswalk({ ...base, idPrefix: 'mycity-', lastVerified: 'import', serviceAreas: [{ match: { id: '381c64f1-a724-4884-9c21-ac96c21cca3e' }, area: { gemeenten: ['Rivierstad'] } }], rules: [{ ...debtHelp, match: { organization: 'd9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610' } }] }) },
    );
    expect(result.entries.map(({ serviceId, organisationId, active }) => ({ serviceId, organisationId, active }))).toEqual([
      { serviceId: 'mycity-ac148810-d857-441c-9679-408f346de14b', organisationId: 'mycity-d9d5e0f5-d3ce-4f73-9a2f-4dd0ecc6c610', active: false },
    ]);
    expect(result.skipped).toEqual([
      // The capacity of the first, in kilograms, is reported once; the second copy is skipped whole.
      expect.objectContaining({ record: 'service_capacity' }),
      expect.objectContaining({ record: 'service', reason: 'staat meer dan eens in de invoer (als mycity-ac148810-d857-441c-9679-408f346de14b); alleen de eerste is genomen' }),
    ]);
  });

  it('names every HSDS field that is missing or wrong, and refuses what is no HSDS at all', () => {
    const result = importHsds({ format: 'json', document: [{ id: 'x1', name: '', status: 'open' }, 42] }, { now, crosswalk: crosswalk() });
    expect(result.skipped).toEqual([
      { record: 'unknown', id: '(geen object)', reason: 'geen HSDS-object maar number' },
      { record: 'service', id: 'x1', reason: 'HSDS-veld name is ongeldig; HSDS-veld status is ongeldig', details: expect.stringContaining('"active"|"inactive"|"defunct"|"temporarily closed"') },
    ]);
    expect(() => importHsds({ format: 'json', document: 'services' }, { now })).toThrow(HsdsInputError);
    expect(() => importHsds({ format: 'csv', files: { 'datapackage.json': '{}' } }, { now })).toThrow('Het pakket heeft geen services.csv: er is niets te importeren.');
    expect(() => importHsds({ format: 'csv', files: { 'locations.csv': 'id,name\n1,Buurthuis\n' } }, { now })).toThrow('Het pakket heeft geen services.csv: er is niets te importeren (wel: locations.csv).');
  });
});
