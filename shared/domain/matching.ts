import type { TriageRuleSet } from './region.ts';
import { practicalInfo } from './kaart-practical.ts';
import type { Match, Need, ReferralRequest, TriageDecision, UnmetNeed } from './referral.ts';
import { ageInYear } from './referral-stats.ts';
import { freshnessState, MONTH_DAYS } from './freshness.ts';
import { hasPlaceFor, type Service } from './sociale-kaart.ts';
import {
  CHANNEL_LABELS,
  FUNCTIES,
  isLevensdomein,
  NAMED_ONLY_CATEGORIES,
  LEVENSDOMEIN_INFO,
  needLabel,
  TREEKNORM_WEEKS,
  URGENCY_LABELS,
  WISH_LABELS,
  weeks,
  type Functie,
  type Levensdomein,
  type Urgency,
  type Wish,
} from './vocabulary.ts';

export interface MatchRequest {
  referralId: string;
  client: Pick<ReferralRequest['client'], 'gemeente' | 'postcode' | 'birthYear' | 'languages' | 'channels'>;
  triage: Pick<TriageDecision, 'needs' | 'urgency' | 'bridging'> & Partial<Pick<TriageDecision, 'wishes'>>;
}

export interface MatchOptions {
  rules: TriageRuleSet['matching'];
  now: Date;
  /** Services not to select, e.g. because their last place went while this referral was matching. */
  exclude?: ReadonlySet<string>;
}

export interface MatchResult {
  matches: Match[];
  unmetNeeds: UnmetNeed[];
  /** Services where a place must be reserved: the first option per need and the bridging partner. */
  placesToReserve: string[];
}

export type Exclusion = 'age' | 'language' | 'channel' | 'inactive' | 'stale' | 'full' | Wish;

export const EXCLUSION_LABELS: Record<Exclusion, string> = {
  age: 'leeftijd',
  language: 'taal',
  channel: 'bereikbaarheid',
  inactive: 'niet actief',
  stale: 'gegevens te lang niet geverifieerd',
  full: 'vol',
  ...WISH_LABELS,
};

type MatchingRules = MatchOptions['rules'];

/** Admission or residential care: every functie of the service is one the rules call so. */
const isAdmission = (service: Service, rules: MatchingRules) => service.functies.every((functie) => rules.intensity.admissionFuncties.includes(functie));

/** The first of the client's wishes this service goes against (`004:603-605`: nothing about the client without the client). */
function wishAgainst(service: Service, wishes: readonly Wish[], rules: MatchingRules): Wish | undefined {
  for (const wish of wishes) {
    if (wish === 'no-admission' && isAdmission(service, rules)) return wish;
    if (wish === 'no-groups' && service.inGroups) return wish;
    if (wish === 'online-only' && !service.channels.includes('online')) return wish;
    if (wish === 'not-online' && service.channels.every((channel) => channel === 'online')) return wish;
  }
  return undefined;
}


const round = (value: number) => Math.round(value * 1000) / 1000;

/** A sociale kaart indexed by service area, so matching looks only at the offer where the client lives. */
export interface KaartIndex {
  readonly services: readonly Service[];
  readonly byArea: ReadonlyMap<string, readonly Service[]>;
}

export function indexKaart(services: readonly Service[]): KaartIndex {
  const byArea = new Map<string, Service[]>();
  const add = (key: string, service: Service) => {
    const list = byArea.get(key);
    if (list) list.push(service);
    else byArea.set(key, [service]);
  };
  for (const service of services) {
    for (const gemeente of service.area.gemeenten) add(`gemeente:${gemeente}`, service);
    for (const postcode of service.area.postcodes ?? []) add(`postcode:${postcode}`, service);
  }
  return { services, byArea };
}

/** The services whose area holds the client's gemeente or PC4, each once. */
function inArea(index: KaartIndex, client: MatchRequest['client']): Service[] {
  const byGemeente = index.byArea.get(`gemeente:${client.gemeente}`) ?? [];
  const byPostcode = index.byArea.get(`postcode:${client.postcode}`) ?? [];
  if (byPostcode.length === 0) return [...byGemeente];
  return [...new Set([...byGemeente, ...byPostcode])];
}

