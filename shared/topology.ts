// The one declaration of what Overbrug is made of: tables, queues and functions and how they are
// wired. The CDK stack (infra/) and the local runtime (local/) both build from this, so the stack
// that runs on a laptop cannot drift from what AWS gets.

import { isPublic, type RouteKey } from './access/policy.ts';

export const SERVICE_NAME = 'overbrug';
export const METRICS_NAMESPACE = 'Overbrug';

export type TableId =
  | 'regions'
  | 'referrals'
  | 'client-contacts'
  | 'sociale-kaart'
  | 'kaart-history'
  | 'kaart-crosswalks'
  | 'contact-persons'
  | 'contact-person-history'
  | 'idempotency'
  | 'access-log'
  | 'users'
  | 'statistics-days';
export type QueueId = 'triage' | 'match' | 'notify';
export type FunctionId = 'statistics-days' | 'access-audit' | 'submit-referral' | 'list-referrals' | 'get-referral' | 'case-actions' | 'hand-offs' | 'health' | 'triage' | 'match' | 'notify' | 'sweeper' | 'time-limits' | 'kaart-admin' | 'kaart-import' | 'kaart-verify' | 'kaart-upkeep' | 'statistics' | 'retention' | 'services-api' | 'fhir-read' | 'fhir-write' | 'team' | 'team-absences' | 'desk' | 'users';
/**
 * `append`: new items only (PutItem), never a change or a delete: the access log.
 * `query:<index>`: queries on that one index and nothing else: what its projection holds.
 * `get-item`: one item by its key (GetItem) and nothing else: no query, no scan, no list.
 * `append+query:<index>`: both: the privacy officer's function reads the access log through one
 * index and logs its own use of it, and can change no entry.
 * `query:<index>,<index>`: queries on those indexes and nothing else.
 */
export type Access = 'read' | 'write' | 'read-write' | 'append' | 'get-item' | `query:${string}` | `append+query:${string}`;

export interface IndexSpec {
  partitionKey: string;
  sortKey?: string;
  /** Attributes copied into the index: all, or the keys plus the named ones (keep client data out). */
  projection: 'all' | { include: string[] };
}

export interface TableSpec {
  description: string;
  partitionKey: string;
  sortKey?: string;
  indexes: Record<string, IndexSpec>;
  timeToLiveAttribute?: string;
  /** A DynamoDB stream of the table's changes, for the function that consumes it (`consumesStreamOf`). */
  stream?: 'NEW_AND_OLD_IMAGES';
}

export interface QueueSpec {
  description: string;
  consumer: FunctionId;
  /** At least six times the consumer's timeout, as AWS advises for Lambda event sources. */
  visibilityTimeoutSeconds: number;
  /** Receives before a message moves to the queue's dead-letter queue. */
  maxReceiveCount: number;
  batchSize: number;
  maxBatchingWindowSeconds: number;
  /** Concurrent batches the event source runs (the event source mapping's maximum concurrency). */
  maxConcurrency: number;
  retentionDays: number;
  deadLetterRetentionDays: number;
}

export interface FunctionSpec {
  description: string;
  /** The handler module, relative to the repository root; it exports `handler`. */
  entry: string;
  timeoutSeconds: number;
  memoryMb: number;
  /**
   * The routes this function serves. Who may call each, and what they see, is in the access
   * policy (shared/access/policy.ts); the handler verifies the token and enforces it.
   */
  routes?: RouteKey[];
  schedule?: { rateMinutes: number };
  tables: Partial<Record<TableId, Access>>;
  sendsTo: QueueId[];
  sendsEmail: boolean;
  /**
   * Manages the region's user accounts in the identity provider: on AWS admin rights on the
   * Cognito user pool (this function only), locally the users table, which the dev IdP signs in from.
   */
  userDirectory?: true;
  /** Invoked with the changes of this table's stream (batches, partial failures reported). */
  consumesStreamOf?: TableId;
  /**
   * Directories (from the repository root) the function reads at run time and does not bundle: each
   * is copied into the function's asset under its last name, beside index.mjs, where the code finds
   * it relative to its own module as it does in the source tree.
   */
  files?: string[];
  /**
   * Modules bundled on their own beside index.mjs (file name → entry, from the repository root), as
   * CommonJS: the function requires one at its first use, so what only some requests need is
   * neither in index.mjs nor loaded at init.
   */
  modules?: Record<string, string>;
  environment: Record<string, string>;
}

