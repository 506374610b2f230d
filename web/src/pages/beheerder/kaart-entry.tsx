import { useState } from 'preact/hooks';
import { ROLE_LABELS } from '#shared/access/policy.ts';
import {
  CHANNEL_LABELS,
  COST_LABELS,
  FRESHNESS_STATE_LABELS,
  FUNCTIES,
  FUNDING_LABELS,
  freshnessCondition,
  LEVENSDOMEIN_INFO,
  SERVICE_CATEGORY_LABELS,
} from '#shared/domain/vocabulary.ts';
import { api, ApiProblem, describeFailure } from '../../api.ts';
import { useApp } from '../../app-context.ts';
import { Button } from '../../components/button.tsx';
import { focusField, RadioGroup, TextField } from '../../components/field.tsx';
import { formatDate, formatDateTime, languageName } from '../../components/format.ts';
import { LoadFailed, Loading, useResource } from '../../components/loading.tsx';
import { Notice, type Tone } from '../../components/notice.tsx';
import { Facts, Page, Section } from '../../components/page.tsx';
import { PracticalFacts } from '../../components/practical.tsx';
import { Badge } from '../../components/status-badge.tsx';
import { href, type PageProps } from '../../routing.ts';
import { KaartContactSection } from './kaart-contact.tsx';
import { FreshnessBadge, verificationText } from './kaart-parts.tsx';
import {
  AVAILABILITY_FIELD_IDS,
  availabilityForm,
  availabilityUpdate,
  errorsOf,
  type AvailabilityErrors,
  type AvailabilityField,
  type AvailabilityForm,
} from './availability-form.ts';
import { capacityText, daysAgoText, waitingText, type KaartEntry, type KaartHistory } from './kaart-model.ts';

/**
 * One entry of the sociale kaart, for the beheerder of its region and for its own partner: its
 * details, how fresh it is, a form to update places and waiting time, and the history of both.
 */
export default function KaartEntryPage({ params, user }: PageProps) {
  const serviceId = params.serviceId!;
  const isPartner = !user.roles.includes('beheerder');
  const back = isPartner ? { path: '/aanbod', label: 'Naar ons aanbod' } : { path: '/kaart', label: 'Naar de sociale kaart' };
  // Someone else's entry answers 404 (as one that does not exist): shown as not found.
  const entry = useResource(async (signal) => {
    try {
      return await api<KaartEntry>('GET', `/kaart/${encodeURIComponent(serviceId)}`, { signal });
    } catch (error) {
      if (error instanceof ApiProblem && error.status === 404) return undefined;
      throw error;
    }
  }, [serviceId]);
  const history = useResource((signal) => api<KaartHistory>('GET', `/kaart/${encodeURIComponent(serviceId)}/history`, { signal }), [serviceId]);

  const notFound = (entry.state === 'ready' && !entry.data) || (history.state === 'failed' && history.error instanceof ApiProblem && history.error.status === 404);
  if (notFound || entry.state === 'failed') {
    return (
      <Page title={notFound ? 'Dienst niet gevonden' : 'Dienst'}>
        {notFound ? (
          <p>{isPartner ? 'Deze dienst bestaat niet, of is niet van uw organisatie.' : 'Deze dienst bestaat niet, of hoort niet bij uw regio.'}</p>
        ) : (
          <LoadFailed error={entry.state === 'failed' ? entry.error : undefined} retry={() => void entry.reload()} />
        )}
        <p>
          <a href={href(back.path)}>{back.label}</a>
        </p>
      </Page>
    );
  }
  if (entry.state !== 'ready' || !entry.data) {
    return (
      <Page title="Dienst" busy>
        <Loading />
      </Page>
    );
  }
  const data = entry.data;
  const saved = (updated: KaartEntry) => {
    entry.set(updated);
    void history.reload();
  };

  return (
    <Page title={data.name} busy={history.state === 'loading'}>
      <p class="lead">
        {data.organisation} · {SERVICE_CATEGORY_LABELS[data.category] ?? data.category}
      </p>
      <p class="badges kaart-badges">
        <FreshnessBadge state={data.freshness.state} />
        {data.bridging ? <Badge tone="progress">overbruggingspartner</Badge> : null}
        {data.active ? null : <Badge tone="closed">niet actief</Badge>}
      </p>
      {data.freshness.state === 'excluded' ? (
        <Notice tone="error" title="Wordt niet meer aangeboden">
          <p>Deze dienst is te lang niet bevestigd. Matching biedt hem pas weer aan als de partner hem bevestigt via de link in de e-mail van Overbrug.</p>
        </Notice>
      ) : null}

      <div class="columns">
        <div class="column-main">
          <Section title="Plaatsen en wachttijd" id="availability-title">
            <Facts
              items={[
                ['Plaatsen voor cliënten via Overbrug', capacityText(data.capacity)],
                ['Bezet', `${data.placesTaken} (gereserveerd voor verwezen cliënten)`],
                ['Wachttijd', waitingText(data.waitingWeeks)],
                ['Laatst bijgewerkt', data.availabilityUpdatedAt ? formatDateTime(data.availabilityUpdatedAt) : 'nog niet sinds de dienst op de kaart kwam'],
              ]}
            />
            <AvailabilityFormSection entry={data} onSaved={saved} />
          </Section>

          <KaartContactSection entry={data} onSaved={saved} />

          <Section title="Geschiedenis" id="history-title">
            {history.state === 'failed' ? <LoadFailed error={history.error} retry={() => void history.reload()} /> : null}
            {history.state === 'loading' ? <Loading /> : null}
            {history.state === 'ready' ? <HistoryTable history={history.data} /> : null}
          </Section>
        </div>

        <div class="column-side kaart-side">
          <Section title="Adres, openingstijden en aanmelden" id="practical-title">
            <PracticalFacts info={data.practical} />
          </Section>
          <FreshnessSection entry={data} />
          <DetailsSection entry={data} />
          {isPartner ? <p class="muted">Klopt er iets anders niet aan deze dienst? Geef het door aan de beheerder van de sociale kaart.</p> : null}
        </div>
      </div>
      <p>
        <a href={href(back.path)}>{back.label}</a>
      </p>
    </Page>
  );
}