/** Why a service in the client's area cannot take this client, or undefined when it can. */
function exclusionOf(service: Service, request: MatchRequest, age: number, options: MatchOptions): Exclusion | undefined {
  const { client } = request;
  const { exclude } = options;
  if (!service.active) return 'inactive';
  // Nobody confirmed this entry for too long: it may no longer exist. Its partner is asked to re-verify.
  if (freshnessState(service.lastVerified, options.now, options.rules.freshness).state === 'excluded') return 'stale';
  if (age < service.ageRange.min || age > service.ageRange.max) return 'age';
  if (!service.languages.some((language) => client.languages.includes(language))) return 'language';
  if (!service.channels.some((channel) => client.channels.includes(channel))) return 'channel';
  const wish = request.triage.wishes?.length ? wishAgainst(service, request.triage.wishes, options.rules) : undefined;
  if (wish) return wish;
  if (exclude?.has(service.serviceId) || !hasPlaceFor(service, request.referralId)) return 'full';
  return undefined;
}

function answersNeed(service: Service, need: Need): boolean {
  // A support need (peers, naasten) is answered by its kinds of offer, whatever their domains.
  if (isLevensdomein(need.domain) && !service.domains.includes(need.domain)) return false;
  if (need.categories) return need.categories.includes(service.category);
  return !NAMED_ONLY_CATEGORIES.includes(service.category);
}

function waitFit(waitingWeeks: number, urgency: Urgency, rules: MatchOptions['rules']): number {
  const acceptable = rules.acceptableWaitWeeks[urgency] ?? 0;
  if (waitingWeeks <= acceptable) return 1;
  return Math.max(0, 1 - (waitingWeeks - acceptable) / Math.max(1, TREEKNORM_WEEKS - acceptable));
}

function freshness(lastVerified: string, now: Date, rules: MatchOptions['rules']): { value: number; days: number } {
  const days = freshnessState(lastVerified, now, rules.freshness).daysSinceVerified;
  const months = days / MONTH_DAYS;
  const { fullUntilMonths, zeroAfterMonths } = rules.freshness;
  if (months <= fullUntilMonths) return { value: 1, days };
  if (months >= zeroAfterMonths) return { value: 0, days };
  return { value: 1 - (months - fullUntilMonths) / (zeroAfterMonths - fullUntilMonths), days };
}

/** The ranking's parts for one service, each from 0 to 1, before the rule set's weights. */
export interface ScoreParts {
  domainFit: number;
  waitFit: number;
  freshness: number;
  intensity: number;
}

interface Scored {
  service: Service;
  score: number;
  parts: ScoreParts;
  /** Admission or residential care on a non-immediate urgency: ranks after every other option, no place reserved. */
  last: boolean;
  urgency: Urgency;
  freshDays: number;
  /** Why the service answers the need; written only for the options chosen (see `reasonsOf`). */
  why: () => string;
}

/** The least intensive functie of the service, as the rules value it. */
function intensityFit(service: Service, rules: MatchingRules): number {
  let best = 0;
  for (const functie of service.functies) best = Math.max(best, rules.intensity.byFunctie[String(functie) as `${Functie}`] ?? 0);
  return best;
}

function score(service: Service, domainFit: number, why: () => string, urgency: Urgency, options: MatchOptions): Scored {
  const { rules, now } = options;
  const { weights } = rules;
  const wait = waitFit(service.waitingWeeks, urgency, rules);
  const fresh = freshness(service.lastVerified, now, rules);
  const intensity = intensityFit(service, rules);
  const total = weights.domainFit + weights.waitFit + weights.freshness + weights.intensity || 1;
  const value = (weights.domainFit * domainFit + weights.waitFit * wait + weights.freshness * fresh.value + weights.intensity * intensity) / total;
  return {
    service,
    score: round(value),
    parts: { domainFit: round(domainFit), waitFit: round(wait), freshness: round(fresh.value), intensity: round(intensity) },
    last: urgency !== 'immediate' && isAdmission(service, rules),
    urgency,
    freshDays: fresh.days,
    why,
  };
}

