import * as z from './zod.ts';
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

// The need levels above none, as an enum of their own: zod/mini's enums have no exclude().
const needAtLeast = z.enum(NEED_LEVELS.filter((level): level is Exclude<NeedLevel, 'none'> => level !== 'none'));
const weighed = z.strictObject({ domains: z.array(z.enum(LEVENSDOMEINEN)), flags: z.optional(z.array(z.enum(FLAGS))) });

export const ConditionSchema: z.ZodMiniType<Condition> = z.lazy(() =>
  z.union([
    z.strictObject({ always: z.literal(true) }),
    z.strictObject({ flag: z.enum(FLAGS) }),
    z.strictObject({ need: z.strictObject({ domain: z.enum(LEVENSDOMEINEN), atLeast: needAtLeast }) }),
    z.strictObject({
      needsCount: z.strictObject({
        atLeast: needAtLeast,
        min: z.int().check(z.gte(1)),
        domains: z.optional(z.array(z.enum(LEVENSDOMEINEN))),
        except: z.optional(z.array(z.enum(LEVENSDOMEINEN))),
      }),
    }),
    z.strictObject({ onGgzWaitlist: z.boolean() }),
    z.strictObject({ waitingWeeksAtLeast: z.number().check(z.gte(0)) }),
    z.strictObject({ ageBetween: z.tuple([z.int(), z.int()]) }),
    z.strictObject({ consent: z.enum(['shareWithPartners', 'shareDiagnosis', 'involveNaasten']) }),
    z.strictObject({ outweighs: z.strictObject({ needs: weighed, over: weighed, by: z.number().check(z.gte(0)) }) }),
    z.strictObject({ naasteBurden: z.strictObject({ atLeast: z.enum(NAASTE_BURDENS) }) }),
    z.strictObject({ ggzConfirmed: z.boolean() }),
    z.strictObject({ route: z.array(z.enum(ROUTES)).check(z.minLength(1)) }),
    z.strictObject({ all: z.array(ConditionSchema).check(z.minLength(1)) }),
    z.strictObject({ any: z.array(ConditionSchema).check(z.minLength(1)) }),
    z.strictObject({ not: ConditionSchema }),
  ]),
);

const ruleId = z.string().check(z.regex(/^[a-z0-9-]+$/));

/**
 * A situation the region writes down with the outcome it expects (`rules test`): the intake in
 * short (age, needs per levensdomein at a level, from professionals or the own network, flags,
 * waiting, consent, wishes, the naaste), the expected route and the kinds of option the plan must
 * (and must not) ask for, and the seed lines it comes from. Loading a rule set runs them all.
 */
