// What the use cases in shared/pipeline need from the world outside, as interfaces. The adapters in
// shared/adapters implement them (DynamoDB, SQS, SES); the steps are typed against these, never
// against an adapter class, so a step can run on an in-memory double in a unit test, and the
// arrows run one way: domain <- use cases (and their ports) <- adapters and entry points.
import type { PipelineMessage } from '../../events/contracts.ts';
import type { CaseSearch } from '../domain/case-number.ts';
import type { ContactPerson, ContactPersonEntry } from '../domain/contact-person.ts';
import type { ContactPersonInput } from '../domain/contact-person-entry.ts';
import type { NoticeKind } from '../domain/lifecycle.ts';
import type { AccessRecord } from '../domain/access-audit.ts';
import type { KaartIndex } from '../domain/matching.ts';
import type { Email } from '../domain/notifications.ts';
import type { ClientContact, Referral, SentNotification, TimelineEntry } from '../domain/referral.ts';
import type { ReferralChange } from '../domain/referral-change.ts';
import type { derivedAttributes } from '../domain/referral-stats.ts';
import type { Pseudonymisation } from '../domain/retention.ts';
import type { KaartItem, ServiceEntry, VerificationRequest } from '../domain/sociale-kaart.ts';
import type { CrosswalkInput } from '../kaart/hsds/crosswalk.ts';
import type { ReferralStatus, Role } from '../domain/vocabulary.ts';
import type { QueueId } from '../topology.ts';

// ---- Referrals ------------------------------------------------------------------------------

/**
 * One write to a referral, conditional on what the step read: what a step asks the store to
 * persist. The change itself is the domain's (`applyChange` checks it against the lifecycle and
 * derives the index attributes); the guards below are the conditions the store writes it on.
 * Clearing notices is refused unless every notice to clear is still owed: of two notify runs that
 * sent the same notices, only one records them.
 */
export interface Transition extends ReferralChange {
  /** The status the referral must still have (default: the status it had when read); the write is refused otherwise. */
  from?: ReferralStatus;
  /** The version the referral must still have (changes by people read first, then write). */
  expectVersion?: number;
  /** Refused when this attribute is set already: what makes a time limit fire once. */
  unlessSet?: keyof Referral;
  /** Refused when the referral has a contact person (none, or none yet, as `null`): what makes an assignment happen once. */
  whileUnassigned?: boolean;
}

/** A referral as the by-region index projects it: the counted facts, no client details. */
export type RegionalReferral = Pick<
  Referral,
  'referralId' | 'caseNumber' | 'status' | 'createdAt' | 'statusChangedAt' | 'stats' | 'bridgingServiceId' | 'contactPerson' | 'beyondTreeknormAt'
>;

/** A referral as the by-status index projects it. */
export type IndexedReferral = Pick<
  Referral,
  | 'referralId'
  | 'status'
  | 'statusChangedAt'
  | 'createdAt'
  | 'regionId'
  | 'remindedAt'
  | 'escalatedAt'
  | 'noFirstContactAt'
  | 'beyondTreeknormAt'
  | 'reassessmentAskedAt'
  | 'pendingNotices'
  | 'pseudonymisedAt'
  | 'expiresAt'
> & { stats?: Referral['stats'] };

export interface StaleReferral {
  referralId: string;
  status: ReferralStatus;
  statusChangedAt: string;
  sweeps: number;
  lastSweptAt?: string;
  stalledAt?: string;
}

/** One of a client's cases, as the by-client index projects it. */
export type ClientCase = Pick<Referral, 'referralId' | 'status' | 'createdAt' | 'closedAt' | 'contactPerson'>;

/** An open referral in the way of a new one: enough to point to it, nothing of the client. */
export interface OpenReferral {
  referralId: string;
  /** Its case number, told with its id to the organisation that made it. */
  caseNumber?: string;
  /** Who made it: only that organisation is told its id. */
  referrerOrganisationId?: string;
  /** Its region: where a look into it is logged (the access log's region). */
  regionId?: string;
  /** Whom another referrer can coordinate with. */
  contactPersonName: string | null;
}

