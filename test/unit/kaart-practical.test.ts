import { readdir, readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { demoServices } from '#local/seed.ts';
import { CrosswalkSchema } from '#shared/kaart/hsds/crosswalk.ts';
import { importHsds } from '#shared/kaart/hsds/import.ts';
import { describeSchedule, practicalInfo, sourceTermNames } from '#shared/domain/kaart-practical.ts';
import { OLD_VERSION_FIXTURES, readExample, readExamplesCrosswalk } from '../support/hsds.ts';

// What people need to go to or call an offer, from what its source's HSDS said: the entry page
// and every match show it.

const now = new Date('2026-11-20T10:00:00Z');

describe('the practical details of an entry', () => {
  it('gives the Open Referral example as address, opening hours in words, phone with extension, cost and how to apply', async () => {
    const [entry] = importHsds({ format: 'json', document: await readExample('service_full') }, { crosswalk: await readExamplesCrosswalk(), now }).entries;
    const info = practicalInfo(entry!);
    expect(info.places).toEqual([
      {
        name: 'MyCity Civic Center',
        address: '1-30 Main Street, MyVillage, ABC 1234 MyCity',
        accessibility: 'The building is equipped with induction loops for hearing aids. Wheelchair access is possible on all levels. Switch hearing aid to T-coil to access the induction loop facility.',
      },
    ]);
    expect(info.openingHours).toEqual([
      'do en vr 10:00–18:00, op 1-1-2005: The service is available from 10 am to 6pm weekdays. The service is not available on public holidays.',
    ]);
    expect(info.phones).toEqual([{ number: '+44 1234 234567', extension: '100', kind: 'telefoon', note: expect.stringMatching(/^Our main reception phone number/) }]);
    expect(info.cost).toBe(
      'Non-NHS patients are expected to pay for their counselling sessions. We charge a flat rate per hour of counselling. The current rate is £50 per hour. Please see our website for up to date prices. Under 18s and Over 60s: 35 GBP per 1 hour session',
    );
    expect(info.howToApply).toMatch(/^If you are an NHS patient please ask your GP for a referral letter/);
    expect(info).toMatchObject({ website: 'http://example.com/counselling', forWhom: expect.stringMatching(/^This service is intended for all people aged 12/), documents: [expect.stringMatching(/^Any official identification/)] });
    expect(sourceTermNames(entry!)).toEqual(['name (name)']);
  });

  it('reads opening hours of older versions and of every kind of rule', async () => {
    expect(describeSchedule({ freq: 'WEEKLY', byday: 'MO,TU,WE,TH,FR', opens_at: '09:00', closes_at: '12:00' })).toBe('ma t/m vr 09:00–12:00');
    expect(describeSchedule({ freq: 'WEEKLY', byday: 'WE,MO', opens_at: '13:00:00' })).toBe('ma en wo vanaf 13:00');
    expect(describeSchedule({ freq: 'MONTHLY', byday: '1MO,-1FR', opens_at: '19:00', closes_at: '21:00' })).toBe('1e ma van de maand en laatste vr van de maand 19:00–21:00');
    expect(describeSchedule({ valid_from: '2026-12-25', valid_to: '2026-12-26', description: 'Gesloten' })).toBe('van 25-12-2026 tot en met 26-12-2026: Gesloten');
    expect(describeSchedule({ id: 'x' })).toBeUndefined();

    const crosswalk = CrosswalkSchema.parse({ ...JSON.parse(await readFile(`${OLD_VERSION_FIXTURES}crosswalk.json`, 'utf8')), defaults: { languages: ['nl'] } });
    const files: Record<string, string> = {};
    for (const name of await readdir(`${OLD_VERSION_FIXTURES}1.1`)) files[name] = await readFile(`${OLD_VERSION_FIXTURES}1.1/${name}`, 'utf8');
    const [inloop] = importHsds({ format: 'csv', files }, { crosswalk, now }).entries;
    expect(practicalInfo(inloop!)).toMatchObject({
      places: [{ name: 'Buurthuis De Brug', address: 'Pleinstraat 1, 9901 AB Rivierstad', accessibility: 'wheelchair' }],
      openingHours: ['ma 09:00–12:00', 'wo 13:00–17:00', 'van 25-12-2026 tot en met 26-12-2026: Gesloten'],
      phones: [{ number: '0900-1234567' }],
      howToApply: 'Loop binnen.',
    });
  });

  it('gives an entry made here its phone, cost and whether a referral is needed, from our own fields', async () => {
    const services = await demoServices('regio-voorbeeld', now);
    // The demo kaart names no phone numbers; one with a phone:
    const withPhone = { ...services.find((candidate) => candidate.cost === 'free')!, contact: { name: 'Receptie', email: 'info@voorbeeld.example', phone: '0900-1234567' } };
    expect(practicalInfo(withPhone)).toEqual({
      places: [],
      openingHours: [],
      phones: [{ number: withPhone.contact.phone }],
      cost: 'Gratis.',
      howToApply: withPhone.referralNeeded ? 'Met een verwijzing van de huisarts, de POH-ggz of het wijkteam.' : 'Zonder verwijzing: de cliënt of een verwijzer neemt zelf contact op.',
      documents: [],
    });
    const referred = services.find((candidate) => candidate.referralNeeded)!;
    expect(practicalInfo(referred).howToApply).toBe('Met een verwijzing van de huisarts, de POH-ggz of het wijkteam.');
  });
});
