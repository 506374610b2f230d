import * as z from 'zod';
import { HOLIDAY_CALENDARS } from './dutch-calendar.ts';
import {
  FLAGS,
  LEVENSDOMEINEN,
  NAASTE_BURDENS,
  NEED_LEVELS,
  ROUTES,
  SERVICE_CATEGORIES,
  SUPPORT_NEEDS,
  URGENCIES,
  WISHES,
  type Flag,
  type Levensdomein,
  type NaasteBurden,
  type NeedLevel,
  type Route,
} from './vocabulary.ts';

/**
 * A condition in a triage rule. Needs count only where the client wants professional help
 * (`helpFrom` professional or both): a need the client's own network meets does not route.
 */
export type Condition =
  | { always: true }
  | { flag: Flag }
  | { need: { domain: Levensdomein; atLeast: Exclude<NeedLevel, 'none'> } }
  | {
      needsCount: {
        atLeast: Exclude<NeedLevel, 'none'>;
        min: number;
        domains?: Levensdomein[];
        except?: Levensdomein[];
      };
    }
  | { onGgzWaitlist: boolean }
  | { waitingWeeksAtLeast: number }
  | { ageBetween: [number, number] }
  | { consent: 'shareWithPartners' | 'shareDiagnosis' | 'involveNaasten' }
  | { outweighs: { needs: Weighed; over: Weighed; by: number } }
  | { naasteBurden: { atLeast: NaasteBurden } }
  | { ggzConfirmed: boolean }
  | { route: Route[] }
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition };

/** Needs put on the scale: professional needs in these domains, at the rule set's `needWeights`, and these flags. */
export interface Weighed {
  domains: Levensdomein[];
  flags?: Flag[];
}

const needAtLeast = z.enum(NEED_LEVELS).exclude(['none']);
const weighed = z.strictObject({ domains: z.array(z.enum(LEVENSDOMEINEN)), flags: z.array(z.enum(FLAGS)).optional() });

export const ConditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.strictObject({ always: z.literal(true) }),
    z.strictObject({ flag: z.enum(FLAGS) }),
    z.strictObject({ need: z.strictObject({ domain: z.enum(LEVENSDOMEINEN), atLeast: needAtLeast }) }),
    z.strictObject({
      needsCount: z.strictObject({
        atLeast: needAtLeast,
        min: z.int().min(1),
        domains: z.array(z.enum(LEVENSDOMEINEN)).optional(),
        except: z.array(z.enum(LEVENSDOMEINEN)).optional(),
      }),
    }),
    z.strictObject({ onGgzWaitlist: z.boolean() }),
    z.strictObject({ waitingWeeksAtLeast: z.number().min(0) }),
    z.strictObject({ ageBetween: z.tuple([z.int(), z.int()]) }),
    z.strictObject({ consent: z.enum(['shareWithPartners', 'shareDiagnosis', 'involveNaasten']) }),
    z.strictObject({ outweighs: z.strictObject({ needs: weighed, over: weighed, by: z.number().min(0) }) }),
    z.strictObject({ naasteBurden: z.strictObject({ atLeast: z.enum(NAASTE_BURDENS) }) }),
    z.strictObject({ ggzConfirmed: z.boolean() }),
    z.strictObject({ route: z.array(z.enum(ROUTES)).min(1) }),
    z.strictObject({ all: z.array(ConditionSchema).min(1) }),
    z.strictObject({ any: z.array(ConditionSchema).min(1) }),
    z.strictObject({ not: ConditionSchema }),
  ]),
);

const ruleId = z.string().regex(/^[a-z0-9-]+$/);

/**
 * A situation the region writes down with the outcome it expects (`rules test`): the intake in
 * short (age, needs per levensdomein at a level, from professionals or the own network, flags,
 * waiting, consent, wishes, the naaste), the expected route and the kinds of option the plan must
 * (and must not) ask for, and the seed lines it comes from. Loading a rule set runs them all.
 */
