// Practice systems of the demo region that sign in with OAuth 2.0 client credentials, each bound to
// one organisation. Locally the development IdP knows them with this (public, demo-only) secret;
// on AWS the stack makes a Cognito app client for each and keeps its secret in Cognito.

export interface SystemClient {
  clientId: string;
  /** The organisation it acts for: it sees and submits that organisation's referrals only. */
  organisationId: string;
  name: string;
}

export const DEMO_SYSTEM_CLIENTS: readonly (SystemClient & { localSecret: string })[] = [
  { clientId: 'his-delinde', localSecret: 'local-demo-secret', organisationId: 'hap-de-linde', name: 'HIS van Huisartsenpraktijk De Linde (fictief)' },
];

/** The functions' SYSTEM_CLIENTS variable: which client is bound to which organisation. */
export const systemClientsVariable = (clients: readonly SystemClient[]) =>
  JSON.stringify(clients.map(({ clientId, organisationId, name }) => ({ clientId, organisationId, name })));
