import { RegionSchema, type RegionConfig } from '../domain/region.ts';
import { parseRuleSet } from '../domain/rule-set.ts';
import { timeLimitsFor, type TimeLimitsConfig } from '../domain/time-limits.ts';
import { documentClient } from '../adapters/aws-clients.ts';
import { RegionStore } from '../adapters/region-store.ts';
import { logger } from '../powertools.ts';
import { REGIONS_CACHE_SECONDS, tableEnvVar } from '../topology.ts';

// The regions this deployment serves are data: one item per region in the regions table, written by
// `npm run region -- init <file>` (docs/regions.md). A function loads them into memory before it
// handles an event (`await regions.ready()`, in the shared handler wrappers), so the lookups below
// stay synchronous; after REGIONS_CACHE_SECONDS it reads them again, so a region added while a
// function is warm reaches it. Where no regions table is configured (unit tests, the web build, CDK
// synthesis, scripts) the built-in demo region (regio-voorbeeld/) serves, as it did before.

/** Checks a region and its rule set: refused unless the rule set ends with a catch-all and every example case holds. */
export function regionConfigOf(raw: { region: unknown; triageRules: unknown }): RegionConfig {
  const region = RegionSchema.parse(raw.region);
  const triageRules = parseRuleSet(raw.triageRules);
  if (triageRules.regionId !== region.regionId) {
    throw new Error(`Triage rules of ${triageRules.regionId} filed under region ${region.regionId}`);
  }
  return { region, triageRules };
}

/**
 * The region files that come with the code: what serves where there is no regions table, and what
 * `npm start` provisions. Imported when asked for, so a deployed function (it has a regions table)
 * never reads them; in a Lambda bundle they are JSON files beside it, not code in it (infra/bundling.ts).
 */
export async function builtInRegions() {
  const [region, triageRules] = await Promise.all([
    import('./regio-voorbeeld/region.json', { with: { type: 'json' } }),
    import('./regio-voorbeeld/triage-rules.json', { with: { type: 'json' } }),
  ]);
  return [{ region: region.default, triageRules: triageRules.default }];
}

const normalise = (name: string) => name.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('nl');

/** Gemeenten that two regions both claim, as "<gemeente> (<region>, <region>)": none may. */
export function gemeenteConflicts(configs: readonly { region: { regionId: string; gemeenten: readonly { name: string }[] } }[]): string[] {
  const owners = new Map<string, { name: string; regions: string[] }>();
  for (const { region } of configs) {
    for (const gemeente of region.gemeenten) {
      const entry = owners.get(normalise(gemeente.name)) ?? { name: gemeente.name, regions: [] };
      entry.regions.push(region.regionId);
      owners.set(normalise(gemeente.name), entry);
    }
  }
  return [...owners.values()].filter((entry) => entry.regions.length > 1).map((entry) => `${entry.name} (${entry.regions.join(', ')})`);
}

// Live arrays, replaced in place on every load, so what imported them sees the regions now served.
const served: RegionConfig[] = [];
const servedGemeenten: string[] = [];
let byGemeente = new Map<string, { config: RegionConfig; gemeente: string }>();

export const REGIONS: readonly RegionConfig[] = served;
export const SERVED_GEMEENTEN: readonly string[] = servedGemeenten;

/** Makes these the regions served (the CLI does so for a region it is about to write). */
export function useRegions(configs: readonly RegionConfig[]): void {
  const conflicts = gemeenteConflicts(configs);
  if (conflicts.length) throw new Error(`Gemeenten that belong to two regions: ${conflicts.join('; ')}`);
  const index = new Map<string, { config: RegionConfig; gemeente: string }>();
  for (const config of configs) for (const gemeente of config.region.gemeenten) index.set(normalise(gemeente.name), { config, gemeente: gemeente.name });
  served.splice(0, served.length, ...configs);
  servedGemeenten.splice(0, servedGemeenten.length, ...[...index.values()].map((entry) => entry.gemeente));
  byGemeente = index;
}

// Where a regions table is configured (every deployed function) ready() fills these before the first
// event, so the demo region is not checked there: its schema and rule-set examples cost the cold start.
if (!process.env[tableEnvVar('regions')]) useRegions((await builtInRegions()).map(regionConfigOf));

let loaded: { table: string; at: number } | undefined;
let loading: Promise<void> | undefined;

// Each revision is checked once (its example cases run then), not at every refresh.
const checkedRevisions = new Map<string, RegionConfig>();

async function load(table: string): Promise<void> {
  const items = await new RegionStore(documentClient(), table).list();
  useRegions(
    items.map((item) => {
      const key = `${table}/${item.regionId}@${item.revision}`;
      const config = checkedRevisions.get(key) ?? regionConfigOf(item);
      checkedRevisions.set(key, config);
      return config;
    }),
  );
  loaded = { table, at: Date.now() };
}

/**
 * Loads the regions table into memory when it is not loaded or older than REGIONS_CACHE_SECONDS.
 * A refresh that fails keeps the regions loaded before (and throws only when there are none yet).
 */
export async function ready(): Promise<void> {
  const table = process.env[tableEnvVar('regions')];
  if (!table) return;
  const maxAgeMs = Number(process.env.REGIONS_CACHE_SECONDS ?? REGIONS_CACHE_SECONDS) * 1000;
  if (loaded?.table === table && Date.now() - loaded.at < maxAgeMs) return;
  loading ??= load(table).finally(() => (loading = undefined));
  try {
    await loading;
  } catch (error) {
    if (loaded?.table !== table) throw error;
    // Served as before; the next event tries again.
    logger.warn('Regions not refreshed; serving those loaded before', { error: (error as Error).name });
  }
}

export const regions = { ready };

/** The region serving a gemeente, and the gemeente's name as the region spells it. */
export function regionForGemeente(name: string): { config: RegionConfig; gemeente: string } | undefined {
  return byGemeente.get(normalise(name));
}

/** Whether this deployment serves the region (a signed-in manager's or beheerder's `custom:region_id`). */
export const isServedRegion = (regionId: string) => REGIONS.some((candidate) => candidate.region.regionId === regionId);

/** The region's configuration; throws for one this deployment does not serve (check callers' regions with isServedRegion). */
export function regionById(regionId: string): RegionConfig {
  const config = REGIONS.find((candidate) => candidate.region.regionId === regionId);
  if (!config) throw new Error(`Unknown region ${regionId}`);
  return config;
}

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
