import { describe, expect, it } from 'vitest';
import { MAX_IMPORT_BYTES } from '#shared/kaart/hsds/import-request.ts';
import { availabilityForm, availabilityUpdate, errorsOf } from '../../web/src/pages/beheerder/availability-form.ts';
import { describeImportError, formatOf, importRequest, resultCounts } from '../../web/src/pages/beheerder/import-model.ts';
import { filterQuery, filtersFrom, kaartPath, placesText, waitingText } from '../../web/src/pages/beheerder/kaart-model.ts';

// The sociale-kaart pages of the web app: the filters they keep in the address, what the
// availability form sends and says, and which request the import page builds from chosen files.

describe('the kaart page filters', () => {
  it('keep the search, freshness and gemeente in the address and send them as the API names them', () => {
    const filters = filtersFrom(new URLSearchParams('zoek=schuld hulp&actualiteit=ranked-down&gemeente=Polderdam'));
    expect(filters).toEqual({ search: 'schuld hulp', state: 'ranked-down', gemeente: 'Polderdam' });
    expect(filterQuery(filters)).toEqual({ zoek: 'schuld hulp', actualiteit: 'ranked-down', gemeente: 'Polderdam' });
    expect(kaartPath(filters)).toBe('/kaart?search=schuld+hulp&state=ranked-down&gemeente=Polderdam');
  });

  it('ignore an unknown freshness and leave out what is empty', () => {
    const filters = filtersFrom(new URLSearchParams('actualiteit=oud&zoek=%20%20'));
    expect(filters.state).toBe('');
    expect(filterQuery(filters)).toEqual({});
    expect(kaartPath(filters)).toBe('/kaart');
  });

  it('say places and waiting times in Dutch', () => {
    expect(placesText(12, 3)).toBe('3 van 12 bezet');
    expect(placesText(null, 0)).toBe('geen limiet');
    expect(placesText(null, 2)).toBe('geen limiet, 2 bezet');
    expect([0, 1, 2.5].map(waitingText)).toEqual(['geen wachttijd', '1 week', '2,5 weken']);
  });
});

describe('the availability form', () => {
  const entry = { capacity: 10, waitingWeeks: 3 };

  it('sends only what changed, a Dutch decimal comma read as a decimal', () => {
    expect(availabilityUpdate({ ...availabilityForm(entry), waitingWeeks: '2,5' }, entry)).toEqual({ update: { waitingWeeks: 2.5 } });
    expect(availabilityUpdate({ ...availabilityForm(entry), capacity: ' 12 ' }, entry)).toEqual({ update: { capacity: 12 } });
    expect(availabilityUpdate({ ...availabilityForm(entry), capacityKind: 'none' }, entry)).toEqual({ update: { capacity: null } });
    expect(availabilityUpdate(availabilityForm(entry), entry)).toEqual({ unchanged: true });
    expect(availabilityForm({ capacity: null, waitingWeeks: 1.5 })).toEqual({ capacityKind: 'none', capacity: '', waitingWeeks: '1,5' });
  });

  it('refuses what the API would refuse, in Dutch at each field', () => {
    const refused = availabilityUpdate({ capacityKind: 'number', capacity: '2.5', waitingWeeks: '105' }, entry);
    expect(refused).toEqual({
      errors: {
        capacity: 'Vul het aantal plaatsen in als heel getal van 0 tot 100.000, of kies ‘geen limiet’.',
        waitingWeeks: 'Vul de wachttijd in weken in: een getal van 0 tot 104, zoals 3 of 2,5.',
      },
    });
    expect(availabilityUpdate({ capacityKind: 'number', capacity: '', waitingWeeks: 'drie' }, entry)).toMatchObject({ errors: { capacity: expect.any(String), waitingWeeks: expect.any(String) } });
    expect(availabilityUpdate({ capacityKind: 'number', capacity: '-1', waitingWeeks: '3' }, entry)).toMatchObject({ errors: { capacity: expect.any(String) } });
  });

  it("places the API's 400 errors at their fields", () => {
    expect(errorsOf([{ path: 'waitingWeeks' }, { path: '' }])).toEqual({
      waitingWeeks: 'Vul de wachttijd in weken in: een getal van 0 tot 104, zoals 3 of 2,5.',
      form: 'Vul het aantal plaatsen of de wachttijd in.',
    });
  });
});

