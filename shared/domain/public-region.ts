import type { Region, RegionConfig } from './region.ts';

/**
 * What anyone may know of a region this deployment serves (`GET /regions`, the web app): its name,
 * whether it is fictional, its gemeenten and postcodes, whom to call in a crisis, and when its
 * sociale-kaart entries go stale. Nothing in it is about a client or a person of the region's team.
 */
export interface PublicRegion {
  regionId: string;
  name: string;
  fictional: boolean;
  gemeenten: { name: string; postcodes: string[] }[];
  crisis: { message: string; call: { name: string; phone: string; hours: string }[] };
  /** Months without confirmation after which an entry ranks lower, and is no longer offered (its triage rules). */
  freshness: { fullUntilMonths: number; excludeAfterMonths: number };
}

/** Whom to call now when an intake means crisis: the region's crisis service, then the national lines. */
export function crisisInstructions(region: Region): PublicRegion['crisis'] {
  return {
    message: `Acuut risico: neem direct contact op met ${region.crisisService.name}.`,
    call: [
      { name: region.crisisService.name, phone: region.crisisService.phone, hours: region.crisisService.hours },
      ...region.nationalLines,
    ],
  };
}

export function publicRegion({ region, triageRules }: RegionConfig): PublicRegion {
  const { freshness } = triageRules.matching;
  return {
    regionId: region.regionId,
    name: region.name,
    fictional: region.fictional,
    gemeenten: region.gemeenten.map((gemeente) => ({ name: gemeente.name, postcodes: gemeente.postcodes })),
    crisis: crisisInstructions(region),
    freshness: { fullUntilMonths: freshness.fullUntilMonths, excludeAfterMonths: freshness.excludeAfterMonths },
  };
}
