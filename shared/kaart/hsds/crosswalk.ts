import * as z from '../../domain/zod.ts';
import { ServiceSchema } from '../../domain/sociale-kaart.ts';
import { requiredText, text } from '../../domain/text.ts';
import { CHANNELS, FUNDING_SOURCES, LEVENSDOMEINEN, SERVICE_CATEGORIES } from '../../domain/vocabulary.ts';

// A crosswalk tells the import how another directory's HSDS maps onto our sociale kaart: which of
// their taxonomy terms (or programs, organisations, services) mean which levensdomein, category
// and functie; which of their service areas are which gemeenten; which capacity units count
// places; and explicit defaults for what the source does not say. Nothing is guessed: a field
// that neither the data, the crosswalk nor a default gives makes the service skipped, with the
// reason. The format is documented in docs/sociale-kaart.md.

const pc4 = z.string().check(z.regex(/^[1-9][0-9]{3}$/, 'A PC4 postcode: 4 digits, not starting with 0'));
const nonEmpty = () => z.string().check(z.minLength(1));

/** What a rule or the defaults may say about a service. Lists add up over rules; single values must agree. */
export const ClassificationSchema = z.strictObject({
  domains: z.optional(z.array(z.enum(LEVENSDOMEINEN)).check(z.minLength(1))),
  category: z.optional(z.enum(SERVICE_CATEGORIES)),
  functies: z.optional(z.array(z.int().check(z.minimum(1), z.maximum(8))).check(z.minLength(1))),
  bridging: z.optional(z.boolean()),
  channels: z.optional(z.array(z.enum(CHANNELS)).check(z.minLength(1))),
  referralNeeded: z.optional(z.boolean()),
  cost: z.optional(ServiceSchema.shape.cost),
  funding: z.optional(z.array(z.enum(FUNDING_SOURCES)).check(z.minLength(1))),
  waitingWeeks: z.optional(z.number().check(z.minimum(0))),
});
export type Classification = z.infer<typeof ClassificationSchema>;

/** What a rule applies to: a taxonomy term of the service, its program, organisation or the service itself. */
export const RuleMatchSchema = z.union([
  z.strictObject({ taxonomyTerm: nonEmpty() }),
  z.strictObject({ taxonomy: nonEmpty(), code: nonEmpty() }),
  z.strictObject({ taxonomy: nonEmpty(), name: nonEmpty() }),
  z.strictObject({ program: nonEmpty() }),
  z.strictObject({ organization: nonEmpty() }),
  z.strictObject({ service: nonEmpty() }),
]);
export type RuleMatch = z.infer<typeof RuleMatchSchema>;

const AreaMatchSchema = z.union([z.strictObject({ id: nonEmpty() }), z.strictObject({ name: nonEmpty() }), z.strictObject({ uri: nonEmpty() })]);

const UnitMatchSchema = z.union([
  z.strictObject({ id: nonEmpty() }),
  z.strictObject({ identifier: nonEmpty(), scheme: z.optional(nonEmpty()) }),
  z.strictObject({ name: nonEmpty() }),
]);
export type UnitMatch = z.infer<typeof UnitMatchSchema>;

const AreaSchema = z
  .strictObject({ gemeenten: z._default(z.array(nonEmpty()), []), postcodes: z._default(z.array(pc4), []) })
  .check(z.refine((area) => area.gemeenten.length + area.postcodes.length > 0, { error: 'Name at least one gemeente or postcode' }));

export const CrosswalkSchema = z.strictObject({
  /** What this crosswalk is for: the source directory, who keeps it. */
  description: requiredText(2000),
  /** Where the source data comes from and under which licence (kept with the import). */
  source: z.optional(text(2000)),
  /** The region the services go to; the CLI's --region wins. */
  regionId: z.optional(z.string()),
  /** Put before the source's ids, to keep two sources' ids apart (e.g. "sk-deventer-"). */
  idPrefix: z.optional(z.string().check(z.regex(/^[a-z0-9][a-z0-9-]{0,39}$/))),
  /**
   * Where `lastVerified` comes from: the service's `assured_date` (the default), or the date of the
   * import, for a source the beheerder vouches for as a whole.
   */
  lastVerified: z._default(z.enum(['assured_date', 'import']), 'assured_date'),
  rules: z._default(z.array(z.strictObject({ match: RuleMatchSchema, set: ClassificationSchema, note: z.optional(text(2000)) })), []),
  serviceAreas: z._default(z.array(z.strictObject({ match: AreaMatchSchema, area: AreaSchema })), []),
  /** Capacity units that count places for new clients (ours, `plaats`, always does). */
  placeUnits: z._default(z.array(UnitMatchSchema), []),
  /** For what neither the data nor a rule says. */
  defaults: z._default(
    z.extend(ClassificationSchema, {
      languages: z.optional(z.array(z.string().check(z.regex(/^[a-z]{2,3}$/))).check(z.minLength(1))),
      area: z.optional(AreaSchema),
      /** For services that name no organisation (HSDS does not require one in JSON). */
      organization: z.optional(z.strictObject({ id: ServiceSchema.shape.organisationId, name: requiredText(160) })),
      /** For services without an e-mail address anywhere: the kaart needs one to reach the partner. */
      // One line each, no BSN: they name the service's contact in e-mails, like PUT /kaart/{serviceId}/contact.
      contact: z.optional(z.strictObject({ name: text(120), email: z.email({ error: 'Must be an e-mail address' }).check(z.maxLength(254)), phone: z.optional(text(40)) })),
    }),
    {},
  ),
});
export type Crosswalk = z.infer<typeof CrosswalkSchema>;
/** A crosswalk as written in its JSON file, before defaults are filled in. */
export type CrosswalkInput = z.input<typeof CrosswalkSchema>;

/** The crosswalk for data that needs none: Overbrug's own export, or another Overbrug's. */
export const NO_CROSSWALK: Crosswalk = CrosswalkSchema.parse({ description: 'Geen crosswalk: alleen Overbrug-taxonomieën en gemeentenamen worden herkend.' });