/** The reasons of a chosen option, in the words the contact person reads. */
function reasonsOf(scored: Scored, request: MatchRequest, options: MatchOptions): string[] {
  const { service, urgency, last, freshDays } = scored;
  const acceptable = options.rules.acceptableWaitWeeks[urgency] ?? 0;
  const languages = service.languages.filter((language) => request.client.languages.includes(language));
  const channels = service.channels.filter((channel) => request.client.channels.includes(channel));
  const wishes = request.triage.wishes ?? [];
  return [
    scored.why(),
    service.waitingWeeks === 0
      ? 'Geen wachttijd.'
      : `Wachttijd ${weeks(service.waitingWeeks)}; bij urgentie ${URGENCY_LABELS[urgency]} is ${weeks(acceptable)} aanvaardbaar.`,
    freshDays === 0 ? 'Gegevens vandaag geverifieerd.' : `Gegevens ${freshDays} ${freshDays === 1 ? 'dag' : 'dagen'} geleden geverifieerd.`,
    service.area.gemeenten.includes(request.client.gemeente) ? `Werkt in ${request.client.gemeente}.` : `Werkt in postcodegebied ${request.client.postcode}.`,
    `Taal: ${languages.join(', ')}; bereikbaar via ${channels.map((channel) => CHANNEL_LABELS[channel]).join(', ')}.`,
    ...(last
      ? [`Opname of verblijf (functie ${service.functies.join(', ')}): komt pas na hulp thuis of dichtbij; hier wordt geen plaats voor gereserveerd.`]
      : scored.parts.intensity < 1
        ? [`Functie ${service.functies.join(', ')}: ${service.functies.map((functie) => FUNCTIES[functie as Functie]).join('; ')}.`]
        : []),
    ...(wishes.length ? [`Past bij wat de cliënt wil: ${wishes.map((wish) => WISH_LABELS[wish]).join(', ')}.`] : []),
  ];
}

// Admission and residential care come after every other option (unless urgency is immediate), then the score.
const byScore = (a: Scored, b: Scored) => Number(a.last) - Number(b.last) || b.score - a.score || a.service.serviceId.localeCompare(b.service.serviceId);

function toMatch(scored: Scored, kind: Match['kind'], forNeed: Match['forNeed'], rank: number, reserve: boolean, request: MatchRequest, options: MatchOptions): Match {
  const { service } = scored;
  return {
    serviceId: service.serviceId,
    name: service.name,
    organisation: service.organisation,
    kind,
    forNeed,
    domains: service.domains,
    rank,
    score: scored.score,
    reasons: reasonsOf(scored, request, options),
    waitingWeeks: service.waitingWeeks,
    // Meant: matching only asks for the place; the match step says whether it got it.
    placeReserved: reserve,
    contact: service.contact,
    practical: practicalInfo(service),
  };
}

const WISH_EXCLUSIONS = new Set<Exclusion>(Object.keys(WISH_LABELS) as Wish[]);

function unmetReason(label: string, exclusions: Exclusion[], gemeente: string): Omit<UnmetNeed, 'domain'> {
  if (exclusions.length === 0) return { reason: 'not-available', detail: `Geen aanbod voor ${label} in ${gemeente}.` };
  // The client's choice is respected (dignity of risk, `004:613-617`): said so, not called ineligibility.
  if (exclusions.some((exclusion) => WISH_EXCLUSIONS.has(exclusion))) {
    const wishes = [...new Set(exclusions.filter((exclusion) => WISH_EXCLUSIONS.has(exclusion)))].map((wish) => EXCLUSION_LABELS[wish]);
    const others = exclusions.filter((exclusion) => !WISH_EXCLUSIONS.has(exclusion));
    if (others.length === 0 || others.every((exclusion) => exclusion === 'full')) {
      return { reason: 'other', detail: `Het aanbod voor ${label} in ${gemeente} past niet bij wat de cliënt wil (${wishes.join(', ')}).` };
    }
  }
  if (exclusions.every((exclusion) => exclusion === 'full')) {
    return { reason: 'waiting-list', detail: `Al het aanbod voor ${label} in ${gemeente} zit vol.` };
  }
  const why = [...new Set(exclusions)].map((exclusion) => EXCLUSION_LABELS[exclusion]).join(', ');
  if (exclusions.every((exclusion) => exclusion === 'full' || exclusion === 'inactive' || exclusion === 'stale')) {
    return { reason: 'not-available', detail: `Geen beschikbaar aanbod voor ${label} in ${gemeente} (${why}).` };
  }
  return { reason: 'not-eligible', detail: `Aanbod voor ${label} in ${gemeente} past niet (${why}).` };
}

