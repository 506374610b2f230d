// Realistic generated referrals for the benchmark and the fault-injection run: a mix of routes as
// a region might see them, every client reference and story unique, so a log scan can look for
// exactly the client data the run sent.
import type { ReferralRequest } from '#shared/domain/referral.ts';
import type { Channel, Flag, Levensdomein, Route } from '#shared/domain/vocabulary.ts';
import { regionById } from '#shared/regions/index.ts';
import { seededRandom } from '#local/faults.ts';

/** Share of each route in a generated run; a guess at a region's mix, not a measurement. */
export const ROUTE_MIX: Record<Route, number> = {
  crisis: 0.03,
  'specialised-ggz': 0.12,
  'basic-ggz': 0.2,
  combined: 0.35,
  'social-domain': 0.22,
  'advice-only': 0.08,
};

const SOCIAL: Levensdomein[] = ['social-contacts', 'daily-activities', 'finances', 'household', 'housing', 'meaning', 'self-care'];
const OTHER: Levensdomein[] = ['physical-health', 'substance-use', 'medication', 'intimacy', 'access-to-care'];

export interface GeneratedReferral {
  body: ReferralRequest;
  /** The route this intake was written to reach. */
  intended: Route;
  /** Text only this referral carries: it must never appear in a log. */
  secrets: string[];
}

export function generateReferrals(count: number, seed = 1, runId = 'run'): GeneratedReferral[] {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const some = <T>(items: readonly T[], min: number, max: number): T[] => {
    const shuffled = [...items].sort(() => random() - 0.5);
    return shuffled.slice(0, min + Math.floor(random() * (max - min + 1)));
  };
  const gemeenten = regionById('regio-voorbeeld').region.gemeenten;
  const year = new Date().getUTCFullYear();
  const routes = Object.entries(ROUTE_MIX) as [Route, number][];

  return Array.from({ length: count }, (_, index) => {
    let roll = random();
    const intended = routes.find(([, share]) => (roll -= share) < 0)?.[0] ?? 'combined';
    const gemeente = pick(gemeenten);
    const token = `${runId}-${index}-${Math.floor(random() * 1e9).toString(36)}`;
    const ref = `bench-${token}`;
    // By the index, so the seed's sequence of intakes stays what it was before contact details.
    const withContact = index % 10 !== 9;
    const withEmail = withContact && index % 3 === 0;
    const phoneDigits = String(1000 + (index % 9000));
    const story = {
      whatHappened: `Verhaal ${token}: sinds maanden somber na verlies van werk.`,
      strengths: `Sterk punt ${token}: hecht netwerk van buren.`,
      goals: `Doel ${token}: weer meedoen.`,
    };
    const domains: ReferralRequest['intake']['domains'] = [];
    const flags: Flag[] = [];
    const need = (domain: Levensdomein, level: 'some' | 'high', helpFrom: 'professional' | 'both' | 'network' = 'professional') =>
      domains.push({ domain, need: level, helpFrom });

    switch (intended) {
      case 'crisis':
        flags.push('acute-risk');
        need('mental-health', 'high');
        break;
      case 'specialised-ggz':
        if (random() < 0.5) flags.push(pick(['epa', 'psychosis'] as const));
        need('mental-health', 'high');
        for (const domain of some(SOCIAL, 2, 3)) need(domain, 'high', pick(['professional', 'both'] as const));
        break;
      case 'basic-ggz':
        need('mental-health', 'some');
        if (random() < 0.3) need(pick(OTHER), 'some', 'network');
        break;
      case 'combined':
        need('mental-health', 'some');
        for (const domain of some(SOCIAL, 1, 3)) need(domain, pick(['some', 'high'] as const), pick(['professional', 'both'] as const));
        if (random() < 0.4) flags.push('money-worries');
        break;
      case 'social-domain':
        for (const domain of some([...SOCIAL, ...OTHER], 1, 3)) need(domain, pick(['some', 'high'] as const));
        if (random() < 0.5) flags.push('money-worries');
        break;
      case 'advice-only':
        for (const domain of some(SOCIAL, 1, 2)) need(domain, 'some', 'network');
        break;
    }
    const waitsForGgz = (intended === 'basic-ggz' || intended === 'specialised-ggz' || intended === 'combined') && random() < 0.6;
    const channels = some(['phone', 'post', 'in-person', 'online'] as Channel[], 1, 3);
    const body: ReferralRequest = {
      referrer: {
        kind: pick(['huisarts', 'poh-ggz', 'wijkteam'] as const),
        name: `Verwijzer ${index % 40}`,
        organisation: `Praktijk ${index % 25}`,
        email: `verwijzer${index % 40}@praktijk${index % 25}.example`,
      },
      client: {
        ref,
        birthYear: year - (16 + Math.floor(random() * 65)),
        postcode: pick(gemeente.postcodes),
        gemeente: gemeente.name,
        languages: random() < 0.85 ? ['nl'] : ['nl', pick(['en', 'ar', 'tr', 'pl'])],
        channels,
        // How the contact person reaches the client, as the web form asks it: nine in ten give a
        // (fictional, 010 000 …) phone number, a third an e-mail address for the client letter too.
        ...(withContact ? { contact: { phone: `010 000 ${phoneDigits}`, ...(withEmail ? { email: `client${index}@voorbeeld.example` } : {}) } } : {}),
      },
      ...(waitsForGgz
        ? {
            waiting: {
              onGgzWaitlist: true,
              since: new Date(Date.now() - (2 + Math.floor(random() * 28)) * 7 * 86_400_000).toISOString().slice(0, 10),
            },
          }
        : {}),
      intake: { story, domains, flags },
      consent: { shareWithPartners: random() < 0.8, shareDiagnosis: random() < 0.3, involveNaasten: random() < 0.3, emailClient: withEmail },
    };
    const contactSecrets = [...(withContact ? [`010 000 ${phoneDigits}`, `+3110000${phoneDigits}`] : []), ...(withEmail ? [`client${index}@voorbeeld.example`] : [])];
    return { body, intended, secrets: [ref, ...Object.values(story), ...contactSecrets] };
  });
}
