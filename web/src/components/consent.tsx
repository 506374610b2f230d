import { useState } from 'preact/hooks';
import type { ConsentData, ConsentRecipient } from '#shared/domain/lifecycle.ts';
import type { ReferralView } from '#shared/domain/referral-view.ts';
import { CONSENT_DATA_LABELS, CONSENT_RECIPIENT_LABELS } from '#shared/domain/vocabulary.ts';
import { Button, FormActions } from './button.tsx';
import { CheckboxGroup, SelectField } from './field.tsx';
import { formatDateTime } from './format.ts';
import { Notice } from './notice.tsx';
import { Section } from './page.tsx';

const RECIPIENTS = Object.keys(CONSENT_RECIPIENT_LABELS) as ConsentRecipient[];

/** What a recipient may have, in words; the client themselves gets one thing: the letter by e-mail. */
const grantedText = (recipient: ConsentRecipient, kinds: readonly ConsentData[]) =>
  recipient === 'client' ? 'de brief per e-mail' : kinds.map((kind) => CONSENT_DATA_LABELS[kind]).join(', ');

/**
 * Takes consent away from a recipient (all of it without `data`): resolves to undefined when done
 * (the page shows the updated referral), or to what went wrong, in Dutch.
 */
export type WithdrawConsent = (recipient: ConsentRecipient, data: ConsentData[] | undefined) => Promise<string | undefined>;

/**
 * The client's consent per recipient, what was withdrawn before, and "Toestemming intrekken" (for
 * one recipient, all or some kinds of data) when `allowedActions` offers it.
 */
export function ConsentSection({ view, withdraw }: { view: Pick<ReferralView, 'consent' | 'allowedActions'>; withdraw: WithdrawConsent }) {
  const granted = RECIPIENTS.filter((recipient) => view.consent.grants[recipient].length > 0);
  const [open, setOpen] = useState(false);
  const [recipient, setRecipient] = useState<ConsentRecipient | ''>('');
  const [data, setData] = useState<ConsentData[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>(undefined);
  const [done, setDone] = useState<{ message: string; at: number } | undefined>(undefined);
  const mayWithdraw = view.allowedActions.includes('withdraw-consent') && granted.length > 0;

  const submit = async (event: Event) => {
    event.preventDefault();
    if (!recipient) {
      setError('Kies voor wie de toestemming vervalt.');
      return;
    }
    setBusy(true);
    setError(undefined);
    const all = data.length === 0 || data.length === view.consent.grants[recipient].length;
    const failure = await withdraw(recipient, all ? undefined : data);
    setBusy(false);
    if (failure) {
      setError(failure);
      return;
    }
    setDone({ message: `Toestemming voor ${CONSENT_RECIPIENT_LABELS[recipient]} ingetrokken.`, at: Date.now() });
    setOpen(false);
    setRecipient('');
    setData([]);
  };

  return (
    <Section title="Toestemming" id="consent-title">
      <ul class="reasons">
        {RECIPIENTS.map((who) => (
          <li key={who}>
            <strong>{CONSENT_RECIPIENT_LABELS[who]}</strong>:{' '}
            {view.consent.grants[who].length ? grantedText(who, view.consent.grants[who]) : <span class="muted">niets</span>}
          </li>
        ))}
      </ul>
      {done ? (
        <Notice key={done.at} tone="success" live="polite" takeFocus>
          <p>{done.message}</p>
        </Notice>
      ) : null}
      {mayWithdraw && !open ? (
        <Button variant="secondary" onClick={() => setOpen(true)}>
          Toestemming intrekken…
        </Button>
      ) : null}
      {mayWithdraw && open ? (
        <form class="form form-compact" onSubmit={(event) => void submit(event)} noValidate aria-label="Toestemming intrekken">
          <SelectField
            id="consent-recipient"
            label="Voor wie vervalt de toestemming?"
            options={granted.map((who) => ({ value: who, label: CONSENT_RECIPIENT_LABELS[who] }))}
            placeholder="Kies…"
            value={recipient}
            onChange={(value) => {
              setRecipient(value);
              setData([]);
            }}
            error={error && !recipient ? error : undefined}
          />
          {recipient && recipient !== 'client' ? (
            <CheckboxGroup
              id="consent-data"
              legend="Wat niet meer gedeeld mag worden"
              hint="Niets aangevinkt: alles."
              options={view.consent.grants[recipient].map((kind) => ({ value: kind, label: CONSENT_DATA_LABELS[kind] }))}
              values={data}
              onChange={setData}
            />
          ) : null}
          {error && recipient ? (
            <Notice tone="error" live="assertive">
              <p>{error}</p>
            </Notice>
          ) : null}
          <FormActions submitLabel="Toestemming intrekken" variant="danger" busy={busy} onCancel={() => setOpen(false)} />
        </form>
      ) : null}
      {view.consent.history.length ? (
        <>
          <h3>Eerder ingetrokken</h3>
          <ul class="reasons">
            {view.consent.history.map((entry) => (
              <li key={entry.at}>
                {formatDateTime(entry.at)}: {CONSENT_RECIPIENT_LABELS[entry.recipient as ConsentRecipient] ?? entry.recipient} —{' '}
                {entry.withdrawn.map((kind) => CONSENT_DATA_LABELS[kind as ConsentData] ?? kind).join(', ')}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </Section>
  );
}
