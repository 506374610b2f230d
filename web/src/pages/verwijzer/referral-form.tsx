import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import {
  CHANNEL_LABELS,
  CHANNELS,
  FLAG_LABELS,
  FLAGS,
  HELP_SOURCE_LABELS,
  HELP_SOURCES,
  LEVENSDOMEIN_INFO,
  LEVENSDOMEINEN,
  NEED_LEVEL_LABELS,
  NEED_LEVELS,
  needLabel,
  REFERRER_KIND_LABELS,
  REFERRER_KINDS,
  STORY_QUESTIONS,
  type Levensdomein,
} from '#shared/domain/vocabulary.ts';
import { api, ApiProblem, describeFailure } from '../../api.ts';
import { regionOf, REGIONS, servedGemeenten, useApp } from '../../app-context.ts';
import { Button } from '../../components/button.tsx';
import { CheckboxGroup, ErrorSummary, RadioGroup, SelectField, TextArea, TextField } from '../../components/field.tsx';
import { capitalise, languageName, todayInNL } from '../../components/format.ts';
import { CrisisNotice, Notice } from '../../components/notice.tsx';
import { Page } from '../../components/page.tsx';
import { href, navigate, type PageProps } from '../../routing.ts';
import { onBeforeSignIn } from '../../session.ts';
import { CarePreferencesFields } from './care-preferences.tsx';
import { ClientContactFields } from './client-contact-fields.tsx';
import { rememberAmendment, rememberSubmission, type SubmitAnswer } from './submissions.ts';
import {
  CONSENT_KEYS,
  errorsAt,
  newReferralForm,
  pc4,
  STORY_KEYS,
  summaryOf,
  toAmendment,
  toRequest,
  validateReferralForm,
  type ConsentKey,
  type FormErrors,
  type ReferralForm,
  type YesNo,
} from './referral-form-model.ts';

const DRAFT_KEY = 'overbrug.draft.referral-form';
const COMMON_LANGUAGES = ['nl', 'en', 'ar', 'tr', 'pl', 'uk'];

const YES_NO = [
  { value: 'yes', label: 'Ja' },
  { value: 'no', label: 'Nee' },
] as const;

const CONSENT_QUESTIONS: Record<ConsentKey, { legend: string; hint: string }> = {
  shareWithPartners: {
    legend: 'Mag de hulpvraag gedeeld worden met partners, zoals de overbruggingspartner?',
    hint: 'Partners krijgen de hulpvraag per levensdomein en een leeftijdsgroep, geen verhaal.',
  },
  shareDiagnosis: {
    legend: 'Mogen signalen die op een diagnose lijken (zoals psychose of verslaving) gedeeld worden?',
    hint: 'Met de contactpersoon, en met partners als het antwoord hierboven ja is.',
  },
  involveNaasten: { legend: 'Mogen naasten betrokken worden?', hint: 'Alleen de hulpvraag, nooit diagnose-achtige signalen.' },
};

/** The two choices per levensdomein: the column headers on a wide screen, each group's visible legend on a phone. */
const DOMAIN_COLUMNS = { need: 'Hulpvraag', helpFrom: 'Hulp van' } as const;

/** "Hulpvraag" on screen (on a phone), "Financiële situatie: hulpvraag" to a screen reader. */
function DomainLegend({ column, domain }: { column: keyof typeof DOMAIN_COLUMNS; domain: string }) {
  return (
    <>
      <span class="visually-hidden">{capitalise(domain)}: </span>
      {DOMAIN_COLUMNS[column]}
    </>
  );
}

/** A duplicate points to the open referral (our organisation's) or to its contact person (another organisation's). */
type Problem =
  | { kind: 'duplicate'; openReferralId?: string; openCaseNumber?: string; contactPerson?: string; need: string; at: number }
  | { kind: 'failed'; message: string };

interface Draft {
  form: ReferralForm;
  attempt?: { body: string; key: string };
}

function takeDraft(): Draft | undefined {
  const raw = sessionStorage.getItem(DRAFT_KEY);
  sessionStorage.removeItem(DRAFT_KEY);
  try {
    return raw ? (JSON.parse(raw) as Draft) : undefined;
  } catch {
    return undefined;
  }
}