/** Places (a number, or no limit) and the waiting time in weeks: only what changed is sent. */
function AvailabilityFormSection({ entry, onSaved }: { entry: KaartEntry; onSaved: (entry: KaartEntry) => void }) {
  const [form, setForm] = useState<AvailabilityForm>(() => availabilityForm(entry));
  const [errors, setErrors] = useState<AvailabilityErrors>({});
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ tone: Tone; text: string } | undefined>(undefined);

  const update = (change: Partial<AvailabilityForm>) => {
    setForm((current) => ({ ...current, ...change }));
    setMessage(undefined);
  };
  const showErrors = (found: AvailabilityErrors) => {
    setErrors(found);
    const first = (['capacity', 'waitingWeeks'] as AvailabilityField[]).find((field) => found[field]);
    if (first) focusField(AVAILABILITY_FIELD_IDS[first]);
  };

  const save = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    setMessage(undefined);
    const checked = availabilityUpdate(form, entry);
    if ('errors' in checked) return showErrors(checked.errors);
    setErrors({});
    if ('unchanged' in checked) {
      setMessage({ tone: 'info', text: 'Plaatsen en wachttijd staan al zo: er is niets veranderd.' });
      return;
    }
    setBusy(true);
    try {
      const updated = await api<KaartEntry>('PUT', `/kaart/${encodeURIComponent(entry.serviceId)}/availability`, { body: checked.update });
      onSaved(updated);
      setForm(availabilityForm(updated));
      setMessage({ tone: 'success', text: `Opgeslagen: ${capacityText(updated.capacity)}, ${waitingText(updated.waitingWeeks)}.` });
    } catch (failure) {
      if (failure instanceof ApiProblem && failure.status === 400 && failure.errors.length) showErrors(errorsOf(failure.errors));
      else setMessage({ tone: 'error', text: `Opslaan is niet gelukt. ${describeFailure(failure)}` });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="form form-compact kaart-availability" onSubmit={(event) => void save(event)} noValidate aria-labelledby="availability-form-title">
      <h3 id="availability-form-title">Bijwerken</h3>
      <RadioGroup
        id="availability-capacityKind"
        name="availability-capacityKind"
        legend="Plaatsen voor cliënten via Overbrug"
        inline
        options={[
          { value: 'number', label: 'Een aantal plaatsen' },
          { value: 'none', label: 'Geen limiet' },
        ]}
        value={form.capacityKind}
        onChange={(capacityKind) => update({ capacityKind })}
      />
      {form.capacityKind === 'number' ? (
        <TextField
          id={AVAILABILITY_FIELD_IDS.capacity}
          label="Aantal plaatsen"
          hint={`In totaal, de bezette meegeteld. Nu bezet: ${entry.placesTaken}; die blijven bezet, ook bij een lager aantal.`}
          inputMode="numeric"
          width="xs"
          value={form.capacity}
          onInput={(event) => update({ capacity: event.currentTarget.value })}
          error={errors.capacity}
        />
      ) : null}
      <TextField
        id={AVAILABILITY_FIELD_IDS.waitingWeeks}
        label="Wachttijd in weken"
        hint="Hoe lang een nieuwe cliënt nu wacht; 0 als er geen wachttijd is."
        inputMode="decimal"
        width="xs"
        value={form.waitingWeeks}
        onInput={(event) => update({ waitingWeeks: event.currentTarget.value })}
        error={errors.waitingWeeks}
      />
      {errors.form ? (
        <Notice tone="error" live="assertive">
          <p>{errors.form}</p>
        </Notice>
      ) : null}
      {message ? (
        <Notice tone={message.tone} live={message.tone === 'error' ? 'assertive' : 'polite'}>
          <p>{message.text}</p>
        </Notice>
      ) : null}
      <div class="form-actions">
        <Button type="submit" busy={busy} busyLabel="Bezig met opslaan…">
          Opslaan
        </Button>
      </div>
    </form>
  );
}

