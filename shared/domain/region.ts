import { z } from 'zod';
import { HOLIDAY_CALENDARS } from './dutch-calendar.ts';
import {
  FLAGS,
  LEVENSDOMEINEN,
  NEED_LEVELS,
  ROUTES,
  SERVICE_CATEGORIES,
  URGENCIES,
  type Flag,
  type Levensdomein,
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
  | { route: Route[] }
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition };

const needAtLeast = z.enum(NEED_LEVELS).exclude(['none']);

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
    z.strictObject({ route: z.array(z.enum(ROUTES)).min(1) }),
    z.strictObject({ all: z.array(ConditionSchema).min(1) }),
    z.strictObject({ any: z.array(ConditionSchema).min(1) }),
    z.strictObject({ not: ConditionSchema }),
  ]),
);

const ruleId = z.string().regex(/^[a-z0-9-]+$/);

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
      }),
    )
    .min(1),
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
        domain: z.enum(LEVENSDOMEINEN),
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
    weights: z.strictObject({ domainFit: z.number().min(0), waitFit: z.number().min(0), freshness: z.number().min(0) }),
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
    .array(z.strictObject({ name: z.string(), postcodes: z.array(z.string().regex(/^[1-9][0-9]{3}$/)) }))
    .min(1),
  crisisService: contactSchema.extend({ phone: z.string(), hours: z.string() }),
  /** National lines every referrer in crisis is pointed to as well. */
  nationalLines: z.array(z.strictObject({ name: z.string(), phone: z.string(), hours: z.string() })),
  /** The GP out-of-hours service (huisartsenpost) the client letter names for evenings and weekends. */
  huisartsenpost: z.strictObject({ name: z.string(), phone: z.string(), hours: z.string() }),
  coordinator: contactSchema,
  mailFrom: z.email(),
  /** The time limits a case lives under; the treeknorm's when left out (shared/domain/time-limits.ts). */
  timeLimits: z
    .strictObject({
      remindAfterWorkingDays: z.int().min(1),
      escalateAfterWorkingDays: z.int().min(1),
      firstContactWithinWeeks: z.number().positive(),
      treeknormWeeks: z.number().positive(),
      holidays: z.enum(HOLIDAY_CALENDARS),
      closedDays: z.array(z.iso.date()),
    })
    .partial()
    .optional(),
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
