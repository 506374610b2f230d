import * as z from './zod.ts';
import { CHANNELS, COSTS, FUNDING_SOURCES, LEVENSDOMEINEN, SERVICE_CATEGORIES, type Role } from './vocabulary.ts';

/** One offer on the sociale kaart, as the region publishes it. */
export const ServiceSchema = z.strictObject({
  serviceId: z.string().check(z.regex(/^[a-z0-9][a-z0-9-]{1,80}$/)),
  regionId: z.string(),
  name: z.string().check(z.minLength(1)),
  organisation: z.string().check(z.minLength(1)),
  /** Who may update the entry's capacity and waiting time: partner accounts of this organisation. */
  organisationId: z.string().check(z.regex(/^[a-z0-9][a-z0-9-]{1,80}$/)),
  description: z.string(),
  category: z.enum(SERVICE_CATEGORIES),
  /** Which of the acht functies of the Regiobeeld the offer fulfils (1-8). */
  functies: z.array(z.int().check(z.minimum(1), z.maximum(8))).check(z.minLength(1)),
  /** Life domains served; the first is the service's main domain. */
  domains: z.array(z.enum(LEVENSDOMEINEN)).check(z.minLength(1)),
  /** A wachtlijstoverbrugging partner: takes clients while they wait for ggz. */
  bridging: z.boolean(),
  /** The offer works in groups (a course, a group, a day programme): a client who wants no groups is not offered it. */
  inGroups: z.optional(z.boolean()),
  area: z.strictObject({
    gemeenten: z.array(z.string()),
    postcodes: z.optional(z.array(z.string().check(z.regex(/^[1-9][0-9]{3}$/)))),
  }),
  ageRange: z.strictObject({ min: z.int().check(z.minimum(0)), max: z.int().check(z.maximum(130)) }),
  languages: z.array(z.string().check(z.regex(/^[a-z]{2,3}$/))).check(z.minLength(1)),
  channels: z.array(z.enum(CHANNELS)).check(z.minLength(1)),
  /**
   * Places the offer has for clients referred through Overbrug, in total: each reservation counts
   * against it (`placesTaken`); null when the offer has no limit (a walk-in, a phone line).
   */
  capacity: z.nullable(z.int().check(z.minimum(0))),
  waitingWeeks: z.number().check(z.minimum(0)),
  lastVerified: z.iso.date(),
  fundingEnds: z.optional(z.iso.date()),
  active: z.boolean(),
  referralNeeded: z.boolean(),
  cost: z.enum(COSTS),
  funding: z.array(z.enum(FUNDING_SOURCES)).check(z.minLength(1)),
  contact: z.strictObject({ name: z.string(), email: z.email(), phone: z.optional(z.string()) }),
  /**
   * What the source's HSDS said about the service beyond the fields above (locations and addresses,
   * opening hours, phones, urls, cost options, required documents, the organisation's details, the
   * source's taxonomy terms), as HSDS 3.1 objects: shown on the entry and given back by every
   * export. Absent for entries made here. docs/sociale-kaart.md, "What is kept".
   */
  hsds: z.optional(
    z.strictObject({
      service: z.record(z.string(), z.json()),
      organization: z.optional(z.record(z.string(), z.json())),
    }),
  ),
});
export type ServiceEntry = z.infer<typeof ServiceSchema>;

/** The most places and weeks of waiting an entry can state; beyond them it is a typing error. */
export const MAX_CAPACITY = 100_000;
export const MAX_WAITING_WEEKS = 104;

/**
 * A keeper's update of an entry's places and waiting time (PUT /kaart/{serviceId}/availability):
 * the API checks it, and the web app before sending it.
 */
export const AvailabilityUpdateSchema = z
  .strictObject({
    capacity: z.optional(z.nullable(z.int({ error: 'Must be a whole number of places, or null for no limit' }).check(z.minimum(0), z.maximum(MAX_CAPACITY)))),
    waitingWeeks: z.optional(z.number({ error: 'Must be a number of weeks' }).check(z.minimum(0), z.maximum(MAX_WAITING_WEEKS))),
  })
  .check(z.refine((change) => change.capacity !== undefined || change.waitingWeeks !== undefined, { error: 'Give capacity, waitingWeeks or both' }));
export type AvailabilityUpdate = z.infer<typeof AvailabilityUpdateSchema>;

/** A service with its live reservations: how many places are taken and by which referrals. */
export interface Service extends ServiceEntry {
  placesTaken: number;
  reservedFor: string[];
}

/** The published fields of an entry: what a seed or an import writes, never the reservations. */
export const PUBLISHED_FIELDS = Object.keys(ServiceSchema.shape) as (keyof ServiceEntry)[];

/** Demo seed files give the verification age in days, so fictional data does not go stale by itself. */
export const SeedServiceSchema = z.extend(z.omit(ServiceSchema, { lastVerified: true, regionId: true, hsds: true }), {
  lastVerifiedDaysAgo: z.int().check(z.minimum(0)),
});

export const SeedSocialeKaartSchema = z.object({
  notice: z.string(),
  regionId: z.string(),
  services: z.array(SeedServiceSchema),
});

export function hasPlaceFor(service: Service, referralId: string): boolean {
  return service.capacity === null || service.placesTaken < service.capacity || service.reservedFor.includes(referralId);
}

/** An open request to the partner to confirm the entry (the link's token is stored hashed). */
export interface VerificationRequest {
  stage: 'ranked-down' | 'excluded';
  requestedAt: string;
  tokenHash: string;
  expiresAt: string;
  /** Set once the e-mail with the link went out. */
  sentAt?: string;
}

/** A service as stored: the published entry, its live reservations, and its upkeep. */
export interface KaartItem extends Service {
  updatedAt?: string;
  availabilityUpdatedAt?: string;
  /** When the vast aanspreekpunt was last changed here, and in which role. */
  contactUpdatedAt?: string;
  contactUpdatedBy?: Role;
  verification?: VerificationRequest;
}
