import * as z from '../domain/zod.ts';
import { ROLES } from '../access/policy.ts';
import { REFERRER_KINDS } from '../domain/vocabulary.ts';
import voorbeeldUsers from './regio-voorbeeld/demo-users.json' with { type: 'json' };
import zuidermeerUsers from './regio-zuidermeer/demo-users.json' with { type: 'json' };

/**
 * Demo accounts of the local development sign-in, one or more per role, for the fictional demo
 * regions. Every user belongs to one region: the file's, unless the user names its own (the
 * token's `custom:region_id`). On AWS, a beheerder creates real accounts in Cognito with the same attributes.
 */
export const DemoUserSchema = z.strictObject({
  username: z.string().check(z.regex(/^[a-z0-9][a-z0-9-]{1,60}$/)),
  name: z.string().check(z.minLength(1)),
  email: z.email(),
  roles: z.array(z.enum(ROLES)).check(z.minLength(1)),
  organisationId: z.optional(z.string()),
  organisationName: z.optional(z.string()),
  referrerKind: z.optional(z.enum(REFERRER_KINDS)),
  contactPersonId: z.optional(z.string()),
  regionId: z.optional(z.string()),
});
export type DemoUser = z.infer<typeof DemoUserSchema>;

const DemoUsersFileSchema = z.strictObject({ notice: z.string(), regionId: z.string(), users: z.array(DemoUserSchema) });

export const DEMO_USERS: readonly DemoUser[] = [voorbeeldUsers, zuidermeerUsers].flatMap((file) => {
  const { regionId, users } = DemoUsersFileSchema.parse(file);
  return users.map((user) => ({ ...user, regionId: user.regionId ?? regionId }));
});

export function demoUser(username: string): DemoUser {
  const user = DEMO_USERS.find((candidate) => candidate.username === username);
  if (!user) throw new Error(`No demo user '${username}'; there are: ${DEMO_USERS.map((candidate) => candidate.username).join(', ')}`);
  return user;
}