export const tables: Record<TableId, TableSpec> = {
  // Written by `npm run region -- init <file>` (docs/regions.md); functions read it into memory (shared/regions).
  regions: {
    description: 'The regions this deployment serves: each with its gemeenten, time limits, crisis numbers and triage rule set, versioned',
    partitionKey: 'regionId',
    indexes: {},
  },
  referrals: {
    description: 'The referral record: the source of truth for where each referral is',
    partitionKey: 'referralId',
    // What is left of a closed case after pseudonymisation goes when its retention ends.
    timeToLiveAttribute: 'expiresAt',
    // Marks the day and month of each changed referral dirty for the statistics (statistics-days). The old
    // image too: a removed referral (retention) names its day only there.
    stream: 'NEW_AND_OLD_IMAGES',
    indexes: {
      // The sweeper finds referrals that sit too long in a non-final status; the time limits too.
      'by-status': {
        partitionKey: 'status',
        sortKey: 'statusChangedAt',
        projection: {
          include: [
            'sweeps',
            'lastSweptAt',
            'stalledAt',
            'createdAt',
            'regionId',
            'stats',
            'remindedAt',
            'escalatedAt',
            'noFirstContactAt',
            'beyondTreeknormAt',
            'reassessmentAskedAt',
            'pendingNotices',
            'pseudonymisedAt',
            'expiresAt',
            // The statistics' open cases (the "now" figures and the treeknorm list): no client details.
            'caseNumber',
            'bridgingServiceId',
            'contactPerson',
          ],
        },
      },
      // A client's earlier cases, for re-entry. The key is a hash of region and client reference.
      'by-client': { partitionKey: 'clientKey', sortKey: 'createdAt', projection: { include: ['status', 'closedAt', 'contactPerson'] } },
      // Statistics and the treeknorm list: the counted facts only (`stats`), never client details.
      'by-region': {
        partitionKey: 'regionId',
        sortKey: 'createdAt',
        projection: { include: ['caseNumber', 'status', 'statusChangedAt', 'stats', 'bridgingServiceId', 'contactPerson', 'beyondTreeknormAt'] },
      },
      // A referrer's list: the referrals of their organisation.
      'by-organisation': {
        partitionKey: 'referrerOrganisationId',
        sortKey: 'createdAt',
        projection: {
          include: ['caseNumber', 'caseSequence', 'status', 'statusChangedAt', 'stats', 'client', 'contactPerson', 'regionId', 'noFirstContactAt', 'beyondTreeknormAt'],
        },
      },
      // A contact person's inbox: the cases assigned to them.
      'by-contact-person': {
        partitionKey: 'contactPersonId',
        sortKey: 'statusChangedAt',
        projection: {
          include: ['caseNumber', 'caseSequence', 'status', 'createdAt', 'stats', 'client', 'remindedAt', 'escalatedAt', 'noFirstContactAt', 'beyondTreeknormAt', 'reassessmentAskedAt', 'regionId'],
        },
      },
      // A partner's hand-offs: the clients their service bridges the wait for.
      'by-bridging-partner': { partitionKey: 'bridgingServiceId', sortKey: 'createdAt', projection: { include: [] } },
    },
  },
  // Kept apart from the referral: only the functions that show or use it are granted it.
  'client-contacts': {
    description: "How to reach each client (phone, e-mail, best times), one item per referral; shown to the contact person, the referrer's organisation and, with consent, the bridging partner",
    partitionKey: 'referralId',
    indexes: {},
  },
  'sociale-kaart': {
    description: 'Services on the regional sociale kaart, with capacity and reservations',
    partitionKey: 'serviceId',
    indexes: { 'by-region': { partitionKey: 'regionId', sortKey: 'serviceId', projection: 'all' } },
  },
  'kaart-history': {
    description: "Every change of a service's capacity and waiting time, by whom: how waiting times move",
    partitionKey: 'serviceId',
    sortKey: 'changedAt',
    indexes: {},
  },
  'kaart-crosswalks': {
    description: "The beheerder's saved crosswalks: how another directory's HSDS maps onto the region's kaart, for its next import",
    partitionKey: 'regionId',
    sortKey: 'crosswalkId',
    indexes: {},
  },
  'contact-persons': {
    description: 'Cliëntondersteuners with the gemeenten they cover and their caseload',
    partitionKey: 'contactPersonId',
    indexes: { 'by-region': { partitionKey: 'regionId', sortKey: 'contactPersonId', projection: 'all' } },
  },
  'contact-person-history': {
    description: 'Every change of a cliëntondersteuner (added, edited, absent, cases handed over or back), by whom and when: the team\'s history',
    partitionKey: 'contactPersonId',
    sortKey: 'changedAt',
    indexes: {},
  },
  idempotency: {
    description:
      'Powertools idempotency records, so redelivery never repeats an effect; Idempotency-Key claims; the open-need guard per client',
    partitionKey: 'id',
    indexes: {},
    timeToLiveAttribute: 'expiration',
  },
  'access-log': {
    description: 'Append-only log of every read of a referral by a person',
    partitionKey: 'referralId',
    sortKey: 'accessId',
    indexes: {
      // The privacy officer's list and signals: a region's entries in time order (accessId starts
      // with the time). Who, what, when, why and the outcome; not the IP address or user agent.
      'by-region': {
        partitionKey: 'regionId',
        sortKey: 'accessId',
        projection: {
          include: ['actor', 'actorName', 'role', 'organisationId', 'organisationName', 'contactPersonId', 'route', 'action', 'purpose', 'outcome', 'at'],
        },
      },
    },
  },
  'statistics-days': {
    description:
      "Per region and Dutch day, and per month (sort key month#2026-11), the statistics of its referrals (counts per gemeente, waiting-time histograms, what the open ones add to the now figures), kept up to date from the referrals' stream: what GET /statistics reads instead of every referral and every open case",
    partitionKey: 'regionId',
    sortKey: 'day',
    indexes: {},
  },
  users: {
    description:
      "The region's user accounts as its beheerder invited them (role, organisation, active) with every change, who and when; one e-mail claim item per account. The dev IdP's directory locally",
    partitionKey: 'userId',
    // The beheerder's list; the e-mail claim items have no region and stay out.
    indexes: { 'by-region': { partitionKey: 'regionId', sortKey: 'email', projection: 'all' } },
  },
};

