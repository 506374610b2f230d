// A region file: everything a region brings when it starts on Overbrug (docs/regions.md), checked
// as a whole before anything is written. `npm run region -- init <file>` reads it (scripts/region.ts);
// `npm start` provisions the built-in Regio Voorbeeld through the same check.
import * as z from '../domain/zod.ts';
import { ContactPersonEntrySchema, type ContactPersonEntry } from '../domain/contact-person-entry.ts';
import { RegionSchema, type RegionConfig } from '../domain/region.ts';
import { parseRuleSet, RuleSetRefused } from '../domain/rule-set.ts';

/** A part of the file given in place, or as the path of a JSON file beside it. */
const inPlaceOrPath = <T extends z.ZodMiniType>(schema: T) => z.union([z.string().check(z.minLength(1)), schema]);

export const RegionFileSchema = z.strictObject({
  /** What the reader should know, e.g. that the region is fictional. */
  notice: z.optional(z.string()),
  /** The region: its gemeenten with their PC4s, crisis numbers, time limits (shared/domain/region.ts). */
  region: inPlaceOrPath(z.record(z.string(), z.unknown())),
  /** Its triage rule set, with the example cases it must pass. */
  triageRules: inPlaceOrPath(z.record(z.string(), z.unknown())),
  /** Its cliëntondersteuners: a list, or a file `{ notice, regionId, contactPersons }`. */
  contactPersons: inPlaceOrPath(z.array(z.unknown())),
  /**
   * Its sociale kaart: an Open Referral HSDS file (JSON) or data package (a directory of CSV files),
   * read by the same import as `npm run kaart -- import`; or (the built-in demo region only) the
   * demo format of shared/regions/<id>/sociale-kaart.json.
   */
  kaart: z.optional(z.union([z.strictObject({ hsds: z.string().check(z.minLength(1)) }), z.strictObject({ demo: z.string().check(z.minLength(1)) })])),
});
export type RegionFile = z.infer<typeof RegionFileSchema>;

/** The file with its parts read: what the check below takes. */
export interface ResolvedRegionFile {
  region: unknown;
  triageRules: unknown;
  contactPersons: unknown[];
}

export interface CheckedRegion {
  config: RegionConfig;
  contactPersons: ContactPersonEntry[];
}

/** Why a region file was refused: every problem found, each with where it is. */
export class RegionFileRefused extends Error {
  readonly problems: string[];

  constructor(problems: string[]) {
    super(`Region file refused:\n- ${problems.join('\n- ')}`);
    this.name = 'RegionFileRefused';
    this.problems = problems;
  }
}

const issues = (where: string, error: z.core.$ZodError) => error.issues.map((issue) => `${[where, ...issue.path].join('.')}: ${issue.message}`);
const normalise = (name: string) => name.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('nl');

/**
 * Checks a region file against itself and against the regions already served (`others`; the
 * region's own earlier version is left out of them): the region, its rule set (refused unless its
 * example cases hold), every gemeente and PC4 in one region only, and contact persons who work in
 * the region's gemeenten. Throws RegionFileRefused with every problem, or gives the checked region.
 */
export function checkRegionFile(file: ResolvedRegionFile, others: readonly RegionConfig[]): CheckedRegion {
  const problems: string[] = [];

  const region = RegionSchema.safeParse(file.region);
  if (!region.success) problems.push(...issues('region', region.error));

  let triageRules: RegionConfig['triageRules'] | undefined;
  try {
    triageRules = parseRuleSet(file.triageRules);
  } catch (error) {
    if (error instanceof RuleSetRefused) problems.push(...error.problems.map((problem) => `triageRules: ${problem}`));
    else if (error instanceof z.core.$ZodError) problems.push(...issues('triageRules', error));
    else throw error;
  }

  const contactPersons: ContactPersonEntry[] = [];
  file.contactPersons.forEach((raw, index) => {
    const parsed = ContactPersonEntrySchema.safeParse(raw);
    if (parsed.success) contactPersons.push(parsed.data);
    else problems.push(...issues(`contactPersons.${index}`, parsed.error));
  });

  if (region.success) {
    const { regionId, gemeenten } = region.data;
    const rulesRegion = (file.triageRules as { regionId?: unknown } | null)?.regionId;
    if (rulesRegion !== regionId) problems.push(`triageRules.regionId: '${String(rulesRegion)}', but the region is '${regionId}'`);
    if (!gemeenten.every((gemeente) => gemeente.postcodes.length)) {
      problems.push(`region.gemeenten: ${gemeenten.filter((gemeente) => !gemeente.postcodes.length).map((gemeente) => gemeente.name).join(', ')} without PC4s: a client's postcode must lead to their gemeente`);
    }
    // Within the region: each gemeente once, each PC4 in one gemeente.
    const seen = new Map<string, string>();
    const postcodeOf = new Map<string, string>();
    for (const gemeente of gemeenten) {
      if (seen.has(normalise(gemeente.name))) problems.push(`region.gemeenten: ${gemeente.name} is listed twice`);
      seen.set(normalise(gemeente.name), gemeente.name);
      for (const postcode of gemeente.postcodes) {
        const owner = postcodeOf.get(postcode);
        if (owner !== undefined) problems.push(`region.gemeenten: PC4 ${postcode} is in both ${owner} and ${gemeente.name}`);
        postcodeOf.set(postcode, gemeente.name);
      }
    }
    // Against the regions already served: a gemeente or PC4 belongs to one region only.
    for (const other of others) {
      if (other.region.regionId === regionId) continue;
      for (const gemeente of other.region.gemeenten) {
        if (seen.has(normalise(gemeente.name))) {
          problems.push(`region.gemeenten: ${gemeente.name} belongs to region ${other.region.regionId} (${other.region.name}) already; a gemeente may belong to one region only`);
        }
        for (const postcode of gemeente.postcodes) {
          if (postcodeOf.has(postcode)) problems.push(`region.gemeenten: PC4 ${postcode} (${postcodeOf.get(postcode)}) is in ${gemeente.name} of region ${other.region.regionId} already`);
        }
      }
      if (other.region.caseNumberPrefix === region.data.caseNumberPrefix) {
        problems.push(`region.caseNumberPrefix: ${region.data.caseNumberPrefix} is the prefix of region ${other.region.regionId} already; case numbers must tell the regions apart`);
      }
    }
    // Contact persons work in the region's own gemeenten, each id once.
    const ids = new Set<string>();
    contactPersons.forEach((person, index) => {
      if (ids.has(person.contactPersonId)) problems.push(`contactPersons.${index}.contactPersonId: ${person.contactPersonId} is listed twice`);
      ids.add(person.contactPersonId);
      const outside = person.gemeenten.filter((name) => !seen.has(normalise(name)));
      if (outside.length) problems.push(`contactPersons.${index}.gemeenten: ${outside.join(', ')} is not a gemeente of ${regionId}`);
    });
    if (!contactPersons.length) problems.push('contactPersons: a region needs at least one cliëntondersteuner to assign clients to');
  }

  if (problems.length || !region.success || !triageRules) throw new RegionFileRefused(problems);
  return { config: { region: region.data, triageRules }, contactPersons };
}
