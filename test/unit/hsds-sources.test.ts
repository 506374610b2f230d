import { readdir, readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { CrosswalkSchema, type CrosswalkInput } from '#shared/kaart/hsds/crosswalk.ts';
import { decodeText } from '#shared/kaart/hsds/decode.ts';
import { exportHsdsCsv, exportHsdsJson } from '#shared/kaart/hsds/export.ts';
import { HsdsInputError, importHsds } from '#shared/kaart/hsds/import.ts';
import { canonicalLanguage } from '#shared/kaart/hsds/languages.ts';
import { HSDS_TYPES } from '#shared/kaart/hsds/objects.ts';
import { sourceUuid } from '#shared/kaart/hsds/source.ts';
import { parseCsv } from '#shared/kaart/hsds/tabular.ts';
import { COMMUNITY_COUNSELLING, csvRows, hsdsValidators, OLD_VERSION_FIXTURES, readCsvExample, readExample, readExamplesCrosswalk } from '../support/hsds.ts';

// HSDS as real directories publish it: valid but sparse 3.x, CSV as spreadsheet programs write it,
// older versions of the specification, and files that hold no services.

const now = new Date('2026-11-20T10:00:00Z');
const crosswalk = (input: Partial<CrosswalkInput> = {}) => CrosswalkSchema.parse({ description: 'test', regionId: 'regio-voorbeeld', ...input });

/** A package directory's files by their path inside it, sub-folders included, as the CLI reads them. */
async function packageFiles(directory: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (const entry of await readdir(directory, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = `${entry.parentPath}/${entry.name}`;
    files[path.slice(directory.length + 1)] = await readFile(path, 'utf8');
  }
  return files;
}

const everyDefault: CrosswalkInput['defaults'] = {
  area: { gemeenten: ['Rivierstad'], postcodes: [] },
  domains: ['social-contacts'],
  category: 'walk-in',
  functies: [2],
  channels: ['in-person'],
  languages: ['nl'],
  referralNeeded: false,
  cost: 'free',
  funding: ['gemeente'],
  waitingWeeks: 0,
  organization: { id: 'sk-onbekend', name: 'Onbekende aanbieder' },
  contact: { name: 'Beheer sociale kaart', email: 'kaart@regio-voorbeeld.example' },
};

describe('valid but sparse HSDS 3.x', () => {
  it('imports a service with only what HSDS requires, filling the rest from the crosswalk and saying which', () => {
    // HSDS requires of a service its id, name and status; of a language only its id.
    const sparse = { id: 'f2d1c3a4-0000-4000-8000-000000000001', name: 'Buurtkamer', status: 'active', languages: [{ id: 'f2d1c3a4-0000-4000-8000-00000000000a' }] };
    const result = importHsds({ format: 'json', document: sparse }, { now, crosswalk: crosswalk({ lastVerified: 'import', defaults: everyDefault }) });
    expect(result.skipped).toEqual([]);
    expect(result.entries).toEqual([
      expect.objectContaining({ serviceId: sparse.id, name: 'Buurtkamer', organisation: 'Onbekende aanbieder', organisationId: 'sk-onbekend', languages: ['nl'], contact: everyDefault.contact }),
    ]);
    expect(result.provenance[sparse.id]).toMatchObject({ languages: 'default', organisationId: 'default', contact: 'default', area: 'default', domains: 'default', ageRange: 'assumed', bridging: 'assumed' });
    expect(result.notices).toEqual([
      'Uit de standaardwaarden van de crosswalk, omdat de bron er niets over zegt: organisatie bij 1 dienst, werkgebied bij 1 dienst, levensdomeinen bij 1 dienst, soort aanbod bij 1 dienst, functies bij 1 dienst, kanalen bij 1 dienst, kosten bij 1 dienst, financiering bij 1 dienst, verwijzing nodig bij 1 dienst, wachttijd bij 1 dienst, talen bij 1 dienst, contact bij 1 dienst.',
      "Geen van de talen van 'Buurtkamer' is als taal te herkennen (f2d1c3a4-0000-4000-8000-00000000000a): de standaard van de crosswalk is genomen.",
    ]);
    // What the source had is kept, and published again: the language with only an id.
    expect(exportHsdsJson(result.entries, now)[0]!.languages).toEqual(
      expect.arrayContaining([{ id: 'f2d1c3a4-0000-4000-8000-00000000000a' }, expect.objectContaining({ code: 'nl', name: 'Nederlands' })]),
    );
  });

  it('reads a language by its name when it has no code, and keeps one it cannot read without refusing the service', async () => {
    expect([canonicalLanguage('nld'), canonicalLanguage('Nederlands'), canonicalLanguage('Spanish'), canonicalLanguage('Polski'), canonicalLanguage('Tigrinya'), canonicalLanguage('Klingon')]).toEqual([
      'nl',
      'nl',
      'es',
      'pl',
      'ti',
      undefined,
    ]);
    const service = structuredClone((await readExample('service_full')) as Record<string, any>);
    service.languages = [{ id: 'a1', name: 'Arabisch' }, { id: 'a2', name: 'Gebarentaal van de buurt' }];
    const result = importHsds({ format: 'json', document: service }, { now, crosswalk: await readExamplesCrosswalk() });
    expect(result.entries[0]!.languages).toEqual(['ar']);
    expect(result.notices).toContain("Niet alle talen van 'Community Counselling' zijn als taal te herkennen (Gebarentaal van de buurt): die zijn bewaard, niet gebruikt voor de matching.");
  });

  it('still refuses, with the reason, what neither the data nor the crosswalk gives', () => {
    const result = importHsds({ format: 'json', document: { id: 'b1', name: 'Kaal', status: 'active', languages: [{ id: 'l1' }] } }, { now, crosswalk: crosswalk() });
    expect(result.entries).toEqual([]);
    expect(result.skipped[0]).toMatchObject({ record: 'service', id: 'b1', missing: expect.arrayContaining(['organisationId', 'languages', 'contact', 'area', 'domains']) });
    expect(result.skipped[0]!.details).toContain('geen herkenbare ISO 639-taalcode of taalnaam in languages en geen standaard in de crosswalk (defaults.languages)');
  });

  it('turns ids that are no UUIDs into stable UUIDs, and repairs or leaves out values that break their format', () => {
    const service = {
      id: 'dienst-7',
      name: 'Taalcafé',
      status: 'active',
      url: 'www.taalcafe.example',
      email: 'niet-een-adres',
      phones: [{ id: '7', number: '0900-1111111', extension: 'toestel 3' }],
      service_at_locations: [{ id: '1', location: { id: 'loc 1', location_type: 'physical', name: 'Bibliotheek' } }],
    };
    const options = { now, crosswalk: crosswalk({ lastVerified: 'import', idPrefix: 'sk-', defaults: everyDefault }) };
    const [first] = importHsds({ format: 'json', document: service }, options).entries;
    const [again] = importHsds({ format: 'json', document: service }, options).entries;
    expect(first!.serviceId).toBe('sk-dienst-7');
    expect(first!.hsds).toEqual(again!.hsds);
    const kept = first!.hsds!.service as Record<string, any>;
    expect(kept.url).toBe('https://www.taalcafe.example');
    expect(kept.email).toBeUndefined();
    expect(kept.phones[0]).toEqual({ id: expect.stringMatching(/^[0-9a-f-]{36}$/), number: '0900-1111111' });
    expect(kept.service_at_locations[0].location.id).toBe(sourceUuid('sk-', 'location', 'loc 1'));
    // The invalid service e-mail is not the contact's either: the crosswalk's default is.
    expect(first!.contact.email).toBe('kaart@regio-voorbeeld.example');
    const result = importHsds({ format: 'json', document: service }, options);
    expect(result.notices).toContain(
      'Waarden die niet in hun HSDS-formaat staan (een url zonder http, een ongeldig e-mailadres, tekst waar een getal hoort) zijn niet overgenomen: service.email (1×), phone.extension (1×).',
    );
  });
});

describe('CSV as it comes', () => {
  const asExported = (files: Record<string, string>, change: (text: string) => string) => Object.fromEntries(Object.entries(files).map(([name, text]) => [name, name.endsWith('.csv') ? change(text) : text]));

  it('reads the example package with CR CR LF line endings, a byte-order mark, semicolons and capitals in the header', async () => {
    const files = await readCsvExample();
    const expected = importHsds({ format: 'csv', files }, { crosswalk: await readExamplesCrosswalk(), now });
    expect(expected.entries.map((entry) => entry.serviceId)).toEqual([COMMUNITY_COUNSELLING.serviceId]);
    const crcrlf = asExported(files, (text) => `\uFEFF${text.replace(/\r?\n/g, '\r\r\n')}`);
    const result = importHsds({ format: 'csv', files: crcrlf }, { crosswalk: await readExamplesCrosswalk(), now });
    expect(result.entries).toEqual(expected.entries);
    expect(result.skipped).toEqual(expected.skipped);

    const semicolons = parseCsv('services.csv', '\uFEFFID;Name;Status\r\n"1";"Koffie; thee";active\r\n2;Leesclub');
    expect(semicolons).toEqual({
      rows: [
        { id: '1', name: 'Koffie; thee', status: 'active' },
        { id: '2', name: 'Leesclub' },
      ],
      notes: ["services.csv is gescheiden door puntkommas in plaats van komma's; zo gelezen."],
    });
  });

  it('reads UTF-16 and Windows-1252 files as spreadsheet programs save them', () => {
    const text = 'id,name\n1,Café Ontmoeting\n';
    const utf16 = new Uint8Array([0xff, 0xfe, ...new Uint8Array(new Uint16Array([...text].map((char) => char.charCodeAt(0))).buffer)]);
    expect(decodeText(utf16)).toEqual({ text, encoding: 'utf-16le' });
    const latin = new Uint8Array([...'id,name\n1,Caf'].map((char) => char.charCodeAt(0)).concat([0xe9, 0x0a]));
    expect(decodeText(latin)).toEqual({ text: 'id,name\n1,Café\n', encoding: 'windows-1252' });
    expect(decodeText(new TextEncoder().encode(`\uFEFF${text}`))).toEqual({ text });
  });

  it('names the line of a row that does not fit the header, instead of refusing the package blindly', () => {
    expect(() => parseCsv('services.csv', 'id,name,status\n1,a,active\n2,b,active,extra\n')).toThrow(new HsdsInputError('services.csv is geen leesbare CSV: regel 3 heeft 4 waarden, de kop 3 kolommen'));
  });
});

describe('older versions of HSDS', () => {
  const oldCrosswalk = async (extra: Partial<CrosswalkInput> = {}) =>
    CrosswalkSchema.parse({ ...JSON.parse(await readFile(`${OLD_VERSION_FIXTURES}crosswalk.json`, 'utf8')), ...extra });

  it('imports an HSDS 2.0 package (tables in data/, as published) through the mapping to 3.1, saying so in one line', async () => {
    const result = importHsds({ format: 'csv', files: await packageFiles(`${OLD_VERSION_FIXTURES}2.0`) }, { now, crosswalk: await oldCrosswalk() });
    expect(result.version).toBe('HSDS 2.0');
    expect(result.notices[0]).toBe(
      'HSDS 2.0 (herkend aan service_attributes.csv, other_attributes.csv, taxonomy_terms.csv en schedules.csv): omgezet naar HSDS 3.1 volgens de tabel in docs/sociale-kaart.md ("Older versions of HSDS").',
    );
    expect(result.entries.map(({ serviceId, name, domains, category, area, languages, channels, contact }) => ({ serviceId, name, domains, category, area, languages, channels, contact }))).toEqual([
      {
        serviceId: 'oudstad-1',
        name: 'Inloop De Brug',
        domains: ['social-contacts'],
        category: 'walk-in',
        area: { gemeenten: ['Rivierstad'] },
        languages: ['nl', 'tr'],
        channels: ['phone', 'in-person'],
        contact: { name: 'Fatima Yilmaz', email: 'fatima@welzijn-rivierstad.example', phone: '0900-1234567' },
      },
      {
        serviceId: 'oudstad-2',
        name: 'Schuldhulpmaatje',
        domains: ['finances'],
        category: 'debt-help',
        area: { gemeenten: ['Heuvelrand'] },
        languages: ['nl'],
        channels: ['phone'],
        contact: { name: '', email: 'contact@schuldhulp-heuvelrand.example', phone: '0900-7654321' },
      },
    ]);
    // The stopped project has no phone, place or language: the reason, not a guess.
    expect(result.skipped).toEqual([expect.objectContaining({ record: 'service', id: '3', name: 'Maatjesproject Oudstad', missing: ['channels', 'languages'] })]);
    // 2.0's tables in their 3.1 places: addresses, opening hours, a phone's department and language, payments, accessibility.
    const kept = result.entries[0]!.hsds!.service as Record<string, any>;
    expect(kept.service_at_locations[0].location).toMatchObject({
      name: 'Buurthuis De Brug',
      location_type: 'physical',
      addresses: [expect.objectContaining({ address_1: 'Pleinstraat 1', postal_code: '9901 AB', city: 'Rivierstad', address_type: 'physical' })],
      accessibility: [expect.objectContaining({ description: 'rolstoeltoegankelijk' })],
    });
    expect(kept.schedules).toEqual([expect.objectContaining({ freq: 'WEEKLY', byday: 'MO,TU,WE,TH,FR', opens_at: '09:00', closes_at: '12:00' })]);
    expect(kept.phones[0]).toMatchObject({ description: 'Inloop, tijdens de openingstijden; afdeling: Receptie', languages: [expect.objectContaining({ name: 'Dutch', code: 'nl' })] });
    expect(kept.fees_description).toBe('gratis. Betaalwijzen: contant.');
    expect((result.entries[1]!.hsds!.service as Record<string, any>).schedules).toEqual([expect.objectContaining({ freq: 'WEEKLY', byday: 'MO,TU,WE,TH,FR,SA,SU' })]);
    expect(result.entries[0]!.hsds!.organization).toMatchObject({ website: 'https://www.welzijn-rivierstad.example', programs: [expect.objectContaining({ name: 'Ontmoeting', description: 'Ontmoeting' })] });
  });

  it('imports an HSDS 1.1 package: taxonomy, regular and holiday opening hours, eligibility', async () => {
    const result = importHsds({ format: 'csv', files: await packageFiles(`${OLD_VERSION_FIXTURES}1.1`) }, { now, crosswalk: await oldCrosswalk({ defaults: { languages: ['nl'] } }) });
    expect(result.version).toBe('HSDS 1.1');
    expect(result.skipped).toEqual([]);
    expect(result.entries.map(({ serviceId, category, active, languages }) => ({ serviceId, category, active, languages }))).toEqual([
      { serviceId: 'oudstad-10', category: 'walk-in', active: true, languages: ['nl'] },
      // "temporarily closed": on the kaart, not offered.
      { serviceId: 'oudstad-11', category: 'debt-help', active: false, languages: ['nl'] },
    ]);
    const [inloop, cursus] = result.entries.map((entry) => entry.hsds!.service as Record<string, any>);
    expect(inloop!.schedules).toEqual([
      expect.objectContaining({ freq: 'WEEKLY', byday: 'MO', opens_at: '09:00', closes_at: '12:00' }),
      expect.objectContaining({ freq: 'WEEKLY', byday: 'WE', opens_at: '13:00', closes_at: '17:00' }),
      expect.objectContaining({ valid_from: '2026-12-25', valid_to: '2026-12-26', description: 'Gesloten' }),
    ]);
    expect(cursus).toMatchObject({ eligibility_description: 'adult', fees_description: '€ 10 voor het cursusmateriaal. Betaalwijzen: cash.' });
    expect(result.provenance['oudstad-11']).toMatchObject({ languages: 'default' });
  });

  it('exports what it imported from the older versions as valid HSDS 3.1, JSON and CSV', async () => {
    const validate = await hsdsValidators();
    for (const version of ['2.0', '1.1']) {
      const { entries } = importHsds({ format: 'csv', files: await packageFiles(`${OLD_VERSION_FIXTURES}${version}`) }, { now, crosswalk: await oldCrosswalk({ defaults: { languages: ['nl'], channels: ['post'] } }) });
      expect(entries.length, version).toBeGreaterThan(1);
      for (const service of exportHsdsJson(entries, now)) expect(validate.service(service), `${version}: ${JSON.stringify(validate.service.errors)}`).toBe(true);
      const tables = csvRows(exportHsdsCsv(entries, now));
      for (const type of HSDS_TYPES) for (const row of tables[type] ?? []) expect(validate.row(type)(row), `${version} ${type}: ${JSON.stringify(validate.row(type).errors)}`).toBe(true);
    }
  });
});

describe('files that hold no services', () => {
  it('says what each is instead of "status ontbreekt", and uses a taxonomy term or location it gets beside the services', async () => {
    const examples = Object.fromEntries(await Promise.all(['base', 'taxonomy', 'taxonomy_term', 'location', 'organization_list'].map(async (name) => [name, await readExample(name)] as const)));
    const lone = (name: string) => importHsds({ format: 'json', document: examples[name] }, { now, crosswalk: crosswalk() });
    expect(lone('base')).toMatchObject({ entries: [], skipped: [], version: 'HSDS 3.0', notices: [expect.stringMatching(/^Dit is de beschrijving van een HSDS-API \(versie 3\.0, profiel https:\/\/path\/to\/profile\), geen dienst\./)] });
    expect(lone('taxonomy').skipped).toEqual([expect.objectContaining({ record: 'taxonomy', reason: expect.stringMatching(/^een taxonomie: geen dienst/) })]);
    expect(lone('taxonomy_term')).toMatchObject({ skipped: [], notices: [expect.stringMatching(/^1 taxonomieterm gelezen, geen diensten/)], vocabulary: { terms: [expect.objectContaining({ id: '3f7b145d-84af-42d7-8fae-eaca714b02b2', code: 'code' })] } });
    expect(lone('location').skipped).toEqual([expect.objectContaining({ record: 'location', name: 'MyCity Civic Center', reason: expect.stringMatching(/^een locatie zonder dienst/) })]);
    for (const name of Object.keys(examples)) expect(JSON.stringify(lone(name).skipped), name).not.toMatch(/status ontbreekt/);

    // A service whose attribute and place name a term and a location by id only, with both beside it.
    const service = structuredClone((await readExample('service_full')) as Record<string, any>);
    const term = service.attributes[0].taxonomy_term;
    service.attributes = [{ id: 'b6f4c0de-0000-4000-8000-000000000001', taxonomy_term_id: term.id }];
    service.service_at_locations = [{ id: 'b6f4c0de-0000-4000-8000-000000000002', location_id: (examples.location as { id: string }).id }];
    const result = importHsds({ format: 'json', document: [examples.taxonomy_term, examples.location, service] }, { now, crosswalk: await readExamplesCrosswalk() });
    // The term adds functie 1 through the crosswalk; the location is the service's place.
    expect(result.entries[0]!.functies).toEqual([5, 1]);
    expect((result.entries[0]!.hsds!.service as Record<string, any>).service_at_locations[0].location).toMatchObject({ name: 'MyCity Civic Center' });
    expect(result.skipped.filter((record) => record.record === 'location')).toEqual([]);
  });
});
