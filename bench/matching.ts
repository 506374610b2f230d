import { indexKaart, matchReferral, type MatchRequest } from '#shared/domain/matching.ts';
import type { Service } from '#shared/domain/sociale-kaart.ts';
import { triage } from '#shared/domain/triage.ts';
import { CHANNELS, LEVENSDOMEINEN, SERVICE_CATEGORIES } from '#shared/domain/vocabulary.ts';
import { regionById } from '#shared/regions/index.ts';
import { seededRandom } from '#local/faults.ts';
import { generateReferrals } from './intakes.ts';
import { percentile, round } from './stats.ts';

export interface MatchingScale {
  services: number;
  calls: number;
  p50Ms: number;
  p99Ms: number;
}

/**
 * A sociale kaart of `size` services for a large region: the three demo gemeenten among 50, each
 * service working in one to three of them, with random categories, domains, limits and waits.
 */
export function syntheticKaart(size: number, seed = 3): Service[] {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  const { gemeenten } = regionById('regio-voorbeeld').region;
  const names = [...gemeenten.map((gemeente) => gemeente.name), ...Array.from({ length: 47 }, (_, i) => `Gemeente ${i + 1}`)];
  const today = Date.now();
  return Array.from({ length: size }, (_, index) => {
    const min = pick([0, 12, 16, 18, 18, 18]);
    return {
      serviceId: `synthetic-${index}`,
      regionId: 'regio-voorbeeld',
      name: `Dienst ${index}`,
      organisation: `Organisatie ${index % 997}`,
      organisationId: `organisatie-${index % 997}`,
      description: '',
      category: pick(SERVICE_CATEGORIES),
      functies: [1 + Math.floor(random() * 8)],
      domains: Array.from(new Set(Array.from({ length: 1 + Math.floor(random() * 3) }, () => pick(LEVENSDOMEINEN)))),
      bridging: random() < 0.1,
      area: { gemeenten: Array.from(new Set(Array.from({ length: 1 + Math.floor(random() * 3) }, () => pick(names)))) },
      ageRange: { min, max: pick([25, 67, 120, 120]) },
      languages: random() < 0.7 ? ['nl'] : ['nl', pick(['en', 'ar', 'tr', 'pl'])],
      channels: Array.from(new Set([pick(CHANNELS), pick(CHANNELS)])),
      capacity: random() < 0.3 ? null : Math.floor(random() * 50),
      waitingWeeks: Math.floor(random() * 20),
      lastVerified: new Date(today - Math.floor(random() * 400) * 86_400_000).toISOString().slice(0, 10),
      active: random() < 0.97,
      referralNeeded: false,
      cost: 'free',
      funding: ['wmo'],
      contact: { name: 'Aanmelding', email: `dienst${index}@synthetic.example` },
      placesTaken: 0,
      reservedFor: [],
    } satisfies Service;
  });
}

/** The matcher alone, in process and warm, for one referral at a time against kaarten of each size. */
export function benchMatching(sizes: number[]): MatchingScale[] {
  const { triageRules } = regionById('regio-voorbeeld');
  const now = new Date();
  const requests: MatchRequest[] = generateReferrals(200, 11)
    .filter((generated) => generated.intended !== 'crisis')
    .map((generated, index) => ({
      referralId: `r-${index}`,
      client: generated.body.client,
      triage: triage(generated.body, triageRules, now),
    }));
  const options = { rules: triageRules.matching, now };
  return sizes.map((size) => {
    // Indexed once per kaart, as the match function's cache does.
    const kaart = indexKaart(syntheticKaart(size));
    const calls = size >= 100_000 ? 300 : 2000;
    for (let i = 0; i < 50; i++) matchReferral(requests[i % requests.length]!, kaart, options);
    const times: number[] = [];
    for (let i = 0; i < calls; i++) {
      const started = performance.now();
      matchReferral(requests[i % requests.length]!, kaart, options);
      times.push(performance.now() - started);
    }
    return { services: size, calls, p50Ms: round(percentile(times, 50), 3), p99Ms: round(percentile(times, 99), 3) };
  });
}
