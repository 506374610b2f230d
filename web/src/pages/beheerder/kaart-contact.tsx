import { useState } from 'preact/hooks';
import { ROLE_LABELS } from '#shared/access/policy.ts';
import { KaartContactUpdateSchema } from '#shared/domain/kaart-contact.ts';
import { api, ApiProblem, describeFailure } from '../../api.ts';
import { Button } from '../../components/button.tsx';
import { EmailLink, PhoneLink } from '../../components/contact.tsx';
import { focusField, TextField } from '../../components/field.tsx';
import { formatDateTime } from '../../components/format.ts';
import { Notice, type Tone } from '../../components/notice.tsx';
import { Facts, Section } from '../../components/page.tsx';
import type { KaartEntry } from './kaart-model.ts';

type ContactField = 'name' | 'email' | 'phone';

const MESSAGES: Record<ContactField, string> = {
  name: 'Vul een naam in, zoals "Aanmeldpunt" of de naam van een medewerker (hoogstens 120 tekens).',
  email: 'Vul een e-mailadres in, zoals aanmelden@organisatie.nl.',
  phone: 'Vul een Nederlands telefoonnummer in, zoals 030-1234567, of een buitenlands met +, of laat het leeg.',
};

/**
 * The entry's vast aanspreekpunt: who contact persons, clients (in their letter) and hand-off
 * e-mails are told to call. The partner keeps it current here, as it keeps its places and waiting
 * time; the beheerder can too. Checked with the API's own schema before it is sent.
 */
export function KaartContactSection({ entry, onSaved }: { entry: KaartEntry; onSaved: (entry: KaartEntry) => void }) {
  const [open, setOpen] = useState(false);
  const [form, setForm] = useState({ name: entry.contact.name, email: entry.contact.email, phone: entry.contact.phone ?? '' });
  const [errors, setErrors] = useState<Partial<Record<ContactField, string>>>({});
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ tone: Tone; text: string; key: number } | undefined>(undefined);

  const show = (paths: string[]) => {
    const found = Object.fromEntries(paths.filter((path): path is ContactField => path in MESSAGES).map((path) => [path, MESSAGES[path]]));
    setErrors(found);
    const first = (['name', 'email', 'phone'] as const).find((field) => found[field]);
    if (first) focusField(`kaart-contact-${first}`);
  };

  const save = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    const body = { name: form.name.trim(), email: form.email.trim(), ...(form.phone.trim() ? { phone: form.phone.trim() } : {}) };
    const checked = KaartContactUpdateSchema.safeParse(body);
    if (!checked.success) return show(checked.error.issues.map((issue) => String(issue.path[0] ?? '')));
    setErrors({});
    setBusy(true);
    try {
      const updated = await api<KaartEntry>('PUT', `/kaart/${encodeURIComponent(entry.serviceId)}/contact`, { body });
      onSaved(updated);
      setOpen(false);
      setMessage({ tone: 'success', text: 'Het aanspreekpunt is opgeslagen. Nieuwe overdrachten, brieven en e-mails noemen het vanaf nu.', key: Date.now() });
    } catch (failure) {
      if (failure instanceof ApiProblem && failure.status === 400 && failure.errors.length) show(failure.errors.map((error) => error.path));
      else setMessage({ tone: 'error', text: `Opslaan is niet gelukt. ${describeFailure(failure)}`, key: Date.now() });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Section title="Aanspreekpunt" id="kaart-contact-title">
      <p class="muted">Wie contactpersonen, cliënten (in hun brief) en de e-mails bij een overdracht kunnen bellen of mailen.</p>
      {message ? (
        <Notice key={message.key} tone={message.tone} takeFocus>
          <p>{message.text}</p>
        </Notice>
      ) : null}
      <Facts
        items={[
          ['Naam', entry.contact.name],
          ['E-mail', <EmailLink email={entry.contact.email} />],
          ['Telefoon', entry.contact.phone ? <PhoneLink phone={entry.contact.phone} /> : 'niet opgegeven'],
          ['Laatst gewijzigd', entry.contactUpdatedAt ? `${formatDateTime(entry.contactUpdatedAt)}, door ${ROLE_LABELS[entry.contactUpdatedBy ?? 'beheerder'].split(' (')[0]!.toLowerCase()}` : undefined],
        ]}
      />
      {open ? (
        <form class="form form-compact" onSubmit={(event) => void save(event)} noValidate aria-label="Aanspreekpunt wijzigen">
          <TextField id="kaart-contact-name" label="Naam" value={form.name} error={errors.name} onInput={(event) => setForm({ ...form, name: event.currentTarget.value })} />
          <TextField id="kaart-contact-email" label="E-mail" type="email" value={form.email} error={errors.email} onInput={(event) => setForm({ ...form, email: event.currentTarget.value })} />
          <TextField
            id="kaart-contact-phone"
            label="Telefoon"
            optional
            type="tel"
            value={form.phone}
            error={errors.phone}
            onInput={(event) => setForm({ ...form, phone: event.currentTarget.value })}
          />
          <p class="button-row">
            <Button type="submit" busy={busy} busyLabel="Bezig met opslaan…">
              Aanspreekpunt opslaan
            </Button>
            <Button variant="quiet" onClick={() => setOpen(false)}>
              Annuleren
            </Button>
          </p>
        </form>
      ) : (
        <Button variant="secondary" onClick={() => setOpen(true)}>
          Aanspreekpunt wijzigen…
        </Button>
      )}
    </Section>
  );
}
