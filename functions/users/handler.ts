import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { documentClient } from '#shared/adapters/aws-clients.ts';
import { ContactPersonStore } from '#shared/adapters/contact-person-store.ts';
import { sesClient } from '#shared/adapters/ses-client.ts';
import { cognitoClient, CognitoUserDirectory, EmailInUse, TableUserDirectory, type UserDirectory } from '#shared/adapters/user-directory.ts';
import { UserStore } from '#shared/adapters/user-store.ts';
import { ROLES, type Role } from '#shared/access/policy.ts';
import { requireEnv, tableName } from '#shared/config.ts';
import { activeChangeRefused, changeOf, inviteProblems, newAccount, USER_ID, UserInviteSchema, UserUpdateSchema, type UserAccount } from '#shared/domain/user-account.ts';
import { authorize, type Access } from '#shared/http/auth.ts';
import { httpHandler } from '#shared/http/http-handler.ts';
import { invalidBody, readJsonBody } from '#shared/http/request.ts';
import { json, notFound, problem } from '#shared/http/responses.ts';
import { logger } from '#shared/powertools.ts';
import { regionById } from '#shared/regions/index.ts';

const users = new UserStore(documentClient(), tableName('users'));
const contactPersons = new ContactPersonStore(documentClient(), tableName('contact-persons'));
// On AWS the user pool (USER_POOL_ID); locally the users table is the dev IdP's directory.
const directory: UserDirectory = process.env.USER_POOL_ID
  ? new CognitoUserDirectory(cognitoClient, process.env.USER_POOL_ID)
  : new TableUserDirectory(sesClient, requireEnv('PUBLIC_BASE_URL'));

/** An account as the beheerder sees it: everything but the region (theirs) and the claim keys. */
const view = ({ regionId: _region, ...account }: UserAccount) => account;

const conflict = (detail: string, extra: Record<string, unknown> = {}) => problem(409, { type: '/problems/conflict', title: 'Conflict', detail, ...extra });

async function invite(event: APIGatewayProxyEventV2, access: Access) {
  const body = readJsonBody(event, 4096);
  if (!body.ok) return body.response;
  const parsed = UserInviteSchema.safeParse(body.value);
  if (!parsed.success) return invalidBody(parsed.error.issues, 'The invitation is invalid; nobody was invited.');
  const regionId = access.caller.regionId!;
  const problems = inviteProblems(parsed.data);
  if (!problems.length && parsed.data.contactPersonId && (await contactPersons.regionOf(parsed.data.contactPersonId)) !== regionId) {
    problems.push({ path: 'contactPersonId', message: 'No contact person of your region has this id' });
  }
  if (problems.length) return invalidBody(problems, 'The invitation is invalid; nobody was invited.');
  const inUse = () => conflict('This e-mail address has an account already; nobody was invited.', { errors: [{ path: 'email', message: 'Has an account already' }] });
  if (await users.byEmail(parsed.data.email)) return inUse();
  if (await directory.emailInUse(parsed.data.email)) return inUse();
  const at = new Date().toISOString();
  let userId: string;
  try {
    userId = await directory.create({ ...parsed.data, regionId });
  } catch (error) {
    if (error instanceof EmailInUse) return inUse();
    throw error;
  }
  if (!(await users.claimEmail(parsed.data.email, userId, at))) return inUse();
  const account = newAccount(parsed.data, { userId, regionId, by: access.caller.id, ...(access.caller.name ? { byName: access.caller.name } : {}), at });
  await users.put(account);
  const { region } = regionById(regionId);
  await directory.invited(account, { regionName: region.name, from: region.mailFrom, ...(access.caller.name ? { invitedByName: access.caller.name } : {}) });
  logger.info('User invited', { userId, role: account.role });
  return json(201, view(account), { location: `/users/${userId}` });
}

async function setActive(event: APIGatewayProxyEventV2, access: Access) {
  const userId = event.pathParameters?.userId ?? '';
  if (!USER_ID.test(userId)) return notFound('This user');
  const body = readJsonBody(event, 1024);
  if (!body.ok) return body.response;
  const parsed = UserUpdateSchema.safeParse(body.value);
  if (!parsed.success) return invalidBody(parsed.error.issues, 'The change is invalid; nothing changed.');
  const { active } = parsed.data;
  const account = await users.get(userId);
  const refused = account && activeChangeRefused(account, access.caller, active);
  if (!account || refused === 'not-found') return notFound('This user');
  if (refused === 'own-account') {
    return conflict('You cannot deactivate your own account: ask another beheerder of your region.', { errors: [{ path: 'active', message: 'Not for your own account' }] });
  }
  // Already so: nothing to change, nothing to keep in the history.
  if (account.active === active) return json(200, view(account));
  await directory.setActive(account, active);
  const entry = { at: new Date().toISOString(), change: changeOf(active), by: access.caller.id, ...(access.caller.name ? { byName: access.caller.name } : {}) };
  const updated = await users.setActive(userId, access.caller.regionId!, active, entry);
  if (!updated) return notFound('This user');
  logger.info(active ? 'User reactivated' : 'User deactivated', { userId });
  return json(200, view(updated));
}

/**
 * The region's user accounts for its beheerder: who has which role, inviting someone with a role
 * and organisation, deactivating and reactivating; every change kept with who and when.
 */
export const handler = httpHandler(async (event) => {
  const auth = await authorize(event);
  if ('denied' in auth) return auth.denied;
  const { access } = auth;
  switch (access.route) {
    case 'GET /users': {
      const { role, active } = event.queryStringParameters ?? {};
      const errors = [
        ...(role !== undefined && !ROLES.includes(role as Role) ? [{ path: 'role', message: `Must be one of ${ROLES.join(', ')}` }] : []),
        ...(active !== undefined && active !== 'true' && active !== 'false' ? [{ path: 'active', message: 'Must be true or false' }] : []),
      ];
      if (errors.length) return invalidBody(errors, 'The query is invalid.');
      const items = (await users.listRegion(access.caller.regionId!))
        .filter((account) => role === undefined || account.role === role)
        .filter((account) => active === undefined || String(account.active) === active)
        .sort((a, b) => a.name.localeCompare(b.name, 'nl'))
        .map(view);
      return json(200, { items });
    }
    case 'POST /users':
      return invite(event, access);
    case 'PUT /users/{userId}':
      return setActive(event, access);
    default:
      throw new Error(`users does not serve ${access.route}`);
  }
});
