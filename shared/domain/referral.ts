import type { ConsentGrants } from './consent.ts';
import type { Intake, PreferredChannel } from './intake.ts';
import type { PracticalInfo } from './kaart-practical.ts';
import type { ReferralRequest } from './referral-request.ts';
import type {
  AgeBand,
  Channel,
  Levensdomein,
  NeedKey,
  NeedLevel,
  NeedOutcome,
  NotificationKind,
  ReferralStatus,
  Role,
  Route,
  ServiceCategory,
  UnmetNeedReason,
  Urgency,
  Wish,
} from './vocabulary.ts';

// The referral as stored, and the parts it is made of: the model the rest of the domain works on.
// Below lifecycle, consent, hand-off and the statistics, which import it: it imports only types
// from the modules under it (docs/architecture.md).

/** The largest request body POST /referrals accepts; a full intake fits in a fraction of it. */
export const MAX_REFERRAL_BODY_BYTES = 64 * 1024;

/** A pseudonymous client reference must not be a BSN, nor hold one (`bsn111222333`, `111.222.333`). */
export { containsBsn, looksLikeBsn } from './text.ts';
export {
  DomainAssessmentSchema,
  EMPTY_INTAKE,
  IntakeSchema,
  MAX_STORY_CHARS,
  PREFERRED_CHANNELS,
  uniqueBy,
  WaitingSchema,
  type DomainAssessment,
  type Intake,
  type PreferredChannel,
} from './intake.ts';
// The request as the API receives it lives in referral-request.ts: its schema validates phone numbers
// against libphonenumber's full metadata (270 KB), which only the functions that take a referral need.
export type { ClientContact, ReferralInput, ReferralRequest } from './referral-request.ts';

/** The referrer as stored: name, organisation and e-mail from the signed-in account; kind and phone from the form. */
export interface Referrer {
  kind: ReferralRequest['referrer']['kind'];
  name: string;
  organisation: string;
  email: string;
  phone?: string;
}

/** Who the signed-in referrer is, by their account: what a referral names as its referrer. */
export interface ReferrerAccount {
  name: string;
  organisationName: string;
  email: string;
}

/** The request's referrer as stored: who the account says, with the kind and phone the form gave. */
export const referrerOf = (request: ReferralRequest, account: ReferrerAccount): Referrer => ({
  kind: request.referrer.kind,
  name: account.name,
  organisation: account.organisationName,
  email: account.email,
  ...(request.referrer.phone ? { phone: request.referrer.phone } : {}),
});

export type ReferralId = string;

/** A need the triage asks matching to answer, per levensdomein, or a support need (peers, naasten). */
export interface Need {
  domain: NeedKey;
  level: Exclude<NeedLevel, 'none'>;
  /** When set, only services of these categories answer the need (e.g. debt help). */
  categories?: ServiceCategory[];
  reason: string;
}

export interface TriageDecision {
  route: Route;
  urgency: Urgency;
  /** In functional words; shown with the referral and in e-mails. */
  reasons: string[];
  /** The signals behind the decision (EPA, psychosis, ...): shared only with consent. */
  clinicalNotes: string[];
  /** Which rules fired, by id, for audit and for tuning the rule set. */
  rules: string[];
  ruleSet: { regionId: string; version: string };
  needs: Need[];
  bridging: boolean;
  /**
   * Social problems first: the mental-health need waits, and the contact person is asked after the
   * region's re-assessment time whether ggz is still needed (shared/domain/time-limits.ts).
   */
  reassess?: boolean;
  /** The client's wishes that matching respects (the intake's choices). */
  wishes?: Wish[];
  decidedAt: string;
}

export interface Match {
  serviceId: string;
  name: string;
  organisation: string;
  kind: 'care' | 'bridging';
  /** The need this option answers; a bridging match answers the wait itself. */
  forNeed: NeedKey | 'waiting';
  domains: Levensdomein[];
  rank: number;
  score: number;
  reasons: string[];
  waitingWeeks: number;
  placeReserved: boolean;
  contact: ServiceContact;
  /** Address, opening hours, phones, cost and how to apply, as the kaart gave them when matched. */
  practical?: PracticalInfo;
  /** Set when the contact person turned this option down; the next best option follows it. */
  declined?: { reason: string; at: string; by: string };
}

export interface ServiceContact {
  name?: string;
  email?: string;
  phone?: string;
}

export interface UnmetNeed {
  domain: NeedKey | 'waiting';
  reason: UnmetNeedReason;
  detail: string;
}