export const ExampleCaseSchema = z.strictObject({
  id: ruleId,
  situation: z.string().check(z.minLength(1)),
  seeds: z.array(z.string().check(z.regex(/^\d{3}:\d+(-\d+)?(, ?\d+(-\d+)?)*$/))).check(z.minLength(1)),
  intake: z.strictObject({
    age: z.int().check(z.gte(0), z.lte(120)),
    /** Needs the client wants professional help with. */
    needs: z.optional(z.partialRecord(z.enum(LEVENSDOMEINEN), needAtLeast)),
    /** Needs the client's own network takes on. */
    network: z.optional(z.partialRecord(z.enum(LEVENSDOMEINEN), needAtLeast)),
    flags: z.optional(z.array(z.enum(FLAGS))),
    waitingWeeks: z.optional(z.number().check(z.gte(0))),
    involveNaasten: z.optional(z.boolean()),
    naasteBurden: z.optional(z.enum(NAASTE_BURDENS)),
    wishes: z.optional(z.array(z.enum(WISHES))),
    /** The contact person confirmed at the re-assessment that ggz is still needed. */
    ggzConfirmed: z.optional(z.boolean()),
  }),
  expect: z.strictObject({
    route: z.enum(ROUTES),
    urgency: z.optional(z.enum(URGENCIES)),
    bridging: z.optional(z.boolean()),
    reassess: z.optional(z.boolean()),
    /** Kinds of option the plan asks for: for each, some need of the decision admits that category. */
    options: z.optional(z.array(z.enum(SERVICE_CATEGORIES))),
    /** Kinds of option no need of the plan may admit. */
    noOptions: z.optional(z.array(z.enum(SERVICE_CATEGORIES))),
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
  version: z.string().check(z.minLength(1)),
  description: z.string(),
  /** Evaluated in order; the first rule whose condition holds decides route and base urgency. */
  routeRules: z
    .array(
      z.strictObject({
        id: ruleId,
        when: ConditionSchema,
        route: z.enum(ROUTES),
        urgency: z.enum(URGENCIES),
        reason: z.string().check(z.minLength(1)),
        clinicalNote: z.optional(z.string().check(z.minLength(1))),
        /** Plan a re-assessment of the mental-health need (social problems first). */
        reassess: z.optional(z.boolean()),
      }),
    )
    .check(z.minLength(1)),
  /** What a need weighs in an `outweighs` condition, by level, and what each weighed flag adds. */
  needWeights: z.strictObject({ some: z.number().check(z.gte(0)), high: z.number().check(z.gte(0)), flag: z.number().check(z.gte(0)) }),
  /** Every rule that holds raises the urgency to at least its level. */
  urgencyRules: z.array(
    z.strictObject({
      id: ruleId,
      when: ConditionSchema,
      atLeast: z.enum(URGENCIES),
      reason: z.string().check(z.minLength(1)),
      clinicalNote: z.optional(z.string().check(z.minLength(1))),
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
        categories: z.array(z.enum(SERVICE_CATEGORIES)).check(z.minLength(1)),
      }),
      reason: z.string().check(z.minLength(1)),
      clinicalNote: z.optional(z.string().check(z.minLength(1))),
    }),
  ),
  bridging: z.strictObject({ id: ruleId, when: ConditionSchema, reason: z.string().check(z.minLength(1)) }),
  /** Which service categories may answer a mental-health need, per route. */
  mentalHealthCategories: z.record(z.enum(ROUTES), z.array(z.enum(SERVICE_CATEGORIES))),
  matching: z.strictObject({
    optionsPerNeed: z.int().check(z.gte(1), z.lte(10)),
    weights: z.strictObject({ domainFit: z.number().check(z.gte(0)), waitFit: z.number().check(z.gte(0)), freshness: z.number().check(z.gte(0)), intensity: z.number().check(z.gte(0)) }),
    /**
     * The least intensive care that is enough (`000:95-135`, `004:2327-2350`): what each functie
     * adds to the ranking as `intensity`, and the functies of admission and residential care, which
     * rank after every other option and get no reserved place unless the urgency is immediate.
     */
    intensity: z.strictObject({
      byFunctie: z.record(z.enum(['1', '2', '3', '4', '5', '6', '7', '8']), z.number().check(z.gte(0), z.lte(1))),
      admissionFuncties: z.array(z.int().check(z.gte(1), z.lte(8))),
    }),
    /** The wait a client of each urgency can be asked to accept, in weeks. */
    acceptableWaitWeeks: z.record(z.enum(URGENCIES), z.number().check(z.gte(0))),
    /**
     * Entries verified this recently count as fully fresh and rank down after; at `zeroAfterMonths`
     * freshness reaches 0, and from `excludeAfterMonths` an entry is not offered at all (its partner
     * has been asked to re-verify it; see shared/domain/freshness.ts).
     */
    freshness: z
      .strictObject({ fullUntilMonths: z.number().check(z.gte(0)), zeroAfterMonths: z.number().check(z.positive()), excludeAfterMonths: z.number().check(z.positive()) })
      .check(
        z.refine((value) => value.fullUntilMonths < value.zeroAfterMonths && value.zeroAfterMonths <= value.excludeAfterMonths, {
          error: 'Needs fullUntilMonths < zeroAfterMonths <= excludeAfterMonths',
        }),
      ),
  }),
  /** The region's example cases: loading the rule set runs them and refuses it when one breaks. */
  examples: z.array(ExampleCaseSchema),
});
export type TriageRuleSet = z.infer<typeof TriageRuleSetSchema>;

