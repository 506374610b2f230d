import { useState } from 'preact/hooks';
import { ROLE_LABELS, ROLES, type Role } from '#shared/access/policy.ts';
import { UserInviteSchema, type UserAccount, type UserChange } from '#shared/domain/user-account.ts';
import { REFERRER_KIND_LABELS, REFERRER_KINDS, type ReferrerKind } from '#shared/domain/vocabulary.ts';
import { api, ApiProblem, describeFailure } from '../../api.ts';
import { Button } from '../../components/button.tsx';
import { focusField, SelectField, TextField } from '../../components/field.tsx';
import { formatDateTime } from '../../components/format.ts';
import { LoadFailed, Loading, useResource } from '../../components/loading.tsx';
import { Notice, type Tone } from '../../components/notice.tsx';
import { Page, Section } from '../../components/page.tsx';
import { Badge } from '../../components/status-badge.tsx';
import { textRuleMessage } from '../../text-rules.ts';

type Account = Omit<UserAccount, 'regionId'>;
type Field = 'email' | 'name' | 'role' | 'organisationId' | 'organisationName' | 'referrerKind' | 'contactPersonId';

const FIELDS: readonly Field[] = ['email', 'name', 'role', 'organisationId', 'organisationName', 'referrerKind', 'contactPersonId'];
const MESSAGES: Record<Field, string> = {
  email: 'Vul een werk-e-mailadres in, zoals naam@organisatie.nl.',
  name: 'Vul de naam in zoals collega’s die kennen (hoogstens 120 tekens).',
  role: 'Kies een rol.',
  organisationId: 'Vul de code van de organisatie in: kleine letters, cijfers en streepjes, zoals hap-de-linde.',
  organisationName: 'Vul de naam van de organisatie in. Verwijzingen en overdrachten noemen die naam.',
  referrerKind: 'Kies wat voor verwijzer dit is.',
  contactPersonId: 'Vul de code in van de cliëntondersteuner in het team van de regio, zoals cp-sanne-jansen.',
};
const CHANGE_LABELS: Record<UserChange, string> = { invited: 'uitgenodigd', deactivated: 'uitgezet', reactivated: 'weer toegelaten' };
const roleName = (role: Role) => ROLE_LABELS[role].split(' (')[0]!;

const EMPTY = { email: '', name: '', role: '' as Role | '', organisationId: '', organisationName: '', referrerKind: '' as ReferrerKind | '', contactPersonId: '' };