export const ExampleCaseSchema = z.strictObject({
  id: ruleId,
  situation: z.string().min(1),
  seeds: z.array(z.string().regex(/^\d{3}:\d+(-\d+)?(, ?\d+(-\d+)?)*$/)).min(1),
  intake: z.strictObject({
    age: z.int().min(0).max(120),
    /** Needs the client wants professional help with. */
    needs: z.partialRecord(z.enum(LEVENSDOMEINEN), needAtLeast).optional(),
    /** Needs the client's own network takes on. */
    network: z.partialRecord(z.enum(LEVENSDOMEINEN), needAtLeast).optional(),
    flags: z.array(z.enum(FLAGS)).optional(),
    waitingWeeks: z.number().min(0).optional(),
    involveNaasten: z.boolean().optional(),
    naasteBurden: z.enum(NAASTE_BURDENS).optional(),
    wishes: z.array(z.enum(WISHES)).optional(),
    /** The contact person confirmed at the re-assessment that ggz is still needed. */
    ggzConfirmed: z.boolean().optional(),
  }),
  expect: z.strictObject({
    route: z.enum(ROUTES),
    urgency: z.enum(URGENCIES).optional(),
    bridging: z.boolean().optional(),
    reassess: z.boolean().optional(),
    /** Kinds of option the plan asks for: for each, some need of the decision admits that category. */
    options: z.array(z.enum(SERVICE_CATEGORIES)).optional(),
    /** Kinds of option no need of the plan may admit. */
    noOptions: z.array(z.enum(SERVICE_CATEGORIES)).optional(),
  }),
});
export type ExampleCase = z.infer<typeof ExampleCaseSchema>;

/**
 * Every rule has a `reason` in functional words (what is needed, not what the client has): it is
 * shown with the referral and in e-mails. A `clinicalNote` names the signal (EPA, psychosis,
 * addiction) and goes only where the client consented to share diagnosis-like content, and to the
 * crisis service.
 */
export const TriageRuleSetSchema = z.strictObject({
  regionId: z.string(),
  version: z.string().min(1),
  description: z.string(),
  /** Evaluated in order; the first rule whose condition holds decides route and base urgency. */
  routeRules: z
    .array(
      z.strictObject({
        id: ruleId,
        when: ConditionSchema,
        route: z.enum(ROUTES),
        urgency: z.enum(URGENCIES),
        reason: z.string().min(1),
        clinicalNote: z.string().min(1).optional(),
        /** Plan a re-assessment of the mental-health need (social problems first). */
        reassess: z.boolean().optional(),
      }),
    )
    .min(1),
  /** What a need weighs in an `outweighs` condition, by level, and what each weighed flag adds. */
  needWeights: z.strictObject({ some: z.number().min(0), high: z.number().min(0), flag: z.number().min(0) }),
  /** Every rule that holds raises the urgency to at least its level. */
  urgencyRules: z.array(
    z.strictObject({
      id: ruleId,
      when: ConditionSchema,
      atLeast: z.enum(URGENCIES),
      reason: z.string().min(1),
      clinicalNote: z.string().min(1).optional(),
    }),
  ),
  /** Needs added in parallel to the route, e.g. debt help whenever money worries are flagged. */
  parallelNeeds: z.array(
    z.strictObject({
      id: ruleId,
      when: ConditionSchema,
      need: z.strictObject({
        domain: z.enum([...LEVENSDOMEINEN, ...SUPPORT_NEEDS]),
        level: needAtLeast,
        categories: z.array(z.enum(SERVICE_CATEGORIES)).min(1),
      }),
      reason: z.string().min(1),
      clinicalNote: z.string().min(1).optional(),
    }),
  ),
  bridging: z.strictObject({ id: ruleId, when: ConditionSchema, reason: z.string().min(1) }),
  /** Which service categories may answer a mental-health need, per route. */
  mentalHealthCategories: z.record(z.enum(ROUTES), z.array(z.enum(SERVICE_CATEGORIES))),
  matching: z.strictObject({
    optionsPerNeed: z.int().min(1).max(10),
    weights: z.strictObject({ domainFit: z.number().min(0), waitFit: z.number().min(0), freshness: z.number().min(0), intensity: z.number().min(0) }),
    /**
     * The least intensive care that is enough (`000:95-135`, `004:2327-2350`): what each functie
     * adds to the ranking as `intensity`, and the functies of admission and residential care, which
     * rank after every other option and get no reserved place unless the urgency is immediate.
     */
    intensity: z.strictObject({
      byFunctie: z.record(z.enum(['1', '2', '3', '4', '5', '6', '7', '8']), z.number().min(0).max(1)),
      admissionFuncties: z.array(z.int().min(1).max(8)),
    }),
    /** The wait a client of each urgency can be asked to accept, in weeks. */
    acceptableWaitWeeks: z.record(z.enum(URGENCIES), z.number().min(0)),
    /**
     * Entries verified this recently count as fully fresh and rank down after; at `zeroAfterMonths`
     * freshness reaches 0, and from `excludeAfterMonths` an entry is not offered at all (its partner
     * has been asked to re-verify it; see shared/domain/freshness.ts).
     */
    freshness: z
      .strictObject({ fullUntilMonths: z.number().min(0), zeroAfterMonths: z.number().positive(), excludeAfterMonths: z.number().positive() })
      .refine((value) => value.fullUntilMonths < value.zeroAfterMonths && value.zeroAfterMonths <= value.excludeAfterMonths, {
        error: 'Needs fullUntilMonths < zeroAfterMonths <= excludeAfterMonths',
      }),
  }),
  /** The region's example cases: loading the rule set runs them and refuses it when one breaks. */
  examples: z.array(ExampleCaseSchema),
});
export type TriageRuleSet = z.infer<typeof TriageRuleSetSchema>;

