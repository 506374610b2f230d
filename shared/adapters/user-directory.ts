import { randomUUID } from 'node:crypto';
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminDisableUserCommand,
  AdminEnableUserCommand,
  ListUsersCommand,
  UsernameExistsException,
  type CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import { SendEmailCommand, type SESv2Client } from '@aws-sdk/client-sesv2';
import { invitationEmail, type UserAccount } from '../domain/user-account.ts';

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
  readonly #client: CognitoIdentityProviderClient;
  readonly #userPoolId: string;

  constructor(client: CognitoIdentityProviderClient, userPoolId: string) {
    this.#client = client;
    this.#userPoolId = userPoolId;
  }

  async emailInUse(email: string): Promise<boolean> {
    const { Users } = await this.#client.send(new ListUsersCommand({ UserPoolId: this.#userPoolId, Filter: `email = "${email.replace(/["\\]/g, '')}"`, Limit: 1 }));
    return (Users?.length ?? 0) > 0;
  }

  async create(user: NewUser): Promise<string> {
    let created;
    try {
      created = await this.#client.send(
        new AdminCreateUserCommand({ UserPoolId: this.#userPoolId, Username: user.email, UserAttributes: cognitoAttributes(user), DesiredDeliveryMediums: ['EMAIL'] }),
      );
    } catch (error) {
      if (error instanceof UsernameExistsException) throw new EmailInUse();
      throw error;
    }
    const sub = created.User?.Attributes?.find((attribute) => attribute.Name === 'sub')?.Value ?? created.User?.Username;
    if (!sub) throw new Error('Cognito created a user without a sub');
    await this.#client.send(new AdminAddUserToGroupCommand({ UserPoolId: this.#userPoolId, Username: user.email, GroupName: user.role }));
    return sub;
  }

  async invited(): Promise<void> {
    // Cognito sent the invitation with AdminCreateUser (the user pool's invitation message).
  }

  async setActive(account: UserAccount, active: boolean): Promise<void> {
    const input = { UserPoolId: this.#userPoolId, Username: account.email };
    await this.#client.send(active ? new AdminEnableUserCommand(input) : new AdminDisableUserCommand(input));
  }
}

/**
 * Locally: the users table is the development IdP's directory, so an account exists once its
 * record does, and `active` there is what the IdP checks at sign-in. The invitation goes through
 * SES (the local mailbox) with the link to sign in.
 */
export class TableUserDirectory implements UserDirectory {
  readonly #ses: SESv2Client;
  readonly #signInUrl: string;

  constructor(ses: SESv2Client, signInUrl: string) {
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
    await this.#ses.send(
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