export interface ContactPersonRef {
  id: string;
  name: string;
  /** Their work e-mail and phone: how the referrer, the partner and the client reach them. */
  email: string;
  phone?: string;
}

/** A case moving between contact persons because of an absence: `absence` away from them, `return` back after it. */
export interface ContactPersonChange {
  reason: 'absence' | 'return';
  from: { id: string; name: string };
  to: string;
  /** The absent person's last day away (YYYY-MM-DD). */
  until: string;
  /** Whether the case goes back to `from` after the absence (the region's choice). */
  returns: boolean;
  at: string;
}

export type { NotificationKind } from './vocabulary.ts';

export interface SentNotification {
  kind: NotificationKind;
  notificationId: string;
  sentAt: string;
}

/** Needs or information the referrer added to an open case (POST /referrals/{id}/amendments). */
export interface Amendment {
  at: string;
  by: string;
  /** The levensdomeinen that became a need with this amendment. */
  newNeeds: Levensdomein[];
  note?: string;
  /** When the match step triaged and matched it; until then it waits for its turn. */
  processedAt?: string;
}

export interface TimelineEntry {
  event: string;
  at: string;
  /** Who made the change: a user's pseudonymous id, or the step of the pipeline. */
  by?: string;
  /** For a change a person made: in which role, and their name as the timeline shows it. */
  actor?: { role: Role; name?: string };
  /** Why, or what exactly: a reason, a route, a date. */
  detail?: string;
}

/** The referral as stored: the source of truth for where a referral is in the pipeline. */
export interface Referral {
  referralId: ReferralId;
  regionId: string;
  /** The case number people use (RV-2026-00412); absent on referrals made before case numbers. */
  caseNumber?: string;
  /** Its last digits as a number, for finding a case by them. */
  caseSequence?: number;
  status: ReferralStatus;
  /** A hash of region and client reference: finds a client's earlier cases without the reference. */
  clientKey?: string;
  /** The organisation of the signed-in referrer who submitted it: who may follow it up. */
  referrerOrganisationId?: string;
  /** The client had a case before (a repeat referral rather than a first one). */
  repeatClient?: boolean;
  /** The levensdomeinen the client asked professional help for: what the duplicate guard compares. */
  needDomains?: Levensdomein[];
  createdAt: string;
  statusChangedAt: string;
  referrer: Referrer;
  /** The client's details for routing; how to reach them is kept apart (client-contacts table). */
  client: Omit<ReferralRequest['client'], 'contact'>;
  /** Whether contact details of the client are kept in the client-contacts table. */
  hasClientContact?: boolean;
  waiting?: ReferralRequest['waiting'];
  /** Empty (no answers) while the referral awaits its netwerkintake. */
  intake: Intake;
  consent: ReferralRequest['consent'];
  triage?: TriageDecision;
  matches?: Match[];
  unmetNeeds?: UnmetNeed[];
  /** Written by versions before December 2026 (the match step planned its places here); read only to give such places back. */
  reservationPlan?: string[];
  contactPerson?: ContactPersonRef | null;
  /** Why the referral was flagged for the region, when it was. */
  flagReason?: string;
  /**
   * The last time the case moved from one contact person to another for an absence (shared/pipeline/
   * hand-over.ts): who had it, who has it now, why, and until when. The e-mails of the move read it.
   */
  contactPersonChange?: ContactPersonChange;
  /** Nobody could take the case over during its contact person's absence (from/to): the region was told, once per absence. */
  handOverFlaggedFor?: string;
  notifications?: SentNotification[];
  timeline: TimelineEntry[];
  /** Raised by every change a person makes, so two people acting at once cannot overwrite each other. */
  version?: number;
  /** Contact persons who declined this case; a new one is sought among the others. */
  declinedBy?: string[];
  firstContact?: { date: string; channel: Channel; recordedAt: string; by: string };
  /** Per need (a levensdomein, or `waiting` for bridging): what became of it. */
  outcomes?: Record<string, NeedOutcomeRecord>;
  closedAt?: string;
  /** Messages still owed (feedback to the referrer, reminders); the notify step sends and clears them. */
  pendingNotices?: NoticeKind[];
  /** What the client agreed to share, with whom; withdrawals are in `consentHistory`. */
  consentGrants?: ConsentGrants;
  consentHistory?: { at: string; by: string; recipient: string; withdrawn: string[] }[];
  /** The earlier case of this client (closed within a year) this referral continues. */
  reentryOf?: string;
  /** What the referrer added to the case after submitting it, oldest first. */
  amendments?: Amendment[];
  /** What each bridging partner did with its hand-off (accepted, first contact), by service. */
  handOffProgress?: Record<string, HandOffProgress>;
  /** When each time limit fired, so it fires once (see shared/domain/time-limits.ts). */
  remindedAt?: string;
  escalatedAt?: string;
  noFirstContactAt?: string;
  beyondTreeknormAt?: string;
  reassessmentAskedAt?: string;
  /** When the region's manager heard that nobody assigned the flagged case in time (shared/domain/desk.ts). */
  deskEscalatedAt?: string;
  /** The contact person's answer to the re-assessment of a social-first case: is ggz still needed? */
  reassessment?: { ggzStillNeeded: boolean; at: string; by: string };
  /** Set when the retention period passed and the client details were removed. */
  pseudonymisedAt?: string;
  /** When DynamoDB TTL deletes what is left (epoch seconds). */
  expiresAt?: number;
  /**
   * Kept by the store from the fields above, for the indexes: who the contact person is, which
   * bridging partner the client has, and the facts the statistics count (no client details).
   */
  contactPersonId?: string;
  bridgingServiceId?: string;
  stats?: ReferralStats;
  /** How often the sweeper re-enqueued this referral, and when it last did. */
  sweeps?: number;
  lastSweptAt?: string;
  /** Set once when the sweeper gave up re-enqueueing; a person looks at it from there. */
  stalledAt?: string;
}