const contactSchema = z.strictObject({ name: z.string(), email: z.email(), phone: z.string().optional() });

export const RegionSchema = z.strictObject({
  regionId: z.string().regex(/^[a-z0-9-]+$/),
  name: z.string(),
  /** True for demonstration data; everything shown from such a region says so. */
  fictional: z.boolean(),
  /** The start of the region's case numbers (RV-2026-00412): two to four capitals. */
  caseNumberPrefix: z.string().regex(/^[A-Z]{2,4}$/),
  gemeenten: z
    .array(
      z.strictObject({
        name: z.string(),
        postcodes: z.array(z.string().regex(/^[1-9][0-9]{3}$/)),
        /**
         * The region's gemeenten next to this one: where the coordinator may widen the search for a
         * contact person when nobody in the client's own gemeente has room (shared/domain/desk.ts).
         */
        neighbours: z.array(z.string()).optional(),
      }),
    )
    .min(1)
    .refine((gemeenten) => gemeenten.every((gemeente) => (gemeente.neighbours ?? []).every((name) => name !== gemeente.name && gemeenten.some((other) => other.name === name))), {
      error: 'A neighbour must be another gemeente of the region',
    }),
  crisisService: contactSchema.extend({ phone: z.string(), hours: z.string() }),
  /** National lines every referrer in crisis is pointed to as well. */
  nationalLines: z.array(z.strictObject({ name: z.string(), phone: z.string(), hours: z.string() })),
  /** The GP out-of-hours service (huisartsenpost) the client letter names for evenings and weekends. */
  huisartsenpost: z.strictObject({ name: z.string(), phone: z.string(), hours: z.string() }),
  coordinator: contactSchema,
  /**
   * The region's manager: hears of a case on the coordinator's desk that nobody assigned within the
   * coordinator's time limit. Without one, that e-mail goes to the coordinator's address.
   */
  manager: contactSchema.optional(),
  mailFrom: z.email(),
  /** The time limits a case lives under; the treeknorm's when left out (shared/domain/time-limits.ts). */
  timeLimits: z
    .strictObject({
      remindAfterWorkingDays: z.int().min(1),
      escalateAfterWorkingDays: z.int().min(1),
      firstContactWithinWeeks: z.number().positive(),
      treeknormWeeks: z.number().positive(),
      reassessAfterWeeks: z.number().positive(),
      holidays: z.enum(HOLIDAY_CALENDARS),
      closedDays: z.array(z.iso.date()),
    })
    .partial()
    .optional(),
  /**
   * How the region runs its team of cliëntondersteuners. `handOverReturnsAfterAbsence`: a case handed
   * over for someone's absence goes back to them once the absence is over (default false: it stays).
   */
  team: z.strictObject({ handOverReturnsAfterAbsence: z.boolean() }).partial().optional(),
  /** How long closed cases keep their client details, and how long their counted facts stay after. */
  retention: z
    .strictObject({
      /** From closing until the client details are removed; at least the re-entry year. */
      pseudonymiseAfterDays: z.int().min(365),
      /** From pseudonymisation until DynamoDB TTL deletes what is left. */
      deleteAfterDays: z.int().min(1),
    })
    .partial()
    .optional(),
});
export type Region = z.infer<typeof RegionSchema>;

export interface RegionConfig {
  region: Region;
  triageRules: TriageRuleSet;
}