/** The referrals table: every status change a conditional write on what was read. */
export interface ReferralRecords {
  create(referral: Referral): Promise<boolean>;
  get(referralId: string): Promise<Referral | undefined>;
  getMany(referralIds: string[]): Promise<Referral[]>;
  openReferral(referralId: string): Promise<OpenReferral | undefined>;
  transition(current: Referral, transition: Transition): Promise<Referral | undefined>;
  ofRegion(regionId: string): Promise<RegionalReferral[]>;
  ofBridgingPartner(serviceId: string): Promise<Referral[]>;
  casesOfClient(clientKey: string): Promise<ClientCase[]>;
  /** The ids of the region's referrals with this case number (one, or none). */
  referralIdsOfCaseNumber(regionId: string, caseNumber: string): Promise<string[]>;
  page(
    index: 'by-organisation' | 'by-contact-person',
    key: string,
    options: { limit: number; cursor?: Record<string, unknown>; statuses?: readonly ReferralStatus[]; search?: CaseSearch },
  ): Promise<{ items: Referral[]; cursor?: Record<string, unknown> }>;
  inStatus(status: ReferralStatus, changedBefore?: string): AsyncGenerator<IndexedReferral>;
  pseudonymise(referralId: string, status: ReferralStatus, change: Pseudonymisation): Promise<boolean>;
  deleteExpired(referralId: string, nowSeconds: number): Promise<boolean>;
  stale(status: ReferralStatus, changedBefore: string): AsyncGenerator<StaleReferral>;
  markStalled(referralId: string, status: ReferralStatus, now: string): Promise<boolean>;
  inStatuses(statuses: ReferralStatus[]): AsyncGenerator<StaleReferral>;
  markSwept(referralId: string, status: ReferralStatus, now: string, sweptBefore: string, countAsRetry: boolean): Promise<boolean>;
}

/** The duplicate guard: one open referral per client and need. */
export interface NeedClaims {
  claim(clientKey: string, needs: string[], referralId: string): Promise<{ claimed: true } | { claimed: false; open: OpenReferral; need: string }>;
  release(clientKey: string, needs: string[], referralId: string): Promise<void>;
}

/** How to reach the client, kept apart from the referral. */
export interface ClientContactRecords {
  put(referralId: string, contact: ClientContact): Promise<void>;
  get(referralId: string): Promise<ClientContact | undefined>;
  delete(referralId: string): Promise<void>;
}

/** The next case number of a region's year. */
export interface CaseNumberSequence {
  next(regionId: string, year: string): Promise<number>;
}

/** Which referral an Idempotency-Key stands for. */
export interface SubmissionClaim {
  referralId: string;
  requestHash: string;
}

export interface SubmissionKeyClaims {
  claim(scope: string, idempotencyKey: string, claim: SubmissionClaim, now: Date): Promise<{ claimed: true } | { claimed: false; existing: SubmissionClaim }>;
}

// ---- Messages and e-mail ----------------------------------------------------------------------

/** The pipeline's queues. */
export interface Queue {
  send(queue: QueueId, message: PipelineMessage): Promise<void>;
}

/** Sends one e-mail; answers the provider's message id. */
export interface MailSender {
  send(email: Email): Promise<string>;
}

// ---- Capacity: places and caseloads -------------------------------------------------------------

/** Taking a slot of a counted set with a limit (a place, a caseload slot). */
export type ClaimResult = 'claimed' | 'already-held' | 'full' | 'missing';

/** What an upsert did: `other-region` when the id is taken by an entry of another region (nothing written). */
export type UpsertOutcome =
  | { outcome: 'created' | 'unchanged' }
  /** With the entry as it was, so a caller can keep the history of what changed. */
  | { outcome: 'updated'; previous: KaartItem }
  | { outcome: 'other-region'; regionId: string };

export interface Availability {
  /** Places in total for clients referred through Overbrug (those taken count against it); null for no limit. */
  capacity?: number | null;
  waitingWeeks?: number;
}

/** The sociale kaart: services, their places and their upkeep. */
export interface KaartRecords {
  get(serviceId: string): Promise<KaartItem | undefined>;
  listRegion(regionId: string): Promise<KaartItem[]>;
  listOrganisation(organisationId: string, regionId?: string): Promise<KaartItem[]>;
  reserve(serviceId: string, referralId: string): Promise<ClaimResult>;
  releasePlace(serviceId: string, referralId: string): Promise<boolean>;
  requestVerification(service: Pick<KaartItem, 'serviceId' | 'lastVerified'>, request: VerificationRequest): Promise<boolean>;
  markVerificationSent(serviceId: string, tokenHash: string, at: string): Promise<void>;
  updateAvailability(serviceId: string, change: Availability, at: string): Promise<KaartItem | undefined>;
  updateContact(serviceId: string, contact: ServiceEntry['contact'], change: { at: string; role: Role }): Promise<KaartItem | undefined>;
  upsertMany(entries: readonly ServiceEntry[], now: Date, options?: { concurrency?: number; onWritten?: (done: number) => void }): Promise<UpsertOutcome[]>;
}