/** The new-referral form, built around the netwerkintake; made to be done in under two minutes. */
export default function ReferralFormPage({ user }: PageProps) {
  const { region } = useApp();
  const gemeenteNames = useMemo(() => servedGemeenten().map((gemeente) => gemeente.name), []);
  const restored = useMemo(takeDraft, []);
  const [form, setForm] = useState<ReferralForm>(() => restored?.form ?? newReferralForm(user, gemeenteNames));
  const [touched, setTouched] = useState<Set<string>>(() => new Set());
  const [submitted, setSubmitted] = useState(false);
  const [serverErrors, setServerErrors] = useState<FormErrors>({});
  const [summary, setSummary] = useState<{ id: string; message: string }[]>([]);
  const [attempts, setAttempts] = useState(0);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<Problem | undefined>(undefined);
  const [gemeenteChosen, setGemeenteChosen] = useState(Boolean(restored?.form.client.gemeente));
  const [referrerOpen, setReferrerOpen] = useState(() => !user.referrerKind);
  // One Idempotency-Key per content: a double submit or a retry after a lost answer sends the same
  // key with the same body, so it never makes a second referral; changed content gets a new key.
  const attempt = useRef<Draft['attempt']>(restored?.attempt);
  const formRef = useRef(form);
  formRef.current = form;

  // An expired session sends the browser to sign in: keep what was typed, in this tab only.
  useEffect(() => onBeforeSignIn(() => sessionStorage.setItem(DRAFT_KEY, JSON.stringify({ form: formRef.current, attempt: attempt.current } satisfies Draft))), []);

  const clientErrors = useMemo(() => validateReferralForm(form, gemeenteNames), [form]);
  const shownError = (id: string) => serverErrors[id] ?? (submitted || touched.has(id) ? clientErrors[id] : undefined);
  const touch = (id: string) => setTouched((previous) => (previous.has(id) ? previous : new Set(previous).add(id)));
  /** A field's id, its error (once touched or submitted) and what leaving it does. */
  const field = (id: string) => ({ id, error: shownError(id), onBlur: () => touch(id) });
  const update = (change: (draft: ReferralForm) => ReferralForm, ...fieldIds: string[]) => {
    setForm((previous) => change(previous));
    if (fieldIds.length) setServerErrors((previous) => Object.fromEntries(Object.entries(previous).filter(([id]) => !fieldIds.includes(id))));
  };
  const setClient = <K extends keyof ReferralForm['client']>(key: K, value: ReferralForm['client'][K]) =>
    update((previous) => ({ ...previous, client: { ...previous.client, [key]: value } }), `client-${key}`);
  const setReferrer = <K extends keyof ReferralForm['referrer']>(key: K, value: ReferralForm['referrer'][K]) =>
    update((previous) => ({ ...previous, referrer: { ...previous.referrer, [key]: value } }), `referrer-${key}`);
  const setContact = <K extends keyof ReferralForm['contact']>(key: K, value: ReferralForm['contact'][K]) =>
    // The phone field carries the "how to reach" error too: changing any of them may clear it.
    update((previous) => ({ ...previous, contact: { ...previous.contact, [key]: value } }), `contact-${key}`, 'contact-phone');

  const onPostcode = (value: string) => {
    setClient('postcode', value);
    // The postcode usually tells the gemeente: fill it in, unless the user chose one.
    const found = servedGemeenten().find((gemeente) => gemeente.postcodes.includes(pc4(value)));
    if (found && !gemeenteChosen) update((previous) => ({ ...previous, client: { ...previous.client, postcode: value, gemeente: found.name } }), 'client-gemeente');
  };

  const clientRegion = REGIONS.find((candidate) => candidate.gemeenten.some((gemeente) => gemeente.name === form.client.gemeente)) ?? region;
  const acuteRisk = form.flags.includes('acute-risk');

  const submit = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    setSubmitted(true);
    setProblem(undefined);
    setAttempts((count) => count + 1);
    const errors = validateReferralForm(form, gemeenteNames);
    if (Object.keys(errors).some((id) => id.startsWith('referrer-'))) setReferrerOpen(true);
    if (Object.keys(errors).length) {
      setServerErrors({});
      setSummary(summaryOf(errors));
      return;
    }
    const request = toRequest(form);
    const body = JSON.stringify(request);
    if (attempt.current?.body !== body) attempt.current = { body, key: crypto.randomUUID() };
    setBusy(true);
    try {
      const answer = await api<SubmitAnswer>('POST', '/referrals', { body: request, headers: { 'idempotency-key': attempt.current.key } });
      rememberSubmission(answer);
      sessionStorage.removeItem(DRAFT_KEY);
      navigate(`/verwijzingen/${answer.referralId}`);
    } catch (error) {
      setBusy(false);
      if (error instanceof ApiProblem && error.status === 400 && error.errors.length) {
        const { errors: placed, unplaced } = errorsAt(
          error.errors.map((fieldError) => fieldError.path),
          form,
          gemeenteNames,
        );
        if (Object.keys(placed).some((id) => id.startsWith('referrer-'))) setReferrerOpen(true);
        setServerErrors(placed);
        setSummary([...summaryOf(placed), ...unplaced.map((path) => ({ id: 'referral-form', message: `Overig: De verwijzing werd geweigerd om een gegeven dat dit formulier niet toont (${path}).` }))]);
      } else if (error instanceof ApiProblem && error.type === '/problems/duplicate-referral') {
        setSummary([]);
        const { openReferralId, openCaseNumber, contactPerson, need } = error.body as {
          openReferralId?: unknown;
          openCaseNumber?: unknown;
          contactPerson?: { name?: unknown } | null;
          need?: unknown;
        };
        setProblem({
          kind: 'duplicate',
          ...(typeof openReferralId === 'string' ? { openReferralId } : {}),
          ...(typeof openCaseNumber === 'string' ? { openCaseNumber } : {}),
          ...(typeof contactPerson?.name === 'string' ? { contactPerson: contactPerson.name } : {}),
          need: String(need ?? ''),
          at: Date.now(),
        });
      } else {
        setSummary([]);
        setProblem({
          kind: 'failed',
          message: `${describeFailure(error)} Uw antwoorden staan nog in het formulier; opnieuw versturen maakt geen tweede verwijzing.`,
        });
      }
    }
  };

  const { referrer, client, waiting } = form;
  const domainRow = (domain: Levensdomein) => {
    const choice = form.domains[domain];
    const setChoice = (change: Partial<typeof choice>) =>
      update((previous) => ({ ...previous, domains: { ...previous.domains, [domain]: { ...previous.domains[domain], ...change } } }), `domain-${domain}-need`, `domain-${domain}-helpFrom`);
    const label = LEVENSDOMEIN_INFO[domain].label;
    return (
      <div class={`domain-row${choice.need !== 'none' ? ' domain-row-active' : ''}`} key={domain} role="group" aria-labelledby={`domain-${domain}-label`}>
        <p class="domain-name" id={`domain-${domain}-label`}>
          {capitalise(label)}
        </p>
        <RadioGroup
          id={`domain-${domain}-need`}
          name={`domain-${domain}-need`}
          legend={<DomainLegend column="need" domain={label} />}
          legendHidden="wide"
          inline
          options={NEED_LEVELS.map((level) => ({ value: level, label: NEED_LEVEL_LABELS[level] }))}
          value={choice.need}
          onChange={(need) => setChoice({ need })}
          error={shownError(`domain-${domain}-need`)}
        />
        <RadioGroup
          id={`domain-${domain}-helpFrom`}
          name={`domain-${domain}-helpFrom`}
          legend={<DomainLegend column="helpFrom" domain={label} />}
          legendHidden="wide"
          inline
          disabled={choice.need === 'none'}
          options={HELP_SOURCES.map((source) => ({ value: source, label: HELP_SOURCE_LABELS[source] }))}
          value={choice.helpFrom}
          onChange={(helpFrom) => setChoice({ helpFrom })}
          error={shownError(`domain-${domain}-helpFrom`)}
        />
      </div>
    );
  };

  return (
    <Page title="Nieuwe verwijzing">
      <p class="lead">
        Vul in wat u weet; de rest kan leeg blijven. De cliënt krijgt één vaste contactpersoon, en wie wacht op ggz krijgt steun tijdens het wachten.
      </p>
      <ErrorSummary errors={summary} attempt={attempts} />
      {problem?.kind === 'duplicate' ? <DuplicateNotice key={problem.at} problem={problem} form={form} /> : null}
      {problem?.kind === 'failed' ? (
        <Notice tone="error" title="Versturen is niet gelukt" live="assertive">
          <p>{problem.message}</p>
        </Notice>
      ) : null}

      <form id="referral-form" class="form" noValidate onSubmit={(event) => void submit(event)} aria-label="Nieuwe verwijzing">
        <details class="section referrer-block" open={referrerOpen} onToggle={(event) => setReferrerOpen((event.currentTarget as HTMLDetailsElement).open)}>
          <summary>
            <span class="summary-title">Verwijzer</span>{' '}
            <span class="muted">
              {referrer.name || 'naam ontbreekt'}
              {referrer.kind && !referrer.name.toLowerCase().includes(REFERRER_KIND_LABELS[referrer.kind].toLowerCase()) ? ` (${REFERRER_KIND_LABELS[referrer.kind]})` : ''},{' '}
              {referrer.organisation || 'organisatie ontbreekt'} · wijzigen
            </span>
          </summary>
          <div class="grid-2">
            <SelectField
              {...field('referrer-kind')}
              label="U bent"
              options={REFERRER_KINDS.map((kind) => ({ value: kind, label: REFERRER_KIND_LABELS[kind] }))}
              placeholder="Kies…"
              value={referrer.kind}
              onChange={(value) => setReferrer('kind', value)}
            />
            <div class="account-details" aria-label="Uit uw account">
              <dl>
                <dt>Uw naam</dt>
                <dd>{referrer.name || 'ontbreekt'}</dd>
                <dt>Organisatie</dt>
                <dd>{referrer.organisation || 'ontbreekt'}</dd>
                <dt>E-mail</dt>
                <dd>{referrer.email || 'ontbreekt'}</dd>
              </dl>
              <p class="muted">Deze gegevens komen uit uw account; berichten over de verwijzing gaan naar dit e-mailadres. Klopt iets niet? Vraag de beheerder het aan te passen.</p>
            </div>
            <TextField
              {...field('referrer-phone')}
              label="Telefoon"
              optional
              type="tel"
              autoComplete="tel"
              value={referrer.phone}
              onInput={(event) => setReferrer('phone', event.currentTarget.value)}
            />
          </div>
        </details>

        <section class="section" aria-labelledby="client-title">
          <h2 id="client-title">Cliënt</h2>
          <div class="grid-3">
            <TextField
              {...field('client-ref')}
              label="Uw kenmerk voor de cliënt"
              hint="Bijvoorbeeld uit uw HIS. Geen naam en geen BSN."
              autoComplete="off"
              spellcheck={false}
              value={client.ref}
              onInput={(event) => setClient('ref', event.currentTarget.value)}
            />
            <TextField
              {...field('client-birthYear')}
              label="Geboortejaar"
              inputMode="numeric"
              autoComplete="off"
              maxLength={4}
              width="xs"
              value={client.birthYear}
              onInput={(event) => setClient('birthYear', event.currentTarget.value)}
            />
            <TextField
              {...field('client-postcode')}
              label="Postcode"
              hint="De 4 cijfers zijn genoeg."
              inputMode="numeric"
              autoComplete="off"
              maxLength={7}
              width="xs"
              value={client.postcode}
              onInput={(event) => onPostcode(event.currentTarget.value)}
            />
          </div>
          <SelectField
            {...field('client-gemeente')}
            label="Gemeente"
            width="m"
            options={gemeenteNames.map((name) => ({ value: name, label: name }))}
            placeholder="Kies…"
            value={client.gemeente}
            onChange={(value) => {
              setGemeenteChosen(true);
              setClient('gemeente', value);
            }}
          />
          <CheckboxGroup
            {...field('client-languages')}
            legend="Talen van de cliënt"
            inline
            options={COMMON_LANGUAGES.map((code) => ({ value: code, label: capitalise(languageName(code)) }))}
            values={client.languages}
            onChange={(values) => setClient('languages', values)}
          >
            <TextField
              {...field('client-otherLanguages')}
              label="Andere talen"
              optional
              hint="Taalcodes, zoals so (Somalisch) of ti (Tigrinya)."
              width="s"
              autoComplete="off"
              value={client.otherLanguages}
              onInput={(event) => setClient('otherLanguages', event.currentTarget.value)}
            />
          </CheckboxGroup>
          <CheckboxGroup
            {...field('client-channels')}
            legend="Bereikbaar via"
            hint="Geen app nodig: kies wat voor de cliënt werkt."
            inline
            options={CHANNELS.map((channel) => ({ value: channel, label: capitalise(CHANNEL_LABELS[channel]) }))}
            values={client.channels}
            onChange={(values) => setClient('channels', values)}
          />
        </section>

        <ClientContactFields contact={form.contact} field={field} change={setContact} />

        <section class="section" aria-labelledby="waiting-title">
          <h2 id="waiting-title">Wachten</h2>
          <RadioGroup
            id="waiting-onGgzWaitlist"
            name="waiting-onGgzWaitlist"
            legend="Staat de cliënt al op een wachtlijst voor de ggz?"
            inline
            options={YES_NO}
            value={waiting.onGgzWaitlist}
            onChange={(value: YesNo) => update((previous) => ({ ...previous, waiting: { ...previous.waiting, onGgzWaitlist: value } }), 'waiting-onGgzWaitlist')}
            error={shownError('waiting-onGgzWaitlist')}
          />
          {waiting.onGgzWaitlist === 'yes' ? (
            <div class="grid-2 reveal">
              <TextField
                {...field('waiting-since')}
                label="Op de wachtlijst sinds"
                optional
                type="date"
                max={todayInNL()}
                width="s"
                value={waiting.since}
                onInput={(event) => update((previous) => ({ ...previous, waiting: { ...previous.waiting, since: event.currentTarget.value } }), 'waiting-since')}
              />
              <TextField
                {...field('waiting-provider')}
                label="Bij welke aanbieder"
                optional
                value={waiting.provider}
                onInput={(event) => update((previous) => ({ ...previous, waiting: { ...previous.waiting, provider: event.currentTarget.value } }), 'waiting-provider')}
              />
            </div>
          ) : null}
        </section>

        <section class="section" aria-labelledby="intake-by-title">
          <h2 id="intake-by-title">Netwerkintake</h2>
          <RadioGroup
            id="intake-by"
            name="intake-by"
            legend="Wie doet de netwerkintake met de cliënt?"
            hint="De cliëntondersteuner kan de netwerkintake ook samen met de cliënt doen. Die neemt dan binnen enkele dagen contact op; daarna zoekt Overbrug aanbod."
            options={[
              { value: 'referrer', label: 'Ik, nu in dit formulier' },
              { value: 'contact-person', label: 'Netwerkintake door de cliëntondersteuner' },
            ]}
            value={form.intakeBy}
            onChange={(value: ReferralForm['intakeBy']) => update((previous) => ({ ...previous, intakeBy: value }), 'intake-by')}
          />
          {form.intakeBy === 'contact-person' ? (
            <div class="reveal">
              <CheckboxGroup
                id="intake-flags"
                legend="Is er acuut risico?"
                hint="Bij acuut risico (o.a. suïcidaliteit) wacht de verwijzing niet op de netwerkintake: de crisisdienst krijgt haar meteen."
                options={[{ value: 'acute-risk' as const, label: capitalise(FLAG_LABELS['acute-risk']) }]}
                values={form.flags.filter((flag) => flag === 'acute-risk')}
                onChange={(flags) => update((previous) => ({ ...previous, flags }), 'intake-flags')}
                error={shownError('intake-flags')}
              />
              {acuteRisk && clientRegion ? <CrisisNotice crisis={clientRegion.crisis} title="Acuut risico: wacht niet op deze verwijzing" /> : null}
            </div>
          ) : null}
        </section>

        {form.intakeBy === 'referrer' ? (
          <>
            <section class="section" aria-labelledby="domains-title">
              <h2 id="domains-title">Levensdomeinen</h2>
              <p class="field-hint" id="domains-hint">
                Per domein: is er een hulpvraag, en van wie mag de hulp komen? Hulp uit het eigen netwerk telt net zo zwaar. Met de pijltjestoetsen kiest u snel.
              </p>
              <div class="domains" role="group" aria-labelledby="domains-title" aria-describedby="domains-hint" id="intake-domains" tabIndex={-1}>
                <div class="domain-head" aria-hidden="true">
                  <span>Levensdomein</span>
                  <span>{DOMAIN_COLUMNS.need}</span>
                  <span>{DOMAIN_COLUMNS.helpFrom}</span>
                </div>
                {LEVENSDOMEINEN.map(domainRow)}
              </div>
            </section>

            <section class="section" aria-labelledby="story-title">
              <h2 id="story-title">Het verhaal</h2>
              <p class="field-hint">De vragen van de netwerkintake. Alles is optioneel; een paar woorden helpen de contactpersoon al. Alleen de contactpersoon leest dit.</p>
              {STORY_KEYS.map((key) => (
                <TextArea
                  key={key}
                  {...field(`story-${key}`)}
                  label={STORY_QUESTIONS[key]}
                  optional
                  maxLength={4000}
                  value={form.story[key]}
                  onInput={(event) => update((previous) => ({ ...previous, story: { ...previous.story, [key]: event.currentTarget.value } }), `story-${key}`)}
                />
              ))}
            </section>

            <section class="section" aria-labelledby="flags-title">
              <h2 id="flags-title">Signalen</h2>
              <CheckboxGroup
                id="intake-flags"
                legend="Wat speelt er ook?"
                hint="Geldzorgen leiden ook naar schuldhulp. Diagnose-achtige signalen worden alleen gedeeld met toestemming."
                options={FLAGS.map((flag) => ({ value: flag, label: capitalise(FLAG_LABELS[flag]) }))}
                values={form.flags}
                onChange={(flags) => update((previous) => ({ ...previous, flags }), 'intake-flags')}
                error={shownError('intake-flags')}
              />
              {acuteRisk && clientRegion ? <CrisisNotice crisis={clientRegion.crisis} title="Acuut risico: wacht niet op deze verwijzing" /> : null}
            </section>
          </>
        ) : null}

        <section class="section" aria-labelledby="consent-title">
          <h2 id="consent-title">Toestemming van de cliënt</h2>
          <p class="field-hint">Vraag het de cliënt. De cliënt kan elke toestemming later intrekken, ook via u.</p>
          {CONSENT_KEYS.map((key) => (
            <RadioGroup
              key={key}
              {...field(`consent-${key}`)}
              name={`consent-${key}`}
              legend={CONSENT_QUESTIONS[key].legend}
              hint={CONSENT_QUESTIONS[key].hint}
              inline
              options={YES_NO}
              value={form.consent[key] || undefined}
              onChange={(value: YesNo) => update((previous) => ({ ...previous, consent: { ...previous.consent, [key]: value } }), `consent-${key}`)}
            />
          ))}
        </section>

        {form.intakeBy === 'referrer' ? (
          <CarePreferencesFields
            care={form.care}
            involveNaasten={form.consent.involveNaasten === 'yes'}
            onChange={(care, ...ids) => update((previous) => ({ ...previous, care }), ...ids)}
            field={field}
          />
        ) : null}

        <div class="form-actions">
          <Button type="submit" busy={busy} busyLabel="Bezig met versturen…">
            Verwijzing versturen
          </Button>
          <a href={href('/verwijzingen')}>Annuleren</a>
        </div>
      </form>
    </Page>
  );
}