/** The invitation form: who, with which role, for which organisation; checked with the API's own schema first. */
function InviteSection({ onInvited }: { onInvited: (account: Account) => void }) {
  const [form, setForm] = useState(EMPTY);
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ tone: Tone; text: string; key: number } | undefined>(undefined);

  const show = (problems: { path: string; message: string }[], override: Partial<Record<Field, string>> = {}) => {
    const found = Object.fromEntries(
      problems.filter((problem): problem is { path: Field; message: string } => (FIELDS as readonly string[]).includes(problem.path)).map(({ path, message }) => [path, override[path] ?? textRuleMessage(message) ?? MESSAGES[path]]),
    );
    setErrors(found);
    const first = FIELDS.find((field) => found[field]);
    if (first) focusField(`user-${first}`);
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    const body = Object.fromEntries(Object.entries({ ...form, email: form.email.trim(), name: form.name.trim() }).filter(([, value]) => value !== ''));
    const checked = UserInviteSchema.safeParse(body);
    if (!checked.success) return show(checked.error.issues.map((issue) => ({ path: String(issue.path[0] ?? ''), message: issue.message })));
    setErrors({});
    setBusy(true);
    try {
      const account = await api<Account>('POST', '/users', { body });
      onInvited(account);
      setForm(EMPTY);
      setMessage({ tone: 'success', text: `${account.name} is uitgenodigd. Er gaat een e-mail naar ${account.email} met uitleg over inloggen.`, key: Date.now() });
    } catch (failure) {
      if (failure instanceof ApiProblem && failure.status === 409) show([{ path: 'email', message: '' }], { email: 'Dit e-mailadres heeft al een account. Zoek het op in de lijst hieronder.' });
      else if (failure instanceof ApiProblem && failure.status === 400 && failure.errors.length) show(failure.errors, { contactPersonId: failure.errors.some((error) => /region/.test(error.message)) ? 'Deze cliëntondersteuner staat niet in het team van uw regio.' : MESSAGES.contactPersonId });
      else setMessage({ tone: 'error', text: `Uitnodigen is niet gelukt. ${describeFailure(failure)}`, key: Date.now() });
    } finally {
      setBusy(false);
    }
  };

  const set = (field: Field) => (event: { currentTarget: { value: string } }) => setForm({ ...form, [field]: event.currentTarget.value });
  return (
    <Section title="Iemand uitnodigen" id="invite-title">
      <p class="muted">De persoon krijgt een e-mail met uitleg over inloggen. Iedereen logt in met een wachtwoord en een code op de telefoon.</p>
      {message ? (
        <Notice key={message.key} tone={message.tone} takeFocus>
          <p>{message.text}</p>
        </Notice>
      ) : null}
      <form class="form form-compact" onSubmit={(event) => void submit(event)} noValidate aria-label="Iemand uitnodigen">
        <TextField id="user-email" label="E-mailadres" type="email" autocomplete="off" value={form.email} error={errors.email} onInput={set('email')} />
        <TextField id="user-name" label="Naam" value={form.name} error={errors.name} onInput={set('name')} />
        <SelectField
          id="user-role"
          label="Rol"
          hint="Wat iemand mag zien en doen. U geeft alleen rollen binnen uw eigen regio."
          placeholder="Kies een rol"
          options={ROLES.map((role) => ({ value: role, label: ROLE_LABELS[role] }))}
          value={form.role}
          error={errors.role}
          onChange={(role) => setForm({ ...form, role })}
        />
        <TextField id="user-organisationId" label="Code van de organisatie" hint="Zoals hap-de-linde. Een verwijzer of partner ziet alleen wat bij deze organisatie hoort." value={form.organisationId} error={errors.organisationId} onInput={set('organisationId')} />
        {form.role === 'verwijzer' || form.role === 'partner' ? (
          <TextField id="user-organisationName" label="Naam van de organisatie" value={form.organisationName} error={errors.organisationName} onInput={set('organisationName')} />
        ) : null}
        {form.role === 'verwijzer' ? (
          <SelectField
            id="user-referrerKind"
            label="Soort verwijzer"
            placeholder="Niet opgegeven"
            options={REFERRER_KINDS.map((kind) => ({ value: kind, label: REFERRER_KIND_LABELS[kind] }))}
            value={form.referrerKind}
            error={errors.referrerKind}
            onChange={(referrerKind) => setForm({ ...form, referrerKind })}
          />
        ) : null}
        {form.role === 'clientondersteuner' ? (
          <TextField id="user-contactPersonId" label="Code van de cliëntondersteuner" hint="Zoals cp-sanne-jansen: wie dit is in het team van de regio. Zo ziet deze persoon de eigen cliënten." value={form.contactPersonId} error={errors.contactPersonId} onInput={set('contactPersonId')} />
        ) : null}
        <p class="button-row">
          <Button type="submit" busy={busy} busyLabel="Bezig met uitnodigen…">
            Uitnodigen
          </Button>
        </p>
      </form>
    </Section>
  );
}