/** One change of a service's places or waiting time, as it was made. */
export interface AvailabilityChange {
  serviceId: string;
  changedAt: string;
  capacity: number | null;
  waitingWeeks: number;
  /** What it was before, so a chart shows the step. */
  previous: { capacity: number | null; waitingWeeks: number };
  /** Who changed it: a person's pseudonymous id and role. */
  by: string;
  role: Role;
}

/** The history of each service's places and waiting time. */
export interface KaartChanges {
  record(change: AvailabilityChange): Promise<void>;
  of(serviceId: string, limit?: number): Promise<AvailabilityChange[]>;
}

/** A crosswalk as the beheerder saved it, for the next import from the same directory. */
export interface SavedCrosswalk {
  regionId: string;
  /** A slug the beheerder chooses, e.g. `sk-voorbeeldstad`. */
  crosswalkId: string;
  crosswalk: CrosswalkInput;
  savedAt: string;
  /** Who saved it: a person's pseudonymous id. */
  savedBy: string;
}

/** The region's saved crosswalks. */
export interface CrosswalkRecords {
  save(saved: SavedCrosswalk): Promise<void>;
  list(regionId: string): Promise<SavedCrosswalk[]>;
}

/** A contact person as the table keeps them: with the cases handed over for their absence (to take back after it). */
export interface StoredContactPerson extends ContactPerson {
  /** Referrals handed to colleagues for this person's absence, that go back to them after it. */
  handedOverCases: string[];
  /** Raised by every change through the API, so a change is written against what was read. */
  version: number;
}

/** The team: contact persons and the clients assigned to them. */
export interface ContactPersonRecords {
  listRegion(regionId: string): Promise<StoredContactPerson[]>;
  get(contactPersonId: string): Promise<StoredContactPerson | undefined>;
  create(regionId: string, person: ContactPersonEntry): Promise<boolean>;
  replace(current: StoredContactPerson, input: ContactPersonInput): Promise<StoredContactPerson | undefined>;
  noteHandedOver(contactPersonId: string, referralId: string): Promise<void>;
  forgetHandedOver(contactPersonId: string, referralId: string): Promise<void>;
  assign(contactPersonId: string, clientRef: string): Promise<ClaimResult>;
  release(contactPersonId: string, clientRef: string): Promise<boolean>;
}

/**
 * One change of a contact person, as it was made: added, edited (each field with what it was and
 * what it became), cases handed over for an absence or taken back after it. Never a client's
 * reference: the cases are counted here, named in their own timelines.
 */
export interface ContactPersonChangeRecord {
  contactPersonId: string;
  changedAt: string;
  change: 'created' | 'updated' | 'handed-over' | 'handed-back';
  /** Who made it: a person's pseudonymous id, role and name; or the scheduled run (`team-absences`). */
  by: string;
  role?: Role;
  name?: string;
  /** Per changed field: before and after (absent on a field that was or became empty). */
  fields?: Record<string, { from?: unknown; to?: unknown }>;
  /** For a hand-over: how many cases moved, and how many stayed because nobody had room. */
  cases?: { moved: number; stayed: number };
}

/** Every change of each contact person. */
export interface ContactPersonChanges {
  record(change: ContactPersonChangeRecord): Promise<void>;
  /** One person's changes, newest first. */
  of(contactPersonId: string, limit?: number): Promise<ContactPersonChangeRecord[]>;
}

/** How a message reached the step: a redelivery (`receiveCount` > 1) may follow an attempt that died halfway. */
export interface Delivery {
  receiveCount: number;
}

/**
 * The sociale kaart of a region as matching reads it: possibly a little old (capacity is guarded by
 * the conditional reservation, not by this copy), or `fresh` when a retry must see the places as
 * they are. The notes keep the copy roughly current after this process took or gave back a place.
 */
export interface KaartCache {
  kaart(regionId: string, options?: { fresh?: boolean }): Promise<KaartIndex>;
  noteReserved(regionId: string, serviceId: string, referralId: string): void;
  noteReleased(regionId: string, serviceId: string, referralId: string): void;
}

/** The access log as the privacy officer reads it, and their own use written to it. */
export interface AccessLogRecords {
  /** The region's entries from `since` up to (not including) `until`, newest first, a page at a time; `start` goes on after a cursor. */
  ofRegion(
    regionId: string,
    range: { since: string; until: string },
    start?: Record<string, string>,
  ): AsyncIterable<{ items: (AccessRecord & { accessId: string })[]; lastKey?: Record<string, string> }>;
  recordAll(entries: AccessRecord[]): Promise<void>;
}