/** What became of one need of the case, as the contact person recorded it. */
export interface NeedOutcomeRecord {
  result: NeedOutcome;
  unmetReason?: UnmetNeedReason;
  at: string;
  by: string;
}

/** A message the referral still owes someone; the notify step sends it (once) and clears it. */
export type NoticeKind =
  | 'contact-person-change'
  | 'referrer-contact-person-change'
  | 'region-hand-over'
  | 'bridging-partner'
  | 'bridging-partner-ended'
  | 'feedback-accepted'
  | 'feedback-first-contact'
  | 'feedback-closed'
  | 'reminder-contact-person'
  | 'escalation-region'
  | 'no-first-contact-region'
  | 'desk-escalation-manager'
  | 'intake-request'
  | 'amendment'
  | 'reassessment-contact-person';

/** What the bridging partner did with a hand-off, per service (a client can be handed to another partner later). */
export interface HandOffProgress {
  acceptedAt?: string;
  acceptedBy?: string;
  firstContact?: { date: string; recordedAt: string; by: string };
}

/** How the contact person reaches the client, as the API shows it to those who may see it. */
export interface ClientContactView {
  /** True: through the referrer's practice (nothing else was given, or the client wants it so). */
  viaReferrer: boolean;
  phone?: string;
  email?: string;
  preferredChannel?: PreferredChannel;
  bestTimes?: string;
  note?: string;
}

/**
 * What the statistics count about one referral: routes, moments and reasons, never who the client
 * is (no reference, birth year, postcode or story). Kept on the referral by the store, and the only
 * part of it the statistics function can read (through the by-region index).
 */
export interface ReferralStats {
  gemeente: string;
  ageBand: AgeBand;
  repeat: boolean;
  onGgzWaitlist: boolean;
  /** Since when the client waits for ggz (a date), when they do. */
  waitingSince?: string;
  route?: Route;
  urgency?: Urgency;
  triagedAt?: string;
  /** When the pipeline handed the case to a person: contact person, region or crisis service. */
  handedOverAt?: string;
  acceptedAt?: string;
  /** The date of the first contact with the client. */
  firstContactAt?: string;
  inCareAt?: string;
  closedAt?: string;
  /** The ggz need was answered (help got, or referred elsewhere): the client no longer waits for ggz. */
  ggzHelped: boolean;
  /**
   * Social problems first with the mental-health need left for later: `planned` until the contact
   * person answers whether ggz is still needed (the re-assessment time limit runs until then).
   */
  reassessment?: 'planned' | 'ggz-needed' | 'ggz-not-needed';
  /** Bridging was called for; whether a partner was found is `bridgingServiceId` on the referral. */
  bridgingNeeded: boolean;
  bridging: boolean;
  needDomains: Levensdomein[];
  /** Needs without an offer or with an unmet outcome, each with one of the ten reason codes. */
  unmet: { domain: string; reason: UnmetNeedReason }[];
  /** Services where the client holds a place. */
  placesAt: string[];
  flaggedForRegion: boolean;
}
