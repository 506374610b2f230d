import { describe, expect, it } from 'vitest';
import { CrosswalkSchema } from '#shared/kaart/hsds/crosswalk.ts';
import { importHsds } from '#shared/kaart/hsds/import.ts';
import { crosswalkForm, crosswalkFromForm, missingCounts } from '../../web/src/pages/beheerder/crosswalk-model.ts';
import { COMMUNITY_COUNSELLING, EXAMPLES_CROSSWALK, readExample } from '../support/hsds.ts';
import { readFile } from 'node:fs/promises';

// The crosswalk as the beheerder builds it in the import page: from what a check found in the
// source, to the crosswalk JSON the import reads, and back.

const now = new Date('2026-11-20T10:00:00Z');

describe('building a crosswalk in the import page', () => {
  it('turns a check without crosswalk into a crosswalk that imports the service, from the source\'s own term and area', async () => {
    const document = await readExample('service_full');
    const check = importHsds({ format: 'json', document }, { regionId: 'regio-voorbeeld', now });
    expect(check.entries).toEqual([]);
    expect(missingCounts(check.skipped)).toEqual([
      { field: 'area', count: 1 },
      { field: 'domains', count: 1 },
      { field: 'category', count: 1 },
      { field: 'functies', count: 1 },
      { field: 'cost', count: 1 },
      { field: 'funding', count: 1 },
      { field: 'referralNeeded', count: 1 },
      { field: 'waitingWeeks', count: 1 },
    ]);
    const { vocabulary } = check;
    expect(vocabulary.terms.map((term) => term.id)).toEqual(['3f7b145d-84af-42d7-8fae-eaca714b02b2']);
    expect(vocabulary.areas.map((area) => area.id)).toEqual(['381c64f1-a724-4884-9c21-ac96c21cca3e']);

    // What the beheerder chooses in the page.
    const form = crosswalkForm(undefined, vocabulary);
    form.description = 'MyCity, voorbeeld';
    form.terms['3f7b145d-84af-42d7-8fae-eaca714b02b2'] = { domain: 'mental-health', category: 'basic-ggz', functie: '5' };
    form.areas['381c64f1-a724-4884-9c21-ac96c21cca3e'] = ['Rivierstad'];
    Object.assign(form.defaults, { cost: 'own-contribution', funding: ['gemeente'], referralNeeded: 'yes', waitingWeeks: '2' });
    const built = crosswalkFromForm(form);
    if ('errors' in built) throw new Error(JSON.stringify(built.errors));
    const crosswalk = CrosswalkSchema.parse({ ...built.crosswalk, regionId: 'regio-voorbeeld' });
    const result = importHsds({ format: 'json', document }, { crosswalk, now });
    expect(result.skipped.filter((record) => record.record === 'service')).toEqual([]);
    expect(result.entries[0]).toMatchObject({ ...COMMUNITY_COUNSELLING, lastVerified: '2026-11-20' });
    expect(result.provenance[COMMUNITY_COUNSELLING.serviceId]).toMatchObject({ domains: 'rule', area: 'rule', cost: 'default', waitingWeeks: 'default' });
  });

  it('loads a saved crosswalk into the page and gives it back as it was, keeping what the page does not show', async () => {
    const saved = JSON.parse(await readFile(EXAMPLES_CROSSWALK, 'utf8'));
    const { vocabulary } = importHsds({ format: 'json', document: await readExample('service_full') }, { crosswalk: CrosswalkSchema.parse(saved), now });
    const form = crosswalkForm(saved, vocabulary, 'mycity');
    // The term rule is the page's; the program rule is not, and stays as it was.
    expect(form.terms).toEqual({ '3f7b145d-84af-42d7-8fae-eaca714b02b2': { domain: '', category: '', functie: '1' } });
    expect(form.areas).toEqual({ '381c64f1-a724-4884-9c21-ac96c21cca3e': ['Rivierstad'] });
    expect(form.rest.rules).toEqual([saved.rules[0]]);
    const back = crosswalkFromForm(form, { forSaving: true });
    if ('errors' in back) throw new Error(JSON.stringify(back.errors));
    const { note: _note, ...termRule } = saved.rules[1];
    expect(back.crosswalk).toEqual({ ...saved, regionId: undefined, rules: [saved.rules[0], termRule], defaults: {} } as typeof saved & { regionId: undefined });
  });

  it('says in Dutch what is wrong with what was typed, per field', () => {
    const form = crosswalkForm(undefined, { terms: [], areas: [], units: [], organizations: [] });
    Object.assign(form.defaults, { languages: 'nl, Nederlands', waitingWeeks: 'twee', contactEmail: 'info at' });
    form.crosswalkId = 'Mijn Crosswalk';
    expect(crosswalkFromForm(form, { forSaving: true })).toEqual({
      errors: {
        crosswalkId: 'Geef een naam van kleine letters, cijfers en streepjes, zoals sk-voorbeeldstad.',
        description: 'Beschrijf waar deze crosswalk voor is, bijvoorbeeld de naam van de bron.',
        languages: 'Gebruik taalcodes van twee of drie letters, zoals nl, en, tr, ar.',
        waitingWeeks: 'Een aantal weken van 0 tot 104.',
        contactEmail: 'Een e-mailadres, zoals info@aanbieder.nl.',
      },
    });
  });
});