const CONSUMER_TIMEOUT_SECONDS = 15;

const consumerQueue = (description: string, consumer: FunctionId): QueueSpec => ({
  description,
  consumer,
  visibilityTimeoutSeconds: 6 * CONSUMER_TIMEOUT_SECONDS,
  maxReceiveCount: 5,
  batchSize: 10,
  maxBatchingWindowSeconds: 0,
  maxConcurrency: 2,
  retentionDays: 4,
  // As long as SQS allows: a dead letter waits for a person to look at it and redrive it.
  deadLetterRetentionDays: 14,
});

export const queues: Record<QueueId, QueueSpec> = {
  triage: /* @__PURE__ */ consumerQueue('Referrals received, waiting for triage', 'triage'),
  match: /* @__PURE__ */ consumerQueue('Triaged referrals, waiting for matching and a contact person', 'match'),
  notify: /* @__PURE__ */ consumerQueue('Matched referrals, waiting for their notifications', 'notify'),
};

/** A function reads the regions table again when what it loaded is this old (shared/regions). */
export const REGIONS_CACHE_SECONDS = 60;

/** The sweeper re-enqueues a referral that sat this long in a non-final status... */
export const SWEEP_STALE_AFTER_SECONDS = 10 * 60;
/** ...at most this many times; after that it is logged as stalled for a person to look at. */
export const SWEEP_MAX_ATTEMPTS = 3;

