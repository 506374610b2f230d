// The region's user accounts as its beheerder keeps them: who is invited with which role and
// organisation, who is deactivated, and every change with who made it and when. Pure rules here;
// the users table (shared/adapters/user-store.ts) and the identity provider (user-directory.ts)
// keep them.
import * as z from './zod.ts';
import { REFERRER_KINDS, ROLES, type Role } from './vocabulary.ts';
import { requiredText } from './text.ts';

/**
 * The roles a beheerder may give: every role, within their own region only (the region comes from
 * their token, never from the body). Beheerder is among them: a region needs a stand-in, and the
 * one who grants it is in the history. No role reaches beyond the region: a verwijzer or partner
 * sees its organisation, a cliëntondersteuner its own cases, the others their region.
 */
export const GRANTABLE_ROLES: readonly Role[] = ROLES;

/** Ids of organisations and contact persons, as the region's data spells them. */
const id = (what: string) =>
  z.string().check(z.regex(/^[a-z0-9][a-z0-9-]{1,80}$/, { error: `Must be the ${what}'s id: a-z, 0-9 and -, 2 to 81 characters` }));

/** A work e-mail address, compared in lower case: one account per address. */
export const userEmail = () =>
  z.pipe(
    z.email({ error: 'Must be an e-mail address' }).check(z.maxLength(254, { error: 'Must be at most 254 characters' })),
    z.transform((value: string) => value.toLowerCase()),
  );

/**
 * `POST /users`: `{ email, name, role, organisationId }`, and what a role needs besides:
 * `contactPersonId` for a cliëntondersteuner (which contact person of the region's team they are),
 * `organisationName` (how a referral names its referrer, a hand-off its partner) and for a
 * verwijzer `referrerKind`.
 */
export const UserInviteSchema = z.strictObject({
  email: userEmail(),
  name: requiredText(120),
  role: z.enum(ROLES, { error: `Must be one of ${ROLES.join(', ')}` }),
  organisationId: id('organisation'),
  organisationName: z.optional(requiredText(200)),
  contactPersonId: z.optional(id('contact person')),
  referrerKind: z.optional(z.enum(REFERRER_KINDS)),
});
export type UserInvite = z.infer<typeof UserInviteSchema>;

/** `PUT /users/{userId}`: `{ active }`, deactivate or reactivate. */
export const UserUpdateSchema = z.strictObject({ active: z.boolean({ error: 'Must be true or false' }) });
export type UserUpdate = z.infer<typeof UserUpdateSchema>;

/** User ids: the identity provider's subject (a UUID on Cognito and locally alike). */
export const USER_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export interface FieldProblem {
  path: string;
  message: string;
}

/**
 * What a role's account needs beyond the body's shape, named by field: a cliëntondersteuner is one
 * contact person of the region, a verwijzer and a partner are known to clients by their
 * organisation's name. Empty when the invitation may go out.
 */
export function inviteProblems(invite: UserInvite, grantable: readonly Role[] = GRANTABLE_ROLES): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!grantable.includes(invite.role)) problems.push({ path: 'role', message: `You may give these roles: ${grantable.join(', ')}` });
  if (invite.role === 'clientondersteuner' && !invite.contactPersonId) {
    problems.push({ path: 'contactPersonId', message: 'A clientondersteuner is one contact person of the region: name which (contactPersonId)' });
  }
  if (invite.role !== 'clientondersteuner' && invite.contactPersonId) {
    problems.push({ path: 'contactPersonId', message: 'Only a clientondersteuner is a contact person' });
  }
  if ((invite.role === 'verwijzer' || invite.role === 'partner') && !invite.organisationName) {
    problems.push({ path: 'organisationName', message: `A ${invite.role} is known by the organisation's name: give it` });
  }
  if (invite.referrerKind && invite.role !== 'verwijzer') problems.push({ path: 'referrerKind', message: 'Only a verwijzer has a referrer kind' });
  return problems;
}

export type UserChange = 'invited' | 'deactivated' | 'reactivated';

/** One line of an account's history: what changed, who did it (their user id and name), when. */
export interface UserHistoryEntry {
  at: string;
  change: UserChange;
  by: string;
  byName?: string;
  role?: Role;
}

/** A user account as the users table keeps it and `GET /users` shows it. */
export interface UserAccount {
  userId: string;
  email: string;
  name: string;
  role: Role;
  regionId: string;
  organisationId: string;
  organisationName?: string;
  contactPersonId?: string;
  referrerKind?: (typeof REFERRER_KINDS)[number];
  active: boolean;
  invitedAt: string;
  invitedBy: string;
  changedAt: string;
  history: UserHistoryEntry[];
}

export function newAccount(invite: UserInvite, { userId, regionId, by, byName, at }: { userId: string; regionId: string; by: string; byName?: string; at: string }): UserAccount {
  return {
    userId,
    email: invite.email,
    name: invite.name,
    role: invite.role,
    regionId,
    organisationId: invite.organisationId,
    ...(invite.organisationName ? { organisationName: invite.organisationName } : {}),
    ...(invite.contactPersonId ? { contactPersonId: invite.contactPersonId } : {}),
    ...(invite.referrerKind ? { referrerKind: invite.referrerKind } : {}),
    active: true,
    invitedAt: at,
    invitedBy: by,
    changedAt: at,
    history: [{ at, change: 'invited', by, ...(byName ? { byName } : {}), role: invite.role }],
  };
}

/**
 * Whether the caller may set this account's `active`: only within their region, and never their
 * own (a beheerder who deactivates themselves locks the region out of its users). The reason when not.
 */
export function activeChangeRefused(account: UserAccount, caller: { id: string; regionId?: string }, active: boolean): 'not-found' | 'own-account' | undefined {
  if (account.regionId !== caller.regionId) return 'not-found';
  if (account.userId === caller.id && !active) return 'own-account';
  return undefined;
}

export const changeOf = (active: boolean): UserChange => (active ? 'reactivated' : 'deactivated');

/** The invitation e-mail of the local development sign-in (on AWS, Cognito sends its own). Dutch, B1. */
export function invitationEmail(account: UserAccount, { signInUrl, regionName, invitedByName }: { signInUrl: string; regionName: string; invitedByName?: string }) {
  return {
    subject: `Uitnodiging voor Overbrug (${regionName})`,
    text: [
      `Beste ${account.name},`,
      '',
      `${invitedByName ?? 'De beheerder'} heeft een account voor u gemaakt in Overbrug, voor ${regionName}.`,
      'Met Overbrug verwijzen we mensen met psychische klachten sneller naar de juiste hulp.',
      '',
      'Zo logt u in:',
      `1. Ga naar ${signInUrl}`,
      '2. Kies "Inloggen".',
      `3. Vul uw e-mailadres in: ${account.email}`,
      '',
      'Heeft u deze uitnodiging niet verwacht? Dan hoeft u niets te doen.',
    ].join('\n'),
  };
}