describe('the import page', () => {
  const crosswalk = { name: 'crosswalk.json', text: '{"regionId":"regio-voorbeeld"}' };

  it('tells one JSON file from the files of a CSV package', () => {
    expect(formatOf(['kaart.json'])).toEqual({ format: 'json' });
    expect(formatOf(['services.csv', 'organizations.csv', 'datapackage.json'])).toEqual({ format: 'csv' });
    expect(formatOf(['datapackage.json'])).toEqual({ format: 'csv' });
    expect(formatOf([])).toMatchObject({ error: expect.stringContaining('Kies het HSDS-bestand') });
    expect(formatOf(['a.json', 'b.json'])).toMatchObject({ error: expect.stringContaining('Kies één JSON-bestand') });
    expect(formatOf(['services.csv', 'mijn locaties.csv'])).toMatchObject({ error: expect.stringContaining('Niet te gebruiken: mijn locaties.csv.') });
  });

  it('builds the request POST /kaart/import expects, with the crosswalk and the dry run', () => {
    expect(importRequest([{ name: 'kaart.json', text: '[{"id":"x"}]' }], crosswalk, true)).toMatchObject({
      body: { format: 'json', document: [{ id: 'x' }], crosswalk: { regionId: 'regio-voorbeeld' }, dryRun: true },
    });
    const csv = importRequest([{ name: 'services.csv', text: 'id,name\n1,A\n' }], undefined, false);
    expect(csv).toMatchObject({ body: { format: 'csv', files: { 'services.csv': 'id,name\n1,A\n' } } });
    expect('body' in csv && 'dryRun' in csv.body).toBe(false);
  });

  it('refuses unreadable JSON and anything over the limit, before sending', () => {
    expect(importRequest([{ name: 'kaart.json', text: '{' }], { name: 'cw.json', text: 'nee' }, true)).toMatchObject({
      errors: { files: expect.stringMatching(/^kaart\.json is geen geldige JSON/), crosswalk: expect.stringMatching(/^cw\.json is geen geldige JSON/) },
    });
    const large = importRequest([{ name: 'services.csv', text: 'x'.repeat(MAX_IMPORT_BYTES) }], undefined, true);
    expect(large).toEqual({ errors: { files: expect.stringMatching(/^De import is 5,1 MB; Overbrug neemt hoogstens 5 MB tegelijk aan\./) } });
  });

  it("names the part of the import the API's errors are about, and counts the results", () => {
    expect(describeImportError({ path: 'crosswalk.rules.0.set.category', message: 'Invalid option' })).toBe('Crosswalk (rules.0.set.category): Invalid option');
    expect(describeImportError({ path: 'document', message: 'Geen HSDS-diensten gevonden in de invoer.' })).toBe('HSDS-bestand: Geen HSDS-diensten gevonden in de invoer.');
    const imported = [
      { serviceId: 'a', name: 'A', result: 'created' as const },
      { serviceId: 'b', name: 'B', result: 'unchanged' as const },
    ];
    expect(resultCounts({ dryRun: false, imported, skipped: [], notices: [] })).toEqual([
      { result: 'created', count: 1 },
      { result: 'updated', count: 0 },
      { result: 'unchanged', count: 1 },
      { result: 'other-region', count: 0 },
    ]);
    expect(resultCounts({ dryRun: true, imported: [{ serviceId: 'a', name: 'A', result: 'checked' }], skipped: [], notices: [] })).toEqual([{ result: 'checked', count: 1 }]);
  });
});
