// Who may call which route, and what they see there: the one policy table. The topology wires
// routes to functions from it, API Gateway and the local gateway route by it, the handlers enforce
// it (shared/http/auth.ts), and the role × route test holds every pair to it.

// The roles are words of the domain (shared/domain/vocabulary.ts); this table says what each may do.
import type { Role } from '../domain/vocabulary.ts';
export { ROLES, ROLE_LABELS, type Role } from '../domain/vocabulary.ts';

/**
 * What a role sees on a route:
 * - `own-organisation`: referrals submitted by the caller's organisation (status and feedback);
 * - `assigned-cases`: the cases assigned to the caller as contact person, with what the client consented to share;
 * - `own-services`: the caller's organisation's services on the sociale kaart and the hand-offs to them;
 * - `region-aggregates`: counts and shares for the caller's region, never a client record;
 * - `region-kaart`: the sociale kaart of the caller's region, to keep it right;
 * - `region-audit`: the access log of the caller's region (who read which case, when, why), never a client record;
 * - `region-team`: the cliëntondersteuners of the caller's region, their caseloads and absences, to run the team;
 * - `region-desk`: the coordinator's desk: the caller's region's referrals flagged for the region
 *   (nobody had room) or past the contact person's escalation time limit, while they are there;
 * - `region-users`: the user accounts of the caller's region: who has which role, invitations, deactivation.
 */
export const SCOPES = ['own-organisation', 'assigned-cases', 'own-services', 'region-aggregates', 'region-kaart', 'region-audit', 'region-team', 'region-desk', 'region-users'] as const;
export type Scope = (typeof SCOPES)[number];

/** The claim a signed-in user needs for a scope: who they are beyond their role. */
export const SCOPE_CLAIM: Record<Scope, 'organisationId' | 'contactPersonId' | 'regionId'> = {
  'own-organisation': 'organisationId',
  'assigned-cases': 'contactPersonId',
  'own-services': 'organisationId',
  'region-aggregates': 'regionId',
  'region-kaart': 'regionId',
  'region-audit': 'regionId',
  'region-team': 'regionId',
  'region-desk': 'regionId',
  'region-users': 'regionId',
};

/** A public route says why it needs no sign-in (the reason reviewers and cdk-nag read). */
export type RoutePolicy = { public: true; why: string } | { roles: Partial<Record<Role, Scope>> };

const HSDS_READ = 'The HSDS read API: the sociale kaart is open to professionals and clients, and to other directories.';

