import { randomUUID } from 'node:crypto';
import type { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import type { SESv2Client } from '@aws-sdk/client-sesv2';
import { invitationEmail, type UserAccount } from '../domain/user-account.ts';
import { sesSdk } from './ses-client.ts';

/** What the identity provider needs of an account to sign it in: everything but its id and history. */
export type NewUser = Omit<UserAccount, 'userId' | 'active' | 'invitedAt' | 'invitedBy' | 'changedAt' | 'history'>;

export class EmailInUse extends Error {
  constructor() {
    super('The e-mail address has an account already');
    this.name = 'EmailInUse';
  }
}

/**
 * The identity provider's accounts, as the users function manages them: Cognito on AWS, the users
 * table itself locally (which the development IdP signs in from). The users table keeps the
 * region's record of every account and its history in both cases; this is who can sign in.
 */
export interface UserDirectory {
  /** Whether the identity provider has an account with this address (made by hand, say). */
  emailInUse(email: string): Promise<boolean>;
  /** Makes the account, with its role as group and the claims the API reads; its user id. Throws EmailInUse. */
  create(user: NewUser): Promise<string>;
  /** The account is in the users table now: tell the person (Cognito has sent its own invitation). */
  invited(account: UserAccount, context: { regionName: string; invitedByName?: string; from: string }): Promise<void>;
  /** Deactivates (no sign-in, no new tokens) or reactivates the account. */
  setActive(account: UserAccount, active: boolean): Promise<void>;
}

/** The attributes of the user pool the API reads (shared/http/auth.ts), as Cognito names them. */
export function cognitoAttributes(user: NewUser): { Name: string; Value: string }[] {
  const attributes: [string, string | undefined][] = [
    ['email', user.email],
    ['email_verified', 'true'],
    ['name', user.name],
    ['custom:organisation_id', user.organisationId],
    ['custom:organisation_name', user.organisationName],
    ['custom:contact_person_id', user.contactPersonId],
    ['custom:referrer_kind', user.referrerKind],
    ['custom:region_id', user.regionId],
  ];
  return attributes.filter((pair): pair is [string, string] => Boolean(pair[1])).map(([Name, Value]) => ({ Name, Value }));
}

/**
 * Cognito on AWS: AdminCreateUser (Cognito e-mails the invitation with a temporary password; MFA
 * is set up at first sign-in), AdminAddUserToGroup (the role), AdminDisableUser/AdminEnableUser,
 * ListUsers to find an address. The function may do these on its user pool and nothing else.
 */
export class CognitoUserDirectory implements UserDirectory {
  readonly #client: () => Promise<CognitoIdentityProviderClient>;
  readonly #userPoolId: string;

  /**
   * The client is asked for at the first call, which loads the Cognito SDK (cognitoClient below):
   * reading and listing accounts need only the users table, and loading the SDK costs the cold start.
   */
  constructor(client: () => Promise<CognitoIdentityProviderClient>, userPoolId: string) {
    this.#client = client;
    this.#userPoolId = userPoolId;
  }

  async emailInUse(email: string): Promise<boolean> {
    const [client, { ListUsersCommand }] = await Promise.all([this.#client(), cognitoSdk()]);
    const { Users } = await client.send(new ListUsersCommand({ UserPoolId: this.#userPoolId, Filter: `email = "${email.replace(/["\\]/g, '')}"`, Limit: 1 }));
    return (Users?.length ?? 0) > 0;
  }

  async create(user: NewUser): Promise<string> {
    const [client, { AdminAddUserToGroupCommand, AdminCreateUserCommand, UsernameExistsException }] = await Promise.all([this.#client(), cognitoSdk()]);
    let created;
    try {
      created = await client.send(
        new AdminCreateUserCommand({ UserPoolId: this.#userPoolId, Username: user.email, UserAttributes: cognitoAttributes(user), DesiredDeliveryMediums: ['EMAIL'] }),
      );
    } catch (error) {
      if (error instanceof UsernameExistsException) throw new EmailInUse();
      throw error;
    }
    const sub = created.User?.Attributes?.find((attribute) => attribute.Name === 'sub')?.Value ?? created.User?.Username;
    if (!sub) throw new Error('Cognito created a user without a sub');
    await client.send(new AdminAddUserToGroupCommand({ UserPoolId: this.#userPoolId, Username: user.email, GroupName: user.role }));
    return sub;
  }

  async invited(): Promise<void> {
    // Cognito sent the invitation with AdminCreateUser (the user pool's invitation message).
  }

  async setActive(account: UserAccount, active: boolean): Promise<void> {
    const [client, { AdminDisableUserCommand, AdminEnableUserCommand }] = await Promise.all([this.#client(), cognitoSdk()]);
    const input = { UserPoolId: this.#userPoolId, Username: account.email };
    await client.send(active ? new AdminEnableUserCommand(input) : new AdminDisableUserCommand(input));
  }
}

// The Cognito SDK, loaded at the first call that needs it (a dynamic import of an external module
// stays lazy in the bundle).
let cognito: Promise<typeof import('@aws-sdk/client-cognito-identity-provider')> | undefined;
const cognitoSdk = () => (cognito ??= import('@aws-sdk/client-cognito-identity-provider'));
let cognitoClientOnce: Promise<CognitoIdentityProviderClient> | undefined;

/** The function's Cognito client, made at its first use. */
export function cognitoClient(): Promise<CognitoIdentityProviderClient> {
  cognitoClientOnce ??= cognitoSdk().then(({ CognitoIdentityProviderClient }) => new CognitoIdentityProviderClient({}));
  return cognitoClientOnce;
}

/**
 * Locally: the users table is the development IdP's directory, so an account exists once its
 * record does, and `active` there is what the IdP checks at sign-in. The invitation goes through
 * SES (the local mailbox) with the link to sign in.
 */
export class TableUserDirectory implements UserDirectory {
  readonly #ses: () => Promise<SESv2Client>;
  readonly #signInUrl: string;

  /** The SES client is asked for at the first invitation (ses-client.ts loads the SDK then). */
  constructor(ses: () => Promise<SESv2Client>, signInUrl: string) {
    this.#ses = ses;
    this.#signInUrl = signInUrl;
  }

  async emailInUse(): Promise<boolean> {
    // The users table's e-mail claim is the only directory here.
    return false;
  }

  async create(): Promise<string> {
    return randomUUID();
  }

  async invited(account: UserAccount, { regionName, invitedByName, from }: { regionName: string; invitedByName?: string; from: string }): Promise<void> {
    const email = invitationEmail(account, { signInUrl: this.#signInUrl, regionName, ...(invitedByName ? { invitedByName } : {}) });
    const [ses, { SendEmailCommand }] = await Promise.all([this.#ses(), sesSdk()]);
    await ses.send(
      new SendEmailCommand({
        FromEmailAddress: from,
        Destination: { ToAddresses: [account.email] },
        Content: { Simple: { Subject: { Data: email.subject, Charset: 'UTF-8' }, Body: { Text: { Data: email.text, Charset: 'UTF-8' } } } },
        EmailTags: [{ Name: 'notification-kind', Value: 'user-invitation' }],
      }),
    );
  }

  async setActive(): Promise<void> {
    // The users table's `active`, which the caller sets, is what the development IdP reads.
  }
}