const contactSchema = z.strictObject({ name: z.string(), email: z.email(), phone: z.optional(z.string()) });

export const RegionSchema = z.strictObject({
  regionId: z.string().check(z.regex(/^[a-z0-9-]+$/)),
  name: z.string(),
  /** True for demonstration data; everything shown from such a region says so. */
  fictional: z.boolean(),
  /** The start of the region's case numbers (RV-2026-00412): two to four capitals. */
  caseNumberPrefix: z.string().check(z.regex(/^[A-Z]{2,4}$/)),
  gemeenten: z
    .array(
      z.strictObject({
        name: z.string(),
        postcodes: z.array(z.string().check(z.regex(/^[1-9][0-9]{3}$/))),
        /**
         * The region's gemeenten next to this one: where the coordinator may widen the search for a
         * contact person when nobody in the client's own gemeente has room (shared/domain/desk.ts).
         */
        neighbours: z.optional(z.array(z.string())),
      }),
    )
    .check(
      z.minLength(1),
      z.refine((gemeenten) => gemeenten.every((gemeente) => (gemeente.neighbours ?? []).every((name) => name !== gemeente.name && gemeenten.some((other) => other.name === name))), {
        error: 'A neighbour must be another gemeente of the region',
      }),
    ),
  crisisService: z.extend(contactSchema, { phone: z.string(), hours: z.string() }),
  /** National lines every referrer in crisis is pointed to as well. */
  nationalLines: z.array(z.strictObject({ name: z.string(), phone: z.string(), hours: z.string() })),
  /** The GP out-of-hours service (huisartsenpost) the client letter names for evenings and weekends. */
  huisartsenpost: z.strictObject({ name: z.string(), phone: z.string(), hours: z.string() }),
  coordinator: contactSchema,
  /**
   * The region's manager: hears of a case on the coordinator's desk that nobody assigned within the
   * coordinator's time limit. Without one, that e-mail goes to the coordinator's address.
   */
  manager: z.optional(contactSchema),
  mailFrom: z.email(),
  /** The time limits a case lives under; the treeknorm's when left out (shared/domain/time-limits.ts). */
  timeLimits: z.optional(
    z.partial(
      z.strictObject({
        remindAfterWorkingDays: z.int().check(z.gte(1)),
        escalateAfterWorkingDays: z.int().check(z.gte(1)),
        firstContactWithinWeeks: z.number().check(z.positive()),
        treeknormWeeks: z.number().check(z.positive()),
        reassessAfterWeeks: z.number().check(z.positive()),
        holidays: z.enum(HOLIDAY_CALENDARS),
        closedDays: z.array(z.iso.date()),
      }),
    ),
  ),
  /**
   * How the region runs its team of cliëntondersteuners. `handOverReturnsAfterAbsence`: a case handed
   * over for someone's absence goes back to them once the absence is over (default false: it stays).
   */
  team: z.optional(z.partial(z.strictObject({ handOverReturnsAfterAbsence: z.boolean() }))),
  /** How long closed cases keep their client details, and how long their counted facts stay after. */
  retention: z.optional(
    z.partial(
      z.strictObject({
        /** From closing until the client details are removed; at least the re-entry year. */
        pseudonymiseAfterDays: z.int().check(z.gte(365)),
        /** From pseudonymisation until DynamoDB TTL deletes what is left. */
        deleteAfterDays: z.int().check(z.gte(1)),
      }),
    ),
  ),
});
export type Region = z.infer<typeof RegionSchema>;

export interface RegionConfig {
  region: Region;
  triageRules: TriageRuleSet;
}