/**
 * A 409 for a client with an open referral: the warning takes the focus (and so scrolls into view).
 * For the organisation's own open referral, "Aanvullen" adds this form's needs, signals and a note
 * to it instead (POST /referrals/{id}/amendments); for another organisation's, whom to coordinate with.
 */
function DuplicateNotice({ problem, form }: { problem: Extract<Problem, { kind: 'duplicate' }>; form: ReferralForm }) {
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | undefined>(undefined);
  const amend = async () => {
    setBusy(true);
    setFailure(undefined);
    try {
      await api('POST', `/referrals/${encodeURIComponent(problem.openReferralId!)}/amendments`, { body: toAmendment(form) });
      rememberAmendment(problem.openReferralId!);
      sessionStorage.removeItem(DRAFT_KEY);
      navigate(`/verwijzingen/${problem.openReferralId}`);
    } catch (error) {
      setBusy(false);
      setFailure(describeFailure(error));
    }
  };
  return (
    <Notice tone="warning" title="Deze cliënt heeft al een open verwijzing" live="assertive" takeFocus>
      <p>
        Er loopt al een verwijzing voor deze cliënt{problem.need ? ` voor ${needLabel(problem.need)}` : ''}
        {problem.openCaseNumber ? ` (zaak ${problem.openCaseNumber})` : ''}. Vul die aan in plaats van een nieuwe te maken.
      </p>
      {problem.openReferralId ? (
        <>
          <p>Met Aanvullen komen de hulpvragen, signalen en het antwoord op “Wat heeft de cliënt nodig?” uit dit formulier bij die verwijzing. De contactpersoon hoort het.</p>
          {failure ? <p class="field-error">{failure}</p> : null}
          <p class="button-row">
            <Button onClick={() => void amend()} busy={busy} busyLabel="Bezig met aanvullen…">
              Aanvullen
            </Button>
            <a href={href(`/verwijzingen/${problem.openReferralId}`)}>Bekijk de open verwijzing</a>
          </p>
        </>
      ) : (
        <p>
          Die verwijzing is van een andere organisatie.{' '}
          {problem.contactPerson ? `Stem af met de contactpersoon van de cliënt, ${problem.contactPerson}.` : 'De regio wijst de cliënt een contactpersoon toe; stem met die af.'}
        </p>
      )}
    </Notice>
  );
}
