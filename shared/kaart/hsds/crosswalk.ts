import { z } from 'zod';
import { ServiceSchema } from '../../domain/sociale-kaart.ts';
import { CHANNELS, LEVENSDOMEINEN, SERVICE_CATEGORIES } from '../../domain/vocabulary.ts';

// A crosswalk tells the import how another directory's HSDS maps onto our sociale kaart: which of
// their taxonomy terms (or programs, organisations, services) mean which levensdomein, category
// and functie; which of their service areas are which gemeenten; which capacity units count
// places; and explicit defaults for what the source does not say. Nothing is guessed: a field
// that neither the data, the crosswalk nor a default gives makes the service skipped, with the
// reason. The format is documented in docs/sociale-kaart.md.

const pc4 = z.string().regex(/^[1-9][0-9]{3}$/, 'A PC4 postcode: 4 digits, not starting with 0');

/** What a rule or the defaults may say about a service. Lists add up over rules; single values must agree. */
export const ClassificationSchema = z.strictObject({
  domains: z.array(z.enum(LEVENSDOMEINEN)).min(1).optional(),
  category: z.enum(SERVICE_CATEGORIES).optional(),
  functies: z.array(z.int().min(1).max(8)).min(1).optional(),
  bridging: z.boolean().optional(),
  channels: z.array(z.enum(CHANNELS)).min(1).optional(),
  referralNeeded: z.boolean().optional(),
  cost: ServiceSchema.shape.cost.optional(),
  funding: z.array(ServiceSchema.shape.funding.element).min(1).optional(),
  waitingWeeks: z.number().min(0).optional(),
});
export type Classification = z.infer<typeof ClassificationSchema>;

/** What a rule applies to: a taxonomy term of the service, its program, organisation or the service itself. */
export const RuleMatchSchema = z.union([
  z.strictObject({ taxonomyTerm: z.string().min(1) }),
  z.strictObject({ taxonomy: z.string().min(1), code: z.string().min(1) }),
  z.strictObject({ taxonomy: z.string().min(1), name: z.string().min(1) }),
  z.strictObject({ program: z.string().min(1) }),
  z.strictObject({ organization: z.string().min(1) }),
  z.strictObject({ service: z.string().min(1) }),
]);
export type RuleMatch = z.infer<typeof RuleMatchSchema>;

const AreaMatchSchema = z.union([z.strictObject({ id: z.string().min(1) }), z.strictObject({ name: z.string().min(1) }), z.strictObject({ uri: z.string().min(1) })]);

const UnitMatchSchema = z.union([
  z.strictObject({ id: z.string().min(1) }),
  z.strictObject({ identifier: z.string().min(1), scheme: z.string().min(1).optional() }),
  z.strictObject({ name: z.string().min(1) }),
]);
export type UnitMatch = z.infer<typeof UnitMatchSchema>;

const AreaSchema = z
  .strictObject({ gemeenten: z.array(z.string().min(1)).default([]), postcodes: z.array(pc4).default([]) })
  .refine((area) => area.gemeenten.length + area.postcodes.length > 0, { error: 'Name at least one gemeente or postcode' });

export const CrosswalkSchema = z.strictObject({
  /** What this crosswalk is for: the source directory, who keeps it. */
  description: z.string().min(1),
  /** Where the source data comes from and under which licence (kept with the import). */
  source: z.string().optional(),
  /** The region the services go to; the CLI's --region wins. */
  regionId: z.string().optional(),
  /** Put before the source's ids, to keep two sources' ids apart (e.g. "sk-deventer-"). */
  idPrefix: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{0,39}$/)
    .optional(),
  /**
   * Where `lastVerified` comes from: the service's `assured_date` (the default), or the date of the
   * import, for a source the beheerder vouches for as a whole.
   */
  lastVerified: z.enum(['assured_date', 'import']).default('assured_date'),
  rules: z.array(z.strictObject({ match: RuleMatchSchema, set: ClassificationSchema, note: z.string().optional() })).default([]),
  serviceAreas: z.array(z.strictObject({ match: AreaMatchSchema, area: AreaSchema })).default([]),
  /** Capacity units that count places for new clients (ours, `plaats`, always does). */
  placeUnits: z.array(UnitMatchSchema).default([]),
  /** For what neither the data nor a rule says. */
  defaults: ClassificationSchema.extend({
    languages: z
      .array(z.string().regex(/^[a-z]{2,3}$/))
      .min(1)
      .optional(),
    area: AreaSchema.optional(),
    /** For services that name no organisation (HSDS does not require one in JSON). */
    organization: z.strictObject({ id: ServiceSchema.shape.organisationId, name: z.string().trim().min(1) }).optional(),
    /** For services without an e-mail address anywhere: the kaart needs one to reach the partner. */
    contact: ServiceSchema.shape.contact.optional(),
  }).default({}),
});
export type Crosswalk = z.infer<typeof CrosswalkSchema>;
/** A crosswalk as written in its JSON file, before defaults are filled in. */
export type CrosswalkInput = z.input<typeof CrosswalkSchema>;

/** The crosswalk for data that needs none: Overbrug's own export, or another Overbrug's. */
export const NO_CROSSWALK: Crosswalk = CrosswalkSchema.parse({ description: 'Geen crosswalk: alleen Overbrug-taxonomieën en gemeentenamen worden herkend.' });