/**
 * Selects per need the best few sociale-kaart options and, where bridging applies, exactly one
 * bridging partner. Eligibility filters first (the client's wishes and limits among them), then a
 * ranking on domain fit, waiting time against urgency, how recently the entry was verified and
 * intensity (at home before admission). Pure and deterministic.
 */
export function matchReferral(request: MatchRequest, kaart: KaartIndex | readonly Service[], options: MatchOptions): MatchResult {
  const index = 'byArea' in kaart ? kaart : indexKaart(kaart);
  const age = ageInYear(request.client.birthYear, options.now);
  const { urgency, needs } = request.triage;
  // Outside the client's area nothing counts, not even as "not eligible": the offer here is what matters.
  const services = inArea(index, request.client);
  const exclusions = new Map<string, Exclusion | undefined>();
  for (const service of services) exclusions.set(service.serviceId, exclusionOf(service, request, age, options));

  const matches: Match[] = [];
  const unmetNeeds: UnmetNeed[] = [];
  const placesToReserve = new Set<string>();

  const clientDomains = new Set<string>(needs.map((need) => need.domain));
  for (const need of needs) {
    const label = needLabel(need.domain);
    const answering = services.filter((service) => answersNeed(service, need));
    const eligible = answering.filter((service) => exclusions.get(service.serviceId) === undefined);
    if (eligible.length === 0) {
      const { reason, detail } = unmetReason(label, answering.map((s) => exclusions.get(s.serviceId) ?? 'full'), request.client.gemeente);
      unmetNeeds.push({ domain: need.domain, reason, detail });
      continue;
    }
    const ranked = eligible
      .map((service) => scoreForNeed(service, need, label, clientDomains, urgency, options))
      .sort(byScore)
      .slice(0, options.rules.optionsPerNeed);
    ranked.forEach((scored, index) => {
      // No place held at a clinic for a client who does not need one.
      const reserve = index === 0 && scored.service.capacity !== null && !scored.last;
      if (reserve) placesToReserve.add(scored.service.serviceId);
      matches.push(toMatch(scored, 'care', need.domain, index + 1, reserve, request, options));
    });
  }

  if (request.triage.bridging) {
    const partners = services.filter((service) => service.bridging);
    const eligible = partners.filter((service) => exclusions.get(service.serviceId) === undefined);
    if (eligible.length === 0) {
      const { reason, detail } = unmetReason('wachtlijstoverbrugging', partners.map((s) => exclusions.get(s.serviceId) ?? 'full'), request.client.gemeente);
      unmetNeeds.push({ domain: 'waiting', reason, detail });
    } else {
      const best = eligible.map((service) => scoreForBridging(service, clientDomains, options)).sort(byScore)[0]!;
      const reserve = best.service.capacity !== null && !best.last;
      if (reserve) placesToReserve.add(best.service.serviceId);
      matches.push(toMatch(best, 'bridging', 'waiting', 1, reserve, request, options));
    }
  }

  return { matches, unmetNeeds, placesToReserve: [...placesToReserve] };
}

/**
 * Domain fit for a need: 1 when it is the service's main domain, 0.7 for one of its others. A
 * support need has no domain of its own: 1 when the offer shares a domain with the client's needs.
 */
