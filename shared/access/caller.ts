import type { Role } from '../domain/vocabulary.ts';
import type { RouteKey, Scope } from './policy.ts';

// Who calls, and in which role and scope on which route: what the use cases need of a signed-in
// person. shared/http/auth.ts makes them from a verified token; nothing here knows of HTTP.

export interface Caller {
  /** The identity provider's subject: a pseudonymous user id, what the access log records. */
  id: string;
  roles: Role[];
  /** Display name, for the timeline ("who"). */
  name?: string;
  /** Their work e-mail (`email`): where mail about what they did goes, never an address from a body. */
  email?: string;
  /** Their organisation's name (`custom:organisation_name`), as a referral names its referrer. */
  organisationName?: string;
  /** The organisation a verwijzer or partner works for (`custom:organisation_id`). */
  organisationId?: string;
  /** Which contact person a cliëntondersteuner is (`custom:contact_person_id`). */
  contactPersonId?: string;
  /** The region a manager or beheerder works for (`custom:region_id`). */
  regionId?: string;
  /** A practice system signed in with client credentials: the OAuth scopes its token grants. */
  scopes?: string[];
}

/** A verified caller on a route: the role they act in there, and the scope it gives them. */
export interface Access {
  caller: Caller;
  role: Role;
  scope: Scope;
  route: RouteKey;
}