const roleName = (role: keyof typeof ROLE_LABELS) => ROLE_LABELS[role]?.split(' (')[0] ?? role;

/** "12 plaatsen → 10 plaatsen", read as "van 12 plaatsen naar 10 plaatsen"; the same value once, as unchanged. */
function FromTo({ from, to }: { from: string; to: string }) {
  if (from === to) return <span class="muted">{to} (ongewijzigd)</span>;
  return (
    <span>
      <span class="visually-hidden">van </span>
      {from} <span aria-hidden="true">→</span>
      <span class="visually-hidden"> naar</span> <strong>{to}</strong>
    </span>
  );
}

function HistoryTable({ history }: { history: KaartHistory }) {
  if (!history.changes.length) return <p class="muted">Nog geen wijzigingen sinds de dienst op de kaart kwam.</p>;
  return (
    <table class="table table-cards kaart-history">
      <caption class="visually-hidden">Wijzigingen van plaatsen en wachttijd, de nieuwste eerst</caption>
      <thead>
        <tr>
          <th scope="col">Wanneer</th>
          <th scope="col">Plaatsen</th>
          <th scope="col">Wachttijd</th>
          <th scope="col">Door</th>
        </tr>
      </thead>
      <tbody>
        {history.changes.map((change, index) => (
          <tr key={`${change.changedAt}-${index}`}>
            <th scope="row" data-label="Wanneer" class="nowrap">
              {formatDateTime(change.changedAt)}
            </th>
            <td data-label="Plaatsen">
              <FromTo from={capacityText(change.previous.capacity)} to={capacityText(change.capacity)} />
            </td>
            <td data-label="Wachttijd">
              <FromTo from={waitingText(change.previous.waitingWeeks)} to={waitingText(change.waitingWeeks)} />
            </td>
            <td data-label="Door">{roleName(change.role)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function FreshnessSection({ entry }: { entry: KaartEntry }) {
  const { region } = useApp();
  const { freshness } = entry;
  return (
    <Section title="Actualiteit" id="freshness-title">
      <Facts
        items={[
          ['Laatst bevestigd', `${formatDate(entry.lastVerified)} (${daysAgoText(freshness.daysSinceVerified)})`],
          ['Stand', `${FRESHNESS_STATE_LABELS[freshness.state]}${region ? `: ${freshnessCondition(freshness.state, region.freshness)}` : ''}`],
          ['Lager gerangschikt vanaf', formatDate(freshness.rankedDownFrom)],
          ['Niet meer aangeboden vanaf', formatDate(freshness.excludedFrom)],
          ['Bevestiging', verificationText(entry) ?? 'niet nodig'],
        ]}
      />
      <p class="muted">Wordt een dienst verouderd, dan vraagt Overbrug de partner per e-mail om hem met één klik te bevestigen. Plaatsen of wachttijd bijwerken telt niet als bevestiging.</p>
    </Section>
  );
}

const ageRangeText = ({ min, max }: KaartEntry['ageRange']) => (max >= 100 ? `vanaf ${min} jaar` : `${min} tot en met ${max} jaar`);

function DetailsSection({ entry }: { entry: KaartEntry }) {
  const list = (items: readonly string[]) => items.join(', ');
  return (
    <Section title="Gegevens" id="details-title">
      <Facts
        items={[
          ['Beschrijving', entry.description],
          ['Organisatie', entry.organisation],
          ['Soort', SERVICE_CATEGORY_LABELS[entry.category] ?? entry.category],
          ['Functies', list(entry.functies.map((functie) => FUNCTIES[functie as keyof typeof FUNCTIES] ?? String(functie)))],
          ['Levensdomeinen', list(entry.domains.map((domain) => LEVENSDOMEIN_INFO[domain]?.label ?? domain))],
          ['Overbruggingspartner', entry.bridging ? 'ja: neemt cliënten aan terwijl ze op ggz wachten' : 'nee'],
          ['Werkgebied', [list(entry.area.gemeenten), entry.area.postcodes?.length ? `postcodes ${list(entry.area.postcodes)}` : ''].filter(Boolean).join('; ') || 'niet opgegeven'],
          ['Leeftijd', ageRangeText(entry.ageRange)],
          ['Talen', list(entry.languages.map(languageName))],
          ['Bereikbaar via', list(entry.channels.map((channel) => CHANNEL_LABELS[channel] ?? channel))],
          ['Verwijzing nodig', entry.referralNeeded ? 'ja' : 'nee'],
          ['Kosten', COST_LABELS[entry.cost] ?? entry.cost],
          ['Financiering', list(entry.funding.map((source) => FUNDING_LABELS[source] ?? source))],
          ['Financiering loopt tot', entry.fundingEnds ? formatDate(entry.fundingEnds) : undefined],
          ['Termen van de bron', entry.sourceTerms.length ? list(entry.sourceTerms) : undefined],
        ]}
      />
    </Section>
  );
}
