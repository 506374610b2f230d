import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkRegionFile, RegionFileRefused, type ResolvedRegionFile } from '#shared/regions/region-file.ts';
import { regionById } from '#shared/regions/index.ts';

// A region file is checked whole before anything is written (docs/regions.md): these are the
// refusals `npm run region -- init` gives, each naming what is wrong and where.

const json = (path: string) => JSON.parse(readFileSync(new URL(`../../shared/regions/regio-zuidermeer/${path}`, import.meta.url), 'utf8'));
const zuidermeer = (): ResolvedRegionFile & { region: any; triageRules: any; contactPersons: any[] } => ({
  region: json('region.json'),
  triageRules: json('triage-rules.json'),
  contactPersons: json('clientondersteuners.json').contactPersons,
});
const voorbeeld = [regionById('regio-voorbeeld')];

function refusal(file: ResolvedRegionFile, others = voorbeeld): string[] {
  try {
    checkRegionFile(file, others);
  } catch (error) {
    if (error instanceof RegionFileRefused) return error.problems;
    throw error;
  }
  throw new Error('The region file was not refused');
}

describe('a region file', () => {
  it('of the second demo region holds beside Regio Voorbeeld', () => {
    const checked = checkRegionFile(zuidermeer(), voorbeeld);
    expect(checked.config.region.regionId).toBe('regio-zuidermeer');
    expect(checked.config.triageRules.examples.length).toBeGreaterThan(3);
    expect(checked.contactPersons.map((person) => person.contactPersonId)).toContain('cp-zm-iris-kok');
  });

  it('is refused when a gemeente belongs to another region already, naming it and that region', () => {
    const file = zuidermeer();
    file.region.gemeenten.push({ name: ' polderdam ', postcodes: ['9971'] });
    expect(refusal(file)).toEqual([expect.stringMatching(/Polderdam belongs to region regio-voorbeeld .*one region only/)]);
  });

  it('is refused when a PC4 lies in another region, or in two of its own gemeenten', () => {
    const file = zuidermeer();
    file.region.gemeenten[0].postcodes.push('9901');
    file.region.gemeenten[1].postcodes.push('9951');
    const problems = refusal(file);
    expect(problems).toContainEqual(expect.stringMatching(/PC4 9901 .* Rivierstad of region regio-voorbeeld/));
    expect(problems).toContainEqual(expect.stringMatching(/PC4 9951 is in both Meerstad and Dijkhoven/));
  });

  it('may name its own gemeenten again: a new version of a region is no conflict with itself', () => {
    const file = zuidermeer();
    const first = checkRegionFile(file, voorbeeld);
    expect(() => checkRegionFile(file, [...voorbeeld, first.config])).not.toThrow();
  });

  it('is refused when its rule set breaks one of its own example cases, as parseRuleSet refuses it', () => {
    const file = zuidermeer();
    file.triageRules.urgencyRules.find((rule: any) => rule.id === 'beyond-treeknorm').when.waitingWeeksAtLeast = 14;
    expect(refusal(file)).toEqual([expect.stringMatching(/^triageRules: example waiting-twelve-weeks: /)]);
  });

  it('is refused when its rule set has no catch-all, or belongs to another region', () => {
    const file = zuidermeer();
    file.triageRules.routeRules.pop();
    file.triageRules.regionId = 'regio-voorbeeld';
    const problems = refusal(file);
    expect(problems).toContainEqual('triageRules: the last route rule must always hold');
    expect(problems).toContainEqual("triageRules.regionId: 'regio-voorbeeld', but the region is 'regio-zuidermeer'");
  });

  // The schema's error is the zod of the schema (zod/mini's, not the full API's): still a refusal, not a crash.
  it('is refused when its rule set breaks the rule-set schema, naming the fields', () => {
    const file = zuidermeer();
    file.triageRules.matching.optionsPerNeed = 0;
    delete file.triageRules.bridging;
    const problems = refusal(file);
    expect(problems).toContainEqual(expect.stringMatching(/^triageRules\.matching\.optionsPerNeed: /));
    expect(problems).toContainEqual(expect.stringMatching(/^triageRules\.bridging: /));
  });

  it('is refused with a contact person outside its gemeenten, twice listed, or without an e-mail address', () => {
    const file = zuidermeer();
    file.contactPersons[0].gemeenten = ['Rivierstad'];
    file.contactPersons.push({ ...file.contactPersons[1] });
    file.contactPersons.push({ ...file.contactPersons[2], contactPersonId: 'cp-zm-nieuw', email: 'geen adres' });
    const problems = refusal(file);
    expect(problems).toContainEqual('contactPersons.0.gemeenten: Rivierstad is not a gemeente of regio-zuidermeer');
    expect(problems).toContainEqual('contactPersons.3.contactPersonId: cp-zm-youssef-haddou is listed twice');
    expect(problems).toContainEqual(expect.stringMatching(/^contactPersons\.4\.email: /));
  });

  it('is refused with a case-number prefix of another region, and a region that breaks its schema', () => {
    const file = zuidermeer();
    file.region.caseNumberPrefix = 'RV';
    expect(refusal(file)).toContainEqual(expect.stringMatching(/caseNumberPrefix: RV is the prefix of region regio-voorbeeld/));
    const broken = zuidermeer();
    delete broken.region.crisisService;
    broken.region.gemeenten[0].postcodes = ['12345'];
    const problems = refusal(broken);
    expect(problems).toContainEqual(expect.stringMatching(/^region\.crisisService: /));
    expect(problems).toContainEqual(expect.stringMatching(/^region\.gemeenten\.0\.postcodes\.0: /));
  });

  it('is refused without any contact person', () => {
    expect(refusal({ ...zuidermeer(), contactPersons: [] })).toEqual(['contactPersons: a region needs at least one cliëntondersteuner to assign clients to']);
  });
});
