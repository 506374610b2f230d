import { describe, expect, it } from 'vitest';
import { ROLES } from '#shared/access/policy.ts';
import { activeChangeRefused, GRANTABLE_ROLES, invitationEmail, inviteProblems, newAccount, UserInviteSchema, UserUpdateSchema } from '#shared/domain/user-account.ts';

const base = { email: 'T.deBoer@Praktijk.example', name: 'T. de Boer', organisationId: 'hap-de-linde' };
const parse = (body: Record<string, unknown>) => UserInviteSchema.parse(body);

describe('inviting a user', () => {
  it('takes the contract { email, name, role, organisationId }, the address in lower case, nothing else (no region)', () => {
    expect(parse({ ...base, role: 'manager' })).toEqual({ ...base, email: 't.deboer@praktijk.example', role: 'manager' });
    const refused = UserInviteSchema.safeParse({ ...base, role: 'manager', regionId: 'regio-elders' });
    expect(refused.success).toBe(false);
    expect(UserInviteSchema.safeParse({ ...base, role: 'admin' }).error?.issues[0]?.path).toEqual(['role']);
    expect(UserInviteSchema.safeParse({ ...base, role: 'manager', email: 'geen adres' }).error?.issues[0]?.path).toEqual(['email']);
    // The shared text rules: one line, no BSN.
    expect(UserInviteSchema.safeParse({ ...base, role: 'manager', name: 'Piet\nLET OP' }).success).toBe(false);
    expect(UserInviteSchema.safeParse({ ...base, role: 'manager', name: 'Piet 111222333' }).success).toBe(false);
  });

  it('lets the beheerder give every role, only within their region', () => {
    expect([...GRANTABLE_ROLES].sort()).toEqual([...ROLES].sort());
    expect(inviteProblems(parse({ ...base, role: 'manager' }), ['verwijzer'])).toEqual([expect.objectContaining({ path: 'role' })]);
  });

  it('asks what a role needs: a cliëntondersteuner its contact person, a verwijzer and partner the organisation name', () => {
    expect(inviteProblems(parse({ ...base, role: 'clientondersteuner' })).map((problem) => problem.path)).toEqual(['contactPersonId']);
    expect(inviteProblems(parse({ ...base, role: 'clientondersteuner', contactPersonId: 'cp-sanne-jansen' }))).toEqual([]);
    expect(inviteProblems(parse({ ...base, role: 'verwijzer' })).map((problem) => problem.path)).toEqual(['organisationName']);
    expect(inviteProblems(parse({ ...base, role: 'partner', organisationName: 'Stichting De Brug' }))).toEqual([]);
    expect(inviteProblems(parse({ ...base, role: 'manager', contactPersonId: 'cp-sanne-jansen', referrerKind: 'huisarts' })).map((problem) => problem.path)).toEqual([
      'contactPersonId',
      'referrerKind',
    ]);
  });
});

describe('deactivating a user', () => {
  const account = newAccount(parse({ ...base, role: 'beheerder' }), { userId: 'u-1', regionId: 'regio-voorbeeld', by: 'b-1', byName: 'B. Hoekstra', at: '2026-12-07T10:00:00.000Z' });

  it('starts the history with the invitation, by whom and when', () => {
    expect(account.active).toBe(true);
    expect(account.history).toEqual([{ at: '2026-12-07T10:00:00.000Z', change: 'invited', by: 'b-1', byName: 'B. Hoekstra', role: 'beheerder' }]);
  });

  it("refuses another region's account as if it did not exist, and one's own deactivation", () => {
    expect(activeChangeRefused(account, { id: 'b-1', regionId: 'regio-elders' }, false)).toBe('not-found');
    expect(activeChangeRefused(account, { id: 'u-1', regionId: 'regio-voorbeeld' }, false)).toBe('own-account');
    expect(activeChangeRefused(account, { id: 'u-1', regionId: 'regio-voorbeeld' }, true)).toBeUndefined();
    expect(activeChangeRefused(account, { id: 'b-1', regionId: 'regio-voorbeeld' }, false)).toBeUndefined();
  });

  it('takes { active } and nothing else', () => {
    expect(UserUpdateSchema.safeParse({ active: false }).success).toBe(true);
    expect(UserUpdateSchema.safeParse({ active: 'false' }).success).toBe(false);
    expect(UserUpdateSchema.safeParse({ active: true, role: 'beheerder' }).success).toBe(false);
  });
});

describe('the local invitation e-mail', () => {
  it('says in plain Dutch where and with which address to sign in', () => {
    const account = newAccount(parse({ ...base, role: 'manager' }), { userId: 'u-1', regionId: 'regio-voorbeeld', by: 'b-1', at: '2026-12-07T10:00:00.000Z' });
    const email = invitationEmail(account, { signInUrl: 'http://localhost:3000/', regionName: 'Regio Voorbeeld', invitedByName: 'B. Hoekstra' });
    expect(email.subject).toBe('Uitnodiging voor Overbrug (Regio Voorbeeld)');
    expect(email.text).toContain('http://localhost:3000/');
    expect(email.text).toContain('t.deboer@praktijk.example');
    expect(email.text).toContain('B. Hoekstra heeft een account voor u gemaakt');
  });
});