/** One account's row: name, address, role, whether they can sign in, what happened to it, and the switch. */
function UserRow({ account, onChanged, onFailed }: { account: Account; onChanged: (account: Account) => void; onFailed: (text: string) => void }) {
  const [busy, setBusy] = useState(false);
  const toggle = async () => {
    setBusy(true);
    try {
      onChanged(await api<Account>('PUT', `/users/${encodeURIComponent(account.userId)}`, { body: { active: !account.active } }));
    } catch (failure) {
      onFailed(failure instanceof ApiProblem && failure.status === 409 ? 'U kunt uw eigen account niet uitzetten. Vraag dat aan een andere beheerder.' : `Wijzigen is niet gelukt. ${describeFailure(failure)}`);
    } finally {
      setBusy(false);
    }
  };
  return (
    <tr>
      <th scope="row" data-label="Naam">{account.name}</th>
      <td data-label="E-mailadres">{account.email}</td>
      <td data-label="Rol">{roleName(account.role)}</td>
      <td data-label="Status">{account.active ? <Badge tone="done">kan inloggen</Badge> : <Badge tone="closed">uitgezet</Badge>}</td>
      <td data-label="Wat er gebeurde">
        <details>
          <summary>Geschiedenis</summary>
          <ul>
            {account.history.map((entry) => (
              <li key={entry.at + entry.change}>
                {formatDateTime(entry.at)}: {CHANGE_LABELS[entry.change]} door {entry.byName ?? 'een beheerder'}
              </li>
            ))}
          </ul>
        </details>
      </td>
      <td data-label="Actie">
        <Button variant={account.active ? 'danger' : 'secondary'} busy={busy} busyLabel="Bezig…" onClick={() => void toggle()} aria-label={`${account.active ? 'Uitzetten' : 'Weer toelaten'}: ${account.name}`}>
          {account.active ? 'Uitzetten' : 'Weer toelaten'}
        </Button>
      </td>
    </tr>
  );
}

/**
 * The region's users for its beheerder: the invitation form, and everyone invited with their role,
 * whether they can sign in and what happened to their account. Deactivating someone stops their
 * sign-in at once and their use of Overbrug within a minute.
 */
export default function UsersPage() {
  const users = useResource((signal) => api<{ items: Account[] }>('GET', '/users', { signal }), []);
  const [message, setMessage] = useState<{ tone: Tone; text: string; key: number } | undefined>(undefined);
  const replace = (account: Account) => {
    if (users.state !== 'ready') return void users.reload();
    const others = users.data.items.filter((item) => item.userId !== account.userId);
    users.set({ items: [...others, account].sort((a, b) => a.name.localeCompare(b.name, 'nl')) });
  };
  const changed = (account: Account) => {
    replace(account);
    setMessage({
      tone: 'success',
      text: account.active ? `${account.name} kan weer inloggen.` : `${account.name} kan niet meer inloggen. Wie nog ingelogd is, wordt binnen een minuut afgemeld.`,
      key: Date.now(),
    });
  };
  return (
    <Page title="Gebruikers" busy={users.state === 'loading'}>
      <p class="lead">Hier nodigt u mensen uit voor Overbrug in uw regio, ziet u wie welke rol heeft en zet u een account uit als iemand weggaat.</p>
      <InviteSection onInvited={replace} />
      <Section title="Gebruikers van uw regio" id="users-title">
        {message ? (
          <Notice key={message.key} tone={message.tone} live="polite">
            <p>{message.text}</p>
          </Notice>
        ) : null}
        {users.state === 'failed' ? <LoadFailed error={users.error} retry={() => void users.reload()} /> : null}
        {users.state === 'loading' ? <Loading /> : null}
        {users.state === 'ready' ? (
          users.data.items.length ? (
            <table class="table table-cards users-table">
                <caption class="visually-hidden">Gebruikers van uw regio, op naam</caption>
                <thead>
                  <tr>
                    <th scope="col">Naam</th>
                    <th scope="col">E-mailadres</th>
                    <th scope="col">Rol</th>
                    <th scope="col">Status</th>
                    <th scope="col">Wat er gebeurde</th>
                    <th scope="col">
                      <span class="visually-hidden">Actie</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {users.data.items.map((account) => (
                    <UserRow key={account.userId} account={account} onChanged={changed} onFailed={(text) => setMessage({ tone: 'error', text, key: Date.now() })} />
                  ))}
                </tbody>
              </table>
          ) : (
            <p class="muted">U heeft nog niemand uitgenodigd. De demo-accounts staan hier niet bij.</p>
          )
        ) : null}
      </Section>
    </Page>
  );
}