export const ACCESS_POLICY = {
  'GET /health': { public: true, why: 'It tells only that the API answers; load balancers and monitors call it without a token.' },
  'POST /referrals': { roles: { verwijzer: 'own-organisation' } },
  // The coordinator's desk (`?status=flagged-for-region|escalated`) and a case on it, to decide.
  'GET /referrals': { roles: { verwijzer: 'own-organisation', clientondersteuner: 'assigned-cases', coordinator: 'region-desk' } },
  'GET /referrals/{referralId}': { roles: { verwijzer: 'own-organisation', clientondersteuner: 'assigned-cases', coordinator: 'region-desk' } },
  // Who could take a case on the desk, with their current load: the coordinator chooses by hand.
  'GET /referrals/{referralId}/candidates': { roles: { coordinator: 'region-desk' } },
  // The letter for the client, printed by the referrer or the contact person, or opened to send on.
  'GET /referrals/{referralId}/client-letter': { roles: { verwijzer: 'own-organisation', clientondersteuner: 'assigned-cases' } },
  // The referrer adds needs or information to their organisation's open referral.
  'POST /referrals/{referralId}/amendments': { roles: { verwijzer: 'own-organisation' } },
  // The contact person works the case; the referrer may withdraw it or the client's consent; the
  // coordinator assigns a case on the desk by hand or widens its search.
  'POST /referrals/{referralId}/actions': { roles: { verwijzer: 'own-organisation', clientondersteuner: 'assigned-cases', coordinator: 'region-desk' } },
  'GET /hand-offs': { roles: { partner: 'own-services' } },
  // The bridging partner accepts a hand-off and records its own first contact with the client.
  'POST /hand-offs/{referralId}/actions': { roles: { partner: 'own-services' } },
  'GET /statistics': { roles: { manager: 'region-aggregates' } },
  'GET /statistics/beyond-treeknorm': { roles: { manager: 'region-aggregates' } },
  'GET /regions': { public: true, why: 'The regions served, as the web app shows them before sign-in: names, gemeenten, crisis numbers. Public information, nothing about a person.' },
  'GET /services': { public: true, why: HSDS_READ },
  'GET /services/{serviceId}': { public: true, why: HSDS_READ },
  'GET /hsds': { public: true, why: HSDS_READ },
  'GET /hsds/openapi.json': { public: true, why: HSDS_READ },
  'GET /hsds/services': { public: true, why: HSDS_READ },
  'GET /hsds/services/{serviceId}': { public: true, why: HSDS_READ },
  'GET /hsds/organizations': { public: true, why: HSDS_READ },
  'GET /hsds/organizations/{organizationId}': { public: true, why: HSDS_READ },
  'GET /hsds/service_at_locations': { public: true, why: HSDS_READ },
  'GET /hsds/service_at_locations/{serviceAtLocationId}': { public: true, why: HSDS_READ },
  'GET /hsds/taxonomies': { public: true, why: HSDS_READ },
  'GET /hsds/taxonomies/{taxonomyId}': { public: true, why: HSDS_READ },
  'GET /hsds/taxonomy_terms': { public: true, why: HSDS_READ },
  'GET /hsds/taxonomy_terms/{taxonomyTermId}': { public: true, why: HSDS_READ },
  'GET /kaart': { roles: { beheerder: 'region-kaart', partner: 'own-services' } },
  'GET /kaart/stale': { roles: { beheerder: 'region-kaart' } },
  'POST /kaart/import': { roles: { beheerder: 'region-kaart' } },
  'GET /kaart/crosswalks': { roles: { beheerder: 'region-kaart' } },
  'PUT /kaart/crosswalks/{crosswalkId}': { roles: { beheerder: 'region-kaart' } },
  'GET /kaart/{serviceId}': { roles: { beheerder: 'region-kaart', partner: 'own-services' } },
  'PUT /kaart/{serviceId}/availability': { roles: { beheerder: 'region-kaart', partner: 'own-services' } },
  // The entry's vast aanspreekpunt: whom contact persons, clients and the e-mails are told to call.
  'PUT /kaart/{serviceId}/contact': { roles: { beheerder: 'region-kaart', partner: 'own-services' } },
  'GET /kaart/{serviceId}/history': { roles: { beheerder: 'region-kaart', partner: 'own-services', manager: 'region-aggregates' } },
  // FHIR R4 (docs/fhir.md): what the server supports and its definitions are public, like any FHIR server's.
  'GET /fhir/metadata': { public: true, why: 'The FHIR CapabilityStatement: says what the server supports, as FHIR clients read it before signing in.' },
  'GET /fhir/Questionnaire/{id}': { public: true, why: "Overbrug's netwerkintake Questionnaire: a definition, no client data." },
  'GET /fhir/CodeSystem/{id}': { public: true, why: "Overbrug's code systems (levensdomeinen, statuses): definitions, no client data." },
  // A practice system (client credentials) or a referrer submits a referral as a transaction Bundle.
  'POST /fhir': { roles: { verwijzer: 'own-organisation' } },
  // The referrer's system reads its Tasks; contact persons and partners their sub-tasks.
  'GET /fhir/Task': { roles: { verwijzer: 'own-organisation', clientondersteuner: 'assigned-cases', partner: 'own-services' } },
  'GET /fhir/Task/{id}': { roles: { verwijzer: 'own-organisation', clientondersteuner: 'assigned-cases', partner: 'own-services' } },
  'PUT /fhir/Task/{id}': { roles: { verwijzer: 'own-organisation', clientondersteuner: 'assigned-cases', partner: 'own-services' } },
  'GET /fhir/ServiceRequest/{id}': { roles: { verwijzer: 'own-organisation', clientondersteuner: 'assigned-cases', partner: 'own-services' } },
  'GET /fhir/Consent/{id}': { roles: { verwijzer: 'own-organisation', clientondersteuner: 'assigned-cases' } },
  'PUT /fhir/Consent/{id}': { roles: { verwijzer: 'own-organisation', clientondersteuner: 'assigned-cases' } },
  // The privacy officer (functionaris gegevensbescherming) reads the region's access log and its signals.
  'GET /access-log': { roles: { privacy: 'region-audit' } },
  'GET /access-log/signals': { roles: { privacy: 'region-audit' } },
  // The region's team of cliëntondersteuners: the manager or the region's coordinator keeps it (docs/api.md, "The team").
  'GET /contact-persons': { roles: { manager: 'region-team', coordinator: 'region-team' } },
  'POST /contact-persons': { roles: { manager: 'region-team', coordinator: 'region-team' } },
  'GET /contact-persons/{contactPersonId}': { roles: { manager: 'region-team', coordinator: 'region-team' } },
  'PUT /contact-persons/{contactPersonId}': { roles: { manager: 'region-team', coordinator: 'region-team' } },
  'GET /contact-persons/{contactPersonId}/history': { roles: { manager: 'region-team', coordinator: 'region-team' } },
  // The region's beheerder keeps its user accounts (docs/security.md, "User accounts"): never another region's.
  'GET /users': { roles: { beheerder: 'region-users' } },
  'POST /users': { roles: { beheerder: 'region-users' } },
  'PUT /users/{userId}': { roles: { beheerder: 'region-users' } },
  'GET /kaart/verify': { public: true, why: "The confirm link in a partner's re-verification e-mail: the single-use token in it is the credential." },
  'POST /kaart/verify': { public: true, why: "The confirm link in a partner's re-verification e-mail: the single-use token in it is the credential." },
} as const satisfies Record<string, RoutePolicy>;

export type RouteKey = keyof typeof ACCESS_POLICY;
// Pure: the functions that only import isPublic through the topology (the queue consumers) leave the policy out.
export const ROUTE_KEYS = /* @__PURE__ */ Object.keys(ACCESS_POLICY) as RouteKey[];

export const policyOf = (route: RouteKey): RoutePolicy => ACCESS_POLICY[route];
export const isPublic = (route: RouteKey) => 'public' in ACCESS_POLICY[route];

/** The roles allowed on a route, in the table's order (the first one a caller has decides the scope). */
export function rolesFor(route: RouteKey): Role[] {
  const policy: RoutePolicy = ACCESS_POLICY[route];
  return 'public' in policy ? [] : (Object.keys(policy.roles) as Role[]);
}

export function scopeFor(route: RouteKey, role: Role): Scope | undefined {
  const policy: RoutePolicy = ACCESS_POLICY[route];
  return 'public' in policy ? undefined : policy.roles[role];
}

export function splitRoute(route: RouteKey): { method: 'GET' | 'POST' | 'PUT'; path: string } {
  const [method, path] = route.split(' ') as ['GET' | 'POST' | 'PUT', string];
  return { method, path };
}