function scoreForNeed(service: Service, need: Need, label: string, clientDomains: ReadonlySet<string>, urgency: Urgency, options: MatchOptions): Scored {
  if (!isLevensdomein(need.domain)) {
    const shares = service.domains.some((domain) => clientDomains.has(domain));
    const why = () => {
      const shared = service.domains.filter((domain) => clientDomains.has(domain));
      return `Voor ${label}${shared.length ? `; sluit aan bij ${shared.map((domain) => LEVENSDOMEIN_INFO[domain].label).join(', ')}` : ''}.`;
    };
    return score(service, shares ? 1 : 0.7, why, urgency, options);
  }
  const primary = service.domains[0] === need.domain;
  return score(service, primary ? 1 : 0.7, () => `Biedt hulp bij ${label}${primary ? ' (hoofdtaak)' : ''}.`, urgency, options);
}

function scoreForBridging(service: Service, clientDomains: ReadonlySet<string>, options: MatchOptions): Scored {
  const sharesDomain = (domain: Levensdomein) => domain === 'mental-health' || clientDomains.has(domain);
  const shares = service.domains.some(sharesDomain);
  const ageSpecific = service.ageRange.max - service.ageRange.min <= 20;
  const fit = Math.min(1, (shares ? 0.8 : 0.5) + (ageSpecific ? 0.2 : 0));
  const why = () => {
    const shared = service.domains.filter(sharesDomain);
    return [
      'Wachtlijstoverbruggingspartner',
      shared.length > 0 ? `, sluit aan bij ${shared.map((domain) => LEVENSDOMEIN_INFO[domain].label).join(', ')}` : '',
      ageSpecific ? `, speciaal voor ${service.ageRange.min}-${service.ageRange.max} jaar` : '',
      '.',
    ].join('');
  };
  // Bridging only helps if it starts now, whatever the referral's urgency.
  return score(service, fit, why, 'immediate', options);
}

/** One service looked at for one need, as `rules explain` prints it: why it was left out, or its score and parts. */
export interface Candidate {
  serviceId: string;
  name: string;
  category: Service['category'];
  functies: number[];
  excluded?: Exclusion;
  score?: number;
  parts?: ScoreParts;
  /** Ranked after every other option: admission or residential care on a non-immediate urgency. */
  last?: boolean;
  /** Its place in the ranking of the eligible ones (1 = first). */
  rank?: number;
}

/**
 * Every service in the client's area that answers each need (and the bridging partners), eligible
 * or not, ranked as matching ranks them, with the score's parts: the whole ranking behind a match.
 */
export function explainMatching(request: MatchRequest, kaart: KaartIndex | readonly Service[], options: MatchOptions): { need: Match['forNeed']; candidates: Candidate[] }[] {
  const index = 'byArea' in kaart ? kaart : indexKaart(kaart);
  const age = ageInYear(request.client.birthYear, options.now);
  const services = inArea(index, request.client);
  const clientDomains = new Set<string>(request.triage.needs.map((need) => need.domain));
  const explain = (answering: Service[], scoreOf: (service: Service) => Scored): Candidate[] => {
    const describe = (service: Service): Candidate => ({ serviceId: service.serviceId, name: service.name, category: service.category, functies: service.functies });
    const eligible: Scored[] = [];
    const excluded: Candidate[] = [];
    for (const service of answering) {
      const exclusion = exclusionOf(service, request, age, options);
      if (exclusion) excluded.push({ ...describe(service), excluded: exclusion });
      else eligible.push(scoreOf(service));
    }
    const ranked = eligible.sort(byScore).map((scored, rank) => ({ ...describe(scored.service), score: scored.score, parts: scored.parts, last: scored.last, rank: rank + 1 }));
    return [...ranked, ...excluded.sort((a, b) => a.serviceId.localeCompare(b.serviceId))];
  };
  const result = request.triage.needs.map((need) => ({
    need: need.domain as Match['forNeed'],
    candidates: explain(
      services.filter((service) => answersNeed(service, need)),
      (service) => scoreForNeed(service, need, needLabel(need.domain), clientDomains, request.triage.urgency, options),
    ),
  }));
  if (request.triage.bridging) {
    result.push({ need: 'waiting', candidates: explain(services.filter((service) => service.bridging), (service) => scoreForBridging(service, clientDomains, options)) });
  }
  return result;
}