const declaredFunctions: Record<FunctionId, FunctionSpec> = {
  'access-audit': {
    description: "GET /access-log, GET /access-log/signals: the privacy officer's view of the region's access log, each use logged",
    entry: 'functions/access-audit/handler.ts',
    timeoutSeconds: 20,
    memoryMb: 512,
    routes: ['GET /access-log', 'GET /access-log/signals'],
    // The log through its by-region index only, and its own use appended; a client's referrals
    // (for the client reference filter) through the by-client index, a case's (for the case number
    // filter) through the by-region index: ids, never a client record.
    tables: { regions: 'read', 'access-log': 'append+query:by-region', referrals: 'query:by-client,by-region' },
    sendsTo: [],
    sendsEmail: false,
    environment: {},
  },
  'submit-referral': {
    description: 'POST /referrals: validates, triages and stores a referral, then enqueues it for matching (a crisis for notify)',
    entry: 'functions/submit-referral/handler.ts',
    timeoutSeconds: 10,
    memoryMb: 512,
    routes: ['POST /referrals'],
    // Reads too: a client's earlier cases (re-entry) through the by-client index; the access log
    // gets the duplicate guard's look into another organisation's referral.
    tables: { regions: 'read', referrals: 'read-write', 'client-contacts': 'write', idempotency: 'read-write', 'access-log': 'append' },
    // Triage only for a referral an earlier version stored untriaged and that is submitted again.
    sendsTo: ['match', 'notify', 'triage'],
    sendsEmail: false,
    environment: {},
  },
  'list-referrals': {
    description: "GET /referrals: a verwijzer's referrals of their organisation, a cliëntondersteuner's inbox, the coordinator's desk",
    entry: 'functions/list-referrals/handler.ts',
    timeoutSeconds: 10,
    memoryMb: 512,
    routes: ['GET /referrals'],
    tables: { regions: 'read', referrals: 'read', 'access-log': 'append' },
    sendsTo: [],
    sendsEmail: false,
    environment: {},
  },
  'get-referral': {
    description: 'GET /referrals/{referralId}: status, triage, matches and timeline of one referral; its letter for the client',
    entry: 'functions/get-referral/handler.ts',
    timeoutSeconds: 10,
    memoryMb: 256,
    routes: ['GET /referrals/{referralId}', 'GET /referrals/{referralId}/client-letter'],
    tables: { regions: 'read', referrals: 'read', 'client-contacts': 'read', 'access-log': 'append' },
    sendsTo: [],
    sendsEmail: false,
    environment: {},
  },
  desk: {
    description: "GET /referrals/{referralId}/candidates: who could take a case on the coordinator's desk, with their current load",
    entry: 'functions/desk/handler.ts',
    timeoutSeconds: 10,
    memoryMb: 256,
    routes: ['GET /referrals/{referralId}/candidates'],
    // The case (its region, gemeente, who declined it) and the region's contact persons with their load.
    tables: { regions: 'read', referrals: 'read', 'contact-persons': 'read', 'access-log': 'append' },
    sendsTo: [],
    sendsEmail: false,
    environment: {},
  },
  'case-actions': {
    description:
      'POST /referrals/{referralId}/actions: the contact person accepts, declines, records first contact and outcomes, closes; the coordinator assigns by hand; POST /referrals/{referralId}/amendments: the referrer adds to it',
    entry: 'functions/case-actions/handler.ts',
    timeoutSeconds: 10,
    memoryMb: 512,
    routes: ['POST /referrals/{referralId}/actions', 'POST /referrals/{referralId}/amendments'],
    // The client's contact details: the case view it answers with shows them to the contact person.
    tables: {
      regions: 'read',
      referrals: 'read-write',
      'client-contacts': 'read',
      'sociale-kaart': 'read-write',
      'contact-persons': 'read-write',
      idempotency: 'read-write',
      'access-log': 'append',
    },
    // Triage: a referral whose netwerkintake the contact person recorded goes there.
    sendsTo: ['triage', 'match', 'notify'],
    sendsEmail: false,
    environment: {},
  },
  'hand-offs': {
    description:
      "GET /hand-offs: a partner's clients for waitlist bridging, with what the client consents to share; POST /hand-offs/{referralId}/actions: the partner accepts and records its first contact",
    entry: 'functions/hand-offs/handler.ts',
    timeoutSeconds: 10,
    memoryMb: 512,
    routes: ['GET /hand-offs', 'POST /hand-offs/{referralId}/actions'],
    tables: { regions: 'read', referrals: 'read-write', 'client-contacts': 'read', 'sociale-kaart': 'read', 'access-log': 'append' },
    sendsTo: [],
    sendsEmail: false,
    environment: {},
  },
  health: {
    description: 'GET /health: the API answers',
    entry: 'functions/health/handler.ts',
    timeoutSeconds: 3,
    memoryMb: 128,
    routes: ['GET /health'],
    tables: {},
    sendsTo: [],
    sendsEmail: false,
    environment: {},
  },
  'services-api': {
    description:
      'The sociale kaart as the Open Referral HSDS 3.1 API, public: /hsds (services, organizations, service_at_locations, taxonomies, taxonomy_terms) and GET /services; and GET /regions, the regions served',
    entry: 'functions/services-api/handler.ts',
    timeoutSeconds: 10,
    memoryMb: 1024,
    routes: [
      'GET /regions',
      'GET /services',
      'GET /services/{serviceId}',
      'GET /hsds',
      'GET /hsds/openapi.json',
      'GET /hsds/services',
      'GET /hsds/services/{serviceId}',
      'GET /hsds/organizations',
      'GET /hsds/organizations/{organizationId}',
      'GET /hsds/service_at_locations',
      'GET /hsds/service_at_locations/{serviceAtLocationId}',
      'GET /hsds/taxonomies',
      'GET /hsds/taxonomies/{taxonomyId}',
      'GET /hsds/taxonomy_terms',
      'GET /hsds/taxonomy_terms/{taxonomyTermId}',
    ],
    tables: { regions: 'read', 'sociale-kaart': 'read' },
    sendsTo: [],
    sendsEmail: false,
    environment: {},
  },
  // The FHIR R4 interface (docs/fhir.md): its own functions, so no other bundle carries the FHIR code.
  'fhir-read': {
    description: 'GET /fhir/...: the CapabilityStatement, definitions, and Tasks, ServiceRequests and Consents as each role may see them',
    entry: 'functions/fhir-read/handler.ts',
    timeoutSeconds: 10,
    memoryMb: 1024,
    routes: ['GET /fhir/metadata', 'GET /fhir/Questionnaire/{id}', 'GET /fhir/CodeSystem/{id}', 'GET /fhir/Task', 'GET /fhir/Task/{id}', 'GET /fhir/ServiceRequest/{id}', 'GET /fhir/Consent/{id}'],
    tables: { regions: 'read', referrals: 'read', 'sociale-kaart': 'read', 'access-log': 'append' },
    sendsTo: [],
    sendsEmail: false,
    // The R4 definitions, read a resource type at a time (shared/fhir/definitions.ts), and the XML
    // conversion, loaded at the first XML request (shared/fhir/format.ts).
    files: ['shared/fhir/r4'],
    modules: { 'fhir-xml.cjs': 'shared/fhir/xml.ts' },
    environment: {},
  },
  'fhir-write': {
    description: 'POST /fhir: a referral as a transaction Bundle; PUT /fhir/Task/{id}, PUT /fhir/Consent/{id}: the moves each side makes, as case actions',
    entry: 'functions/fhir-write/handler.ts',
    timeoutSeconds: 10,
    memoryMb: 1024,
    routes: ['POST /fhir', 'PUT /fhir/Task/{id}', 'PUT /fhir/Consent/{id}'],
    // What submit-referral, case-actions and hand-offs may, for the same referrals through FHIR; the
    // client's contact details (Patient.telecom) are stored as POST /referrals stores them.
    tables: {
      regions: 'read',
      referrals: 'read-write',
      'client-contacts': 'write',
      'sociale-kaart': 'read-write',
      'contact-persons': 'read-write',
      idempotency: 'read-write',
      'access-log': 'append',
    },
    sendsTo: ['triage', 'match', 'notify'],
    sendsEmail: false,
    // The R4 definitions, read a resource type at a time (shared/fhir/definitions.ts), and the XML
    // conversion, loaded at the first XML request (shared/fhir/format.ts).
    files: ['shared/fhir/r4'],
    modules: { 'fhir-xml.cjs': 'shared/fhir/xml.ts' },
    environment: {},
  },
  triage: {
    description: 'Decides the route of received referrals; a crisis goes straight to notify',
    entry: 'functions/triage/handler.ts',
    timeoutSeconds: CONSUMER_TIMEOUT_SECONDS,
    memoryMb: 512,
    tables: { regions: 'read', referrals: 'read-write' },
    sendsTo: ['match', 'notify'],
    sendsEmail: false,
    environment: {},
  },
  match: {
    description: 'Matches triaged referrals to the sociale kaart and a bridging partner, assigns a contact person',
    entry: 'functions/match/handler.ts',
    timeoutSeconds: CONSUMER_TIMEOUT_SECONDS,
    memoryMb: 1024,
    tables: { regions: 'read', referrals: 'read-write', 'sociale-kaart': 'read-write', 'contact-persons': 'read-write' },
    sendsTo: ['notify'],
    sendsEmail: false,
    environment: { KAART_CACHE_SECONDS: '30' },
  },
  notify: {
    description: 'Sends the e-mails: a crisis to the crisis service and referrer, a matched referral to contact person, partner (with consent), region',
    entry: 'functions/notify/handler.ts',
    timeoutSeconds: CONSUMER_TIMEOUT_SECONDS,
    memoryMb: 512,
    // The client's e-mail address, for the client letter (only with the client's consent).
    tables: { regions: 'read', referrals: 'read-write', 'client-contacts': 'read', idempotency: 'read-write' },
    sendsTo: [],
    sendsEmail: true,
    environment: {},
  },
  sweeper: {
    description: 'Re-enqueues referrals that sit too long in a non-final status',
    entry: 'functions/sweeper/handler.ts',
    timeoutSeconds: 60,
    memoryMb: 256,
    schedule: { rateMinutes: 1 },
    tables: { referrals: 'read-write' },
    sendsTo: ['triage', 'match', 'notify'],
    sendsEmail: false,
    environment: {
      STALE_AFTER_SECONDS: /* @__PURE__ */ String(SWEEP_STALE_AFTER_SECONDS),
      MAX_SWEEPS: /* @__PURE__ */ String(SWEEP_MAX_ATTEMPTS),
    },
  },
  statistics: {
    description: "Routing statistics for the manager's region, counts under 5 hidden; the cases beyond the treeknorm",
    entry: 'functions/statistics/handler.ts',
    timeoutSeconds: 20,
    memoryMb: 1024,
    routes: ['GET /statistics', 'GET /statistics/beyond-treeknorm'],
    // The counted facts through the by-region index (one day at a time) and the by-status index
    // (the treeknorm list's open cases) only: never a client record. Its per-day and per-month counts in statistics-days. The
    // treeknorm list shows cases by number: each one shown goes into the access log.
    tables: { regions: 'read', referrals: 'query:by-region,by-status', 'statistics-days': 'read-write', 'sociale-kaart': 'read', 'access-log': 'append' },
    sendsTo: [],
    sendsEmail: false,
    environment: {},
  },
  'statistics-days': {
    description: "Marks the day and month of every changed referral dirty in statistics-days, from the referrals table's stream",
    entry: 'functions/statistics-days/handler.ts',
    timeoutSeconds: 30,
    memoryMb: 256,
    consumesStreamOf: 'referrals',
    // A record with keys only (none on AWS; locally when the write returned no image): region and
    // creation time by key, nothing else.
    tables: { referrals: 'get-item', 'statistics-days': 'write' },
    sendsTo: [],
    sendsEmail: false,
    environment: {},
  },
  'kaart-admin': {
    description: 'The sociale kaart for its beheerder and partners: entries, freshness, the stale list, capacity and waiting-time updates with their history, the saved crosswalks for HSDS import',
    entry: 'functions/kaart-admin/handler.ts',
    timeoutSeconds: 30,
    memoryMb: 1024,
    routes: [
      'GET /kaart',
      'GET /kaart/stale',
      'GET /kaart/{serviceId}',
      'PUT /kaart/{serviceId}/availability',
      'PUT /kaart/{serviceId}/contact',
      'GET /kaart/{serviceId}/history',
      'GET /kaart/crosswalks',
      'PUT /kaart/crosswalks/{crosswalkId}',
    ],
    tables: { regions: 'read', 'sociale-kaart': 'read-write', 'kaart-history': 'read-write', 'kaart-crosswalks': 'read-write' },
    sendsTo: [],
    sendsEmail: false,
    environment: {},
  },
  // A function of its own: the HSDS readers (CSV, versions, mapping; about 80 KB) are in no other
  // kaart route's bundle, and the beheerder's occasional import does not weigh on every kaart request.
  'kaart-import': {
    description: "The beheerder's HSDS import (JSON or a CSV package) into the region's sociale kaart, checked first or written",
    entry: 'functions/kaart-import/handler.ts',
    timeoutSeconds: 30,
    memoryMb: 1024,
    routes: ['POST /kaart/import'],
    tables: { regions: 'read', 'sociale-kaart': 'read-write', 'kaart-history': 'read-write' },
    sendsTo: [],
    sendsEmail: false,
    environment: {},
  },
  'kaart-verify': {
    description: "The one-step confirm link in a partner's re-verification e-mail",
    entry: 'functions/kaart-verify/handler.ts',
    timeoutSeconds: 10,
    memoryMb: 256,
    routes: ['GET /kaart/verify', 'POST /kaart/verify'],
    tables: { 'sociale-kaart': 'read-write' },
    sendsTo: [],
    sendsEmail: false,
    environment: {},
  },
  'kaart-upkeep': {
    description: 'Asks the partners of stale sociale-kaart entries to confirm them, once per stage',
    entry: 'functions/kaart-upkeep/handler.ts',
    timeoutSeconds: 300,
    memoryMb: 512,
    schedule: { rateMinutes: 24 * 60 },
    tables: { regions: 'read', 'sociale-kaart': 'read-write' },
    sendsTo: [],
    sendsEmail: true,
    environment: {},
  },
  retention: {
    description: 'Pseudonymises closed cases after their retention period, and deletes what TTL has not yet',
    entry: 'functions/retention/handler.ts',
    timeoutSeconds: 300,
    memoryMb: 512,
    schedule: { rateMinutes: 24 * 60 },
    tables: { regions: 'read', referrals: 'read-write', 'client-contacts': 'write' },
    sendsTo: [],
    sendsEmail: false,
    environment: {},
  },
  team: {
    description:
      "The region's team of cliëntondersteuners for its manager and coordinator: list, add, edit, deactivate, absence with hand-over of open cases, the history of every change",
    entry: 'functions/team/handler.ts',
    timeoutSeconds: 30,
    memoryMb: 512,
    routes: [
      'GET /contact-persons',
      'POST /contact-persons',
      'GET /contact-persons/{contactPersonId}',
      'PUT /contact-persons/{contactPersonId}',
      'GET /contact-persons/{contactPersonId}/history',
    ],
    // A hand-over moves cases: the absent person's open referrals (by-contact-person) change
    // contact person, caseload slots move, and the notify step tells the colleague and the referrer.
    // The answer names the cases that moved: each in the access log.
    tables: { regions: 'read', 'contact-persons': 'read-write', 'contact-person-history': 'read-write', referrals: 'read-write', 'access-log': 'append' },
    sendsTo: ['notify'],
    sendsEmail: false,
    environment: {},
  },
  'team-absences': {
    description: 'Hands over the open cases of contact persons whose absence began, and gives them back once it is over where the region chooses so',
    entry: 'functions/team-absences/handler.ts',
    timeoutSeconds: 120,
    memoryMb: 512,
    schedule: { rateMinutes: 60 },
    tables: { regions: 'read', 'contact-persons': 'read-write', 'contact-person-history': 'read-write', referrals: 'read-write' },
    sendsTo: ['notify'],
    sendsEmail: false,
    environment: {},
  },
  'time-limits': {
    description: 'Enforces the time limits of open cases (reaction, aanmeldnorm, treeknorm); catches up after downtime',
    entry: 'functions/time-limits/handler.ts',
    timeoutSeconds: 120,
    memoryMb: 512,
    schedule: { rateMinutes: 15 },
    tables: { regions: 'read', referrals: 'read-write' },
    sendsTo: ['notify', 'match'],
    sendsEmail: false,
    environment: {},
  },
  users: {
    description: "GET/POST /users, PUT /users/{userId}: the region's beheerder invites users with a role and organisation, deactivates and reactivates them",
    entry: 'functions/users/handler.ts',
    timeoutSeconds: 10,
    memoryMb: 512,
    routes: ['GET /users', 'POST /users', 'PUT /users/{userId}'],
    // The contact persons: a cliëntondersteuner's account names one of the region's team.
    tables: { regions: 'read', users: 'read-write', 'contact-persons': 'get-item' },
    sendsTo: [],
    sendsEmail: false,
    userDirectory: true,
    environment: {},
  },
};

