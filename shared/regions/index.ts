import { RegionSchema, type RegionConfig } from '../domain/region.ts';
import { parseRuleSet } from '../domain/rule-set.ts';
import { timeLimitsFor, type TimeLimitsConfig } from '../domain/time-limits.ts';
import voorbeeldRegion from './regio-voorbeeld/region.json' with { type: 'json' };
import voorbeeldRules from './regio-voorbeeld/triage-rules.json' with { type: 'json' };

// Regions this deployment serves. Each brings its gemeenten, crisis contacts and versioned triage rules.
const RAW_REGIONS = [{ region: voorbeeldRegion, triageRules: voorbeeldRules }];

function load(raw: (typeof RAW_REGIONS)[number]): RegionConfig {
  const region = RegionSchema.parse(raw.region);
  // Refused unless it ends with a catch-all and every example case of the region holds.
  const triageRules = parseRuleSet(raw.triageRules);
  if (triageRules.regionId !== region.regionId) {
    throw new Error(`Triage rules of ${triageRules.regionId} filed under region ${region.regionId}`);
  }
  return { region, triageRules };
}

export const REGIONS: readonly RegionConfig[] = RAW_REGIONS.map(load);

const normalise = (name: string) => name.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('nl');

const byGemeente = new Map<string, { config: RegionConfig; gemeente: string }>();
for (const config of REGIONS) {
  for (const gemeente of config.region.gemeenten) {
    const key = normalise(gemeente.name);
    if (byGemeente.has(key)) throw new Error(`Gemeente ${gemeente.name} belongs to two regions`);
    byGemeente.set(key, { config, gemeente: gemeente.name });
  }
}

/** The region serving a gemeente, and the gemeente's name as the region spells it. */
export function regionForGemeente(name: string): { config: RegionConfig; gemeente: string } | undefined {
  return byGemeente.get(normalise(name));
}

export function regionById(regionId: string): RegionConfig {
  const config = REGIONS.find((candidate) => candidate.region.regionId === regionId);
  if (!config) throw new Error(`Unknown region ${regionId}`);
  return config;
}

export const SERVED_GEMEENTEN: readonly string[] = [...byGemeente.values()].map((entry) => entry.gemeente);

/** The region's time limits: its own where it set them, the treeknorm's otherwise. */
export function timeLimitsOf(regionId: string): TimeLimitsConfig {
  return timeLimitsFor(regionById(regionId).region);
}

/** Closed cases keep their client details this long (the re-entry year, and a margin)... */
export const DEFAULT_PSEUDONYMISE_AFTER_DAYS = 400;
/** ...and their counted facts, for the statistics, this long after. */
export const DEFAULT_DELETE_AFTER_DAYS = 5 * 365;

export function retentionOf(regionId: string): { pseudonymiseAfterDays: number; deleteAfterDays: number } {
  return { pseudonymiseAfterDays: DEFAULT_PSEUDONYMISE_AFTER_DAYS, deleteAfterDays: DEFAULT_DELETE_AFTER_DAYS, ...regionById(regionId).region.retention };
}