/**
 * Every function that serves a signed-in route reads one item of the users table per caller (cached
 * briefly): a deactivated account's tokens are refused before they expire (docs/security.md).
 */
const withUsersTable = (declared: Record<FunctionId, FunctionSpec>) =>
  Object.fromEntries(
    Object.entries(declared).map(([id, spec]) => [
      id,
      spec.routes?.some((route) => !isPublic(route)) && !spec.tables.users ? { ...spec, tables: { ...spec.tables, users: 'get-item' } } : spec,
    ]),
  ) as Record<FunctionId, FunctionSpec>;

// Marked pure (as are the calls in the specs above) so that a function's bundle, which reads only a
// constant or two of this file, leaves the specs of all functions out (10 KB).
export const functions: Record<FunctionId, FunctionSpec> = /* @__PURE__ */ withUsersTable(declaredFunctions);

const envName = (id: string) => id.toUpperCase().replace(/-/g, '_');
export const tableEnvVar = (table: TableId) => `${envName(table)}_TABLE_NAME`;
export const queueEnvVar = (queue: QueueId) => `${envName(queue)}_QUEUE_URL`;

/** Physical names carry the stage, so two stages live side by side in one account. */
export const physicalName = (stage: string, id: string) => `${SERVICE_NAME}-${stage}-${id}`;
export const deadLetterQueueId = (queue: QueueId) => `${queue}-dlq`;

/** The function that consumes a table's stream, if any. */
export function streamConsumerOf(table: TableId): FunctionId | undefined {
  return (Object.keys(declaredFunctions) as FunctionId[]).find((fn) => declaredFunctions[fn].consumesStreamOf === table);
}

/** Stream records per invocation of a stream's consumer, and attempts of a failing record before it is given up (AWS: to the consumer's DLQ). */
export const STREAM_BATCH_SIZE = 100;
export const STREAM_RETRY_ATTEMPTS = 5;

export function consumedQueue(fn: FunctionId): QueueId | undefined {
  return (Object.keys(queues) as QueueId[]).find((queue) => queues[queue].consumer === fn);
}

/**
 * The environment a function runs with. Both runtimes pass their own way to name a table and
 * locate a queue (CDK tokens on AWS, emulator URLs locally); the variables are the same.
 */
export function functionEnvironment(
  fn: FunctionId,
  stage: string,
  resolve: {
    tableName: (table: TableId) => string;
    queueUrl: (queue: QueueId) => string;
    publicBaseUrl?: string;
    /** The API's own public URL, for links that go straight to it (a partner's confirm link). */
    publicApiUrl?: string;
    /**
     * The identity provider whose tokens the API accepts: Cognito on AWS, the dev IdP locally; and
     * the practice systems that sign in with client credentials (JSON: client id → organisation).
     */
    auth?: { issuer: string; audience: string; systemClients?: string };
    /** The Cognito user pool a `userDirectory` function manages (AWS); locally there is none: the users table is the directory. */
    userPoolId?: string;
  },
): Record<string, string> {
  const spec = functions[fn];
  const environment: Record<string, string> = {
    STAGE: stage,
    POWERTOOLS_SERVICE_NAME: `${SERVICE_NAME}-${fn}`,
    POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
    POWERTOOLS_LOG_LEVEL: 'INFO',
    ...spec.environment,
  };
  for (const table of Object.keys(spec.tables) as TableId[]) environment[tableEnvVar(table)] = resolve.tableName(table);
  for (const queue of spec.sendsTo) environment[queueEnvVar(queue)] = resolve.queueUrl(queue);
  if (spec.tables.regions) environment.REGIONS_CACHE_SECONDS = String(REGIONS_CACHE_SECONDS);
  if (resolve.auth && spec.routes?.some((route) => !isPublic(route))) {
    environment.AUTH_ISSUER = resolve.auth.issuer;
    environment.AUTH_AUDIENCE = resolve.auth.audience;
    if (resolve.auth.systemClients) environment.SYSTEM_CLIENTS = resolve.auth.systemClients;
  }
  // E-mails link to the referral where people can open it.
  if (spec.sendsEmail && resolve.publicBaseUrl) environment.PUBLIC_BASE_URL = resolve.publicBaseUrl;
  if (spec.sendsEmail && resolve.publicApiUrl) environment.PUBLIC_API_URL = resolve.publicApiUrl;
  // The user directory: Cognito's user pool on AWS; locally the invitation links to the web app's sign-in.
  if (spec.userDirectory && resolve.userPoolId) environment.USER_POOL_ID = resolve.userPoolId;
  if (spec.userDirectory && resolve.publicBaseUrl) environment.PUBLIC_BASE_URL = resolve.publicBaseUrl;
  const consumes = consumedQueue(fn);
  // A consumer logs a failure on the last receive as the reason its message goes to the DLQ.
  if (consumes) environment.MAX_RECEIVE_COUNT = String(queues[consumes].maxReceiveCount);
  return environment;
}
