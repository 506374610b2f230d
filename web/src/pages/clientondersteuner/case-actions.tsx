import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import type { CaseAction } from '#shared/domain/lifecycle.ts';
import type { CaseView } from '#shared/domain/referral-view.ts';
import {
  CASE_STATUS_LABELS,
  CHANNEL_LABELS,
  CHANNELS,
  FLAG_LABELS,
  FLAGS,
  HELP_SOURCE_LABELS,
  HELP_SOURCES,
  LEVENSDOMEIN_INFO,
  LEVENSDOMEINEN,
  NEED_LEVELS,
  STORY_QUESTIONS,
  type Flag,
  type HelpSource,
  type Levensdomein,
  type NeedLevel,
  NEED_LEVEL_LABELS,
  NEED_OUTCOME_LABELS,
  NEED_OUTCOMES,
  needLabel,
  UNMET_NEED_REASON_LABELS,
  UNMET_NEED_REASONS,
} from '#shared/domain/vocabulary.ts';
import { api, ApiProblem, describeFailure, type FieldError } from '../../api.ts';
import { Button, FormActions, type ButtonVariant } from '../../components/button.tsx';
import { CheckboxGroup, focusField, RadioGroup, SelectField, TextArea, TextField } from '../../components/field.tsx';
import { capitalise, formatDate, todayInNL } from '../../components/format.ts';
import { Notice, type Tone } from '../../components/notice.tsx';
import { CarePreferencesFields } from '../verwijzer/care-preferences.tsx';
import { carePreferencesRequest, newCarePreferences, type CarePreferencesForm } from '../verwijzer/care-preferences-model.ts';
import {
  errorsAtFields,
  firstContactErrors,
  isUnmet,
  newFirstContact,
  outcomeDraft,
  outcomeFieldId,
  outcomeFieldOf,
  outcomeNeeds,
  outcomesToSend,
  reasonError,
  referralDay,
  UNMET_RESULTS_TEXT,
  type FirstContactDraft,
  type FormErrors,
  type OutcomeDraft,
} from './case-model.ts';

/**
 * What became of a case action: done (the answer is the updated case, now shown); refused by a
 * change someone else made meanwhile (409: the case was loaded again, `message` says why); or
 * refused as asked (400 and the rest: the form stays, with the errors at its fields).
 */
export type ActionResult =
  | { state: 'done'; view: CaseView }
  | { state: 'reloaded'; message: string }
  | { state: 'refused'; message: string; type: string | undefined; errors: FieldError[] };

export type Act = (action: CaseAction) => Promise<ActionResult>;

/** What a section says after an action, focused so keyboard and screen-reader users hear it first. */
export interface Outcome {
  tone: Tone;
  message: ComponentChildren;
  key: number;
}

/** POST /referrals/{id}/actions; a 409 for a case that changed meanwhile loads it again and says why. */
export function actOn(referralId: string, shown: { set: (view: CaseView) => void; reload: () => Promise<void> }): Act {
  const path = `/referrals/${encodeURIComponent(referralId)}`;
  return async (action) => {
    try {
      const updated = await api<CaseView>('POST', `${path}/actions`, { body: action });
      shown.set(updated);
      return { state: 'done', view: updated };
    } catch (error) {
      if (!(error instanceof ApiProblem)) return { state: 'refused', message: describeFailure(error), type: undefined, errors: [] };
      if (error.status === 409 && (error.type === '/problems/wrong-status' || error.type === '/problems/conflict')) {
        const why = error.type === '/problems/conflict' ? 'Iemand anders veranderde de zaak net.' : 'Dat kon niet meer: de zaak is intussen veranderd.';
        try {
          const fresh = await api<CaseView>('GET', path);
          shown.set(fresh);
          return { state: 'reloaded', message: `${why} Hieronder staat de actuele stand (${CASE_STATUS_LABELS[fresh.status]}); kijk of uw actie nog nodig is.` };
        } catch {
          // Gone from this contact person (assigned to someone else): the page says so.
          await shown.reload();
          return { state: 'reloaded', message: why };
        }
      }
      return { state: 'refused', message: error.status === 400 ? 'Controleer wat u invulde.' : describeFailure(error), type: error.type, errors: error.errors };
    }
  };
}

/** A reason-only form's field error for a refused action. */
export const reasonFailure = (result: Extract<ActionResult, { state: 'refused' }>) =>
  result.errors.some((error) => error.path === 'reason') ? 'Vul de reden in (hoogstens 500 tekens).' : result.message;

/**
 * A small form with one reason (decline, decline an option, close, withdraw): required or not, at
 * most 500 characters. `onSubmit` resolves to an error for the field, or undefined when done.
 */
export function ReasonForm({
  id,
  label,
  hint,
  required,
  submitLabel,
  variant = 'danger',
  onSubmit,
  onCancel,
  children,
}: {
  id: string;
  label: string;
  hint?: string;
  required: boolean;
  submitLabel: string;
  variant?: ButtonVariant;
  onSubmit: (reason: string) => Promise<string | undefined>;
  onCancel: () => void;
  children?: ComponentChildren;
}) {
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const submit = async (event: Event) => {
    event.preventDefault();
    const invalid = reasonError(reason, { required });
    setError(invalid);
    if (invalid) {
      focusField(id);
      return;
    }
    setBusy(true);
    const failure = await onSubmit(reason.trim());
    if (failure) {
      setBusy(false);
      setError(failure);
      focusField(id);
    }
  };
  return (
    <form class="form form-compact action-form" onSubmit={(event) => void submit(event)} noValidate aria-label={submitLabel}>
      {children}
      <TextArea
        id={id}
        label={label}
        hint={hint}
        optional={!required}
        maxLength={500}
        rows={2}
        value={reason}
        onInput={(event) => setReason(event.currentTarget.value)}
        error={error}
        autoFocus
      />
      <FormActions submitLabel={submitLabel} variant={variant} busy={busy} onCancel={onCancel} />
    </form>
  );
}

type Opened = 'decline' | 'close' | 'withdraw';

/** The actions that take one reason: their form, what they send, and what the contact person reads when done. */
const REASON_ACTIONS: Record<Opened, { label: string; hint: string; required: boolean; submitLabel: string; action: (reason: string) => CaseAction; done: ComponentChildren }> = {
  decline: {
    label: 'Waarom wijst u de zaak af?',
    hint: 'Bijvoorbeeld: caseload vol, of u kent de cliënt privé. De reden staat in de tijdlijn.',
    required: true,
    submitLabel: 'Zaak afwijzen',
    action: (reason) => ({ action: 'decline', reason }),
    done: (
      <>
        U wees de zaak af. Overbrug zoekt een andere contactpersoon; de zaak verdwijnt uit uw lijst. <a href="#/zaken">Naar uw zaken</a>
      </>
    ),
  },
  close: {
    label: 'Waarom sluit u de zaak af?',
    hint: 'Bijvoorbeeld: elke hulpvraag heeft hulp. De verwijzer ziet dit.',
    required: false,
    submitLabel: 'Ja, zaak afsluiten',
    action: (reason) => ({ action: 'close', ...(reason ? { reason } : {}) }),
    done: 'Zaak afgesloten. De gereserveerde plaatsen zijn vrijgegeven; de verwijzer hoort wat er van elke hulpvraag werd.',
  },
  withdraw: {
    label: 'Waarom trekt u de verwijzing in?',
    hint: 'Bijvoorbeeld: de cliënt wil geen hulp meer. De verwijzer ziet deze reden.',
    required: true,
    submitLabel: 'Verwijzing intrekken',
    action: (reason) => ({ action: 'withdraw', reason }),
    done: 'Verwijzing ingetrokken. De gereserveerde plaatsen zijn vrijgegeven.',
  },
};

/** Back to the button that opened a form, once the form is gone. */
const refocus = (id: string) => setTimeout(() => document.getElementById(id)?.focus(), 0);

/**
 * "Volgende stap": what the contact person can do now, as `allowedActions` offers it. The result of
 * each action shows at the top of this section and takes the focus; the case below is the updated
 * one (the action's answer).
 */
export function NextStep({ view, act, outcome, report }: { view: CaseView; act: Act; outcome: Outcome | undefined; report: (outcome: Omit<Outcome, 'key'>) => void }) {
  const allowed = (action: CaseAction['action']) => view.allowedActions.includes(action);
  const [opened, setOpened] = useState<Opened | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState<string | undefined>(undefined);

  /** Shows what an action did; a refused one is the form's to show. */
  const settle = (result: ActionResult, success: (view: CaseView) => ComponentChildren): Extract<ActionResult, { state: 'refused' }> | undefined => {
    if (result.state === 'refused') return result;
    setOpened(undefined);
    report(result.state === 'done' ? { tone: 'success', message: success(result.view) } : { tone: 'warning', message: result.message });
    return undefined;
  };

  const accept = async () => {
    setBusy(true);
    setFailed(undefined);
    const refused = settle(await act({ action: 'accept' }), () => 'U nam de zaak aan; de verwijzer krijgt bericht. Leg het eerste contact vast zodra u de cliënt sprak.');
    setBusy(false);
    if (refused) setFailed(refused.message);
  };

  const opener = (kind: Opened, label: string, variant: ButtonVariant) =>
    allowed(kind) ? (
      <Button variant={variant} id={`open-${kind}`} onClick={() => setOpened(kind)}>
        {label}
      </Button>
    ) : null;
  const reasonForm = opened && allowed(opened) ? REASON_ACTIONS[opened] : undefined;
  const nothingToDo = !(['accept', 'record-first-contact', 'record-outcomes', 'record-intake'] as const).some(allowed);
  return (
    <section class="section next-step" aria-labelledby="next-title">
      <h2 id="next-title">Volgende stap</h2>
      <DueLine view={view} />
      {outcome ? (
        <Notice key={outcome.key} tone={outcome.tone} takeFocus>
          <p>{outcome.message}</p>
        </Notice>
      ) : null}

      {allowed('accept') ? (
        <div class="step">
          <p>Neemt u deze zaak aan? De verwijzer krijgt bericht. Kunt u haar niet nemen, wijs haar dan af met een reden: Overbrug zoekt dan een andere contactpersoon.</p>
          {failed ? (
            <Notice tone="error" live="assertive">
              <p>{failed}</p>
            </Notice>
          ) : null}
          {opened !== 'decline' ? (
            <div class="form-actions">
              <Button busy={busy} busyLabel="Bezig…" onClick={() => void accept()}>
                Zaak aannemen
              </Button>
              {opener('decline', 'Zaak afwijzen…', 'secondary')}
            </div>
          ) : null}
        </div>
      ) : null}
      {allowed('record-intake') ? <IntakeForm involveNaasten={view.consent.grants.naasten.length > 0} act={act} settle={settle} /> : null}
      {allowed('record-first-contact') ? <FirstContactForm key={view.status} view={view} act={act} settle={settle} /> : null}
      {allowed('record-outcomes') ? <OutcomesForm key={`${view.status}-${view.outcomes.length}`} view={view} act={act} settle={settle} /> : null}
      {nothingToDo ? <p class="muted">{view.closedAt ? 'Deze zaak is afgesloten: er is niets meer te doen.' : 'Er is nu niets voor u te doen.'}</p> : null}

      {opened && reasonForm ? (
        <ReasonForm
          key={opened}
          id={`${opened}-reason`}
          label={reasonForm.label}
          hint={reasonForm.hint}
          required={reasonForm.required}
          submitLabel={reasonForm.submitLabel}
          onCancel={() => {
            setOpened(undefined);
            refocus(`open-${opened}`);
          }}
          onSubmit={async (reason) => {
            const refused = settle(await act(reasonForm.action(reason)), () => reasonForm.done);
            return refused ? reasonFailure(refused) : undefined;
          }}
        >
          {opened === 'close' ? (
            <Notice tone="warning" title="Zaak afsluiten?">
              <p>
                Afsluiten geeft de gereserveerde plaatsen en uw plek in de caseload vrij; de verwijzer hoort wat er van elke hulpvraag werd. Daarna legt u niets meer vast.
                {view.outcomes.length === 0 ? ' Er zijn nog geen uitkomsten vastgelegd.' : ''}
              </p>
            </Notice>
          ) : null}
        </ReasonForm>
      ) : null}
      {!opened && (allowed('close') || allowed('withdraw')) ? (
        <div class="form-actions more-actions">
          {opener('close', 'Zaak afsluiten…', 'quiet')}
          {opener('withdraw', 'Verwijzing intrekken…', 'quiet')}
        </div>
      ) : null}
    </section>
  );
}

/** By when the next step is due, when a time limit says so: first, so a phone shows it at once. */
function DueLine({ view }: { view: CaseView }) {
  const { step, due } = view.nextStep;
  if (!due || (step !== 'contact-person-reacts' && step !== 'first-contact' && step !== 'intake')) return null;
  return (
    <p class="due-line">
      {step === 'contact-person-reacts' ? 'Reageer uiterlijk ' : step === 'intake' ? 'Doe de netwerkintake met de cliënt uiterlijk ' : 'Neem contact op met de cliënt uiterlijk '}
      <strong>{formatDate(due)}</strong>
      {step !== 'contact-person-reacts' ? <span class="muted"> (aanmeldnorm)</span> : null}
    </p>
  );
}

type Settle = (result: ActionResult, success: (view: CaseView) => ComponentChildren) => Extract<ActionResult, { state: 'refused' }> | undefined;

function FormProblem({ errors }: { errors: FormErrors }) {
  return errors.form ? (
    <Notice tone="error" live="assertive">
      <p>{errors.form}</p>
    </Notice>
  ) : null;
}

const focusFirst = (errors: FormErrors) => {
  const first = Object.keys(errors).find((id) => id !== 'form');
  if (first) focusField(first);
};

type StoryKey = keyof typeof STORY_QUESTIONS;

/**
 * The netwerkintake the contact person does with the client, for a referral that came without it:
 * the levensdomeinen (need and source of help), the five story questions, the signals, the client's
 * wishes and, while naasten may be involved, the naaste. Once recorded, Overbrug triages and matches
 * the referral, and the case comes back with its options.
 */
function IntakeForm({ involveNaasten, act, settle }: { involveNaasten: boolean; act: Act; settle: Settle }) {
  const [domains, setDomains] = useState<Record<Levensdomein, { need: NeedLevel; helpFrom: HelpSource }>>(
    () => Object.fromEntries(LEVENSDOMEINEN.map((domain) => [domain, { need: 'none', helpFrom: 'professional' }])) as Record<Levensdomein, { need: NeedLevel; helpFrom: HelpSource }>,
  );
  const [story, setStory] = useState<Partial<Record<StoryKey, string>>>({});
  const [flags, setFlags] = useState<Flag[]>([]);
  const [care, setCare] = useState<CarePreferencesForm>(newCarePreferences);
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setProblem(undefined);
    const intake = {
      story: Object.fromEntries(Object.entries(story).filter(([, value]) => value?.trim())),
      domains: LEVENSDOMEINEN.filter((domain) => domains[domain].need !== 'none').map((domain) => ({ domain, ...domains[domain] })),
      flags,
      ...carePreferencesRequest(care, involveNaasten),
    };
    const refused = settle(await act({ action: 'record-intake', intake } as CaseAction), () => 'Netwerkintake vastgelegd. Overbrug zoekt nu aanbod; u krijgt bericht zodra het er is.');
    setBusy(false);
    if (refused) setProblem(refused.type === '/problems/duplicate-referral' ? 'Deze cliënt heeft al een open verwijzing voor een van deze hulpvragen. Overleg met de verwijzer.' : refused.message);
  };
  return (
    <form class="form form-compact action-form" onSubmit={(event) => void submit(event)} noValidate aria-labelledby="intake-title">
      <h3 id="intake-title">Netwerkintake vastleggen</h3>
      <p class="field-hint">De verwijzer vroeg u de netwerkintake samen met de cliënt te doen. Leg vast wat u samen besprak; daarna zoekt Overbrug aanbod.</p>
      <fieldset class="fieldset">
        <legend>Levensdomeinen: hulpvraag en hulp van</legend>
        {LEVENSDOMEINEN.map((domain) => (
          <div class="intake-domain" key={domain}>
            <SelectField
              id={`intake-${domain}-need`}
              label={`${capitalise(LEVENSDOMEIN_INFO[domain].label)}: hulpvraag`}
              value={domains[domain].need}
              options={NEED_LEVELS.map((level) => ({ value: level, label: capitalise(NEED_LEVEL_LABELS[level]) }))}
              onChange={(need) => setDomains({ ...domains, [domain]: { ...domains[domain], need: need || 'none' } })}
            />
            {domains[domain].need !== 'none' ? (
              <SelectField
                id={`intake-${domain}-help`}
                label="Hulp van"
                value={domains[domain].helpFrom}
                options={HELP_SOURCES.map((source) => ({ value: source, label: capitalise(HELP_SOURCE_LABELS[source]) }))}
                onChange={(helpFrom) => setDomains({ ...domains, [domain]: { ...domains[domain], helpFrom: helpFrom || 'professional' } })}
              />
            ) : null}
          </div>
        ))}
      </fieldset>
      {(Object.keys(STORY_QUESTIONS) as StoryKey[]).map((key) => (
        <TextArea key={key} id={`intake-story-${key}`} label={STORY_QUESTIONS[key]} optional maxLength={4000} value={story[key] ?? ''} onInput={(event) => setStory({ ...story, [key]: event.currentTarget.value })} />
      ))}
      <CheckboxGroup
        id="intake-signals"
        legend="Signalen"
        options={FLAGS.map((flag) => ({ value: flag, label: capitalise(FLAG_LABELS[flag]) }))}
        values={flags}
        onChange={setFlags}
      />
      <CarePreferencesFields care={care} involveNaasten={involveNaasten} onChange={setCare} field={(id) => ({ id: `intake-${id}`, error: undefined, onBlur: () => undefined })} heading="h3" />
      {problem ? (
        <Notice tone="error" live="assertive">
          <p>{problem}</p>
        </Notice>
      ) : null}
      <div class="form-actions">
        <Button type="submit" busy={busy} busyLabel="Bezig…">
          Netwerkintake vastleggen
        </Button>
      </div>
    </form>
  );
}

/** The first contact: today by default (never in the future, never before the referral), and how. */
function FirstContactForm({ view, act, settle }: { view: CaseView; act: Act; settle: Settle }) {
  const [draft, setDraft] = useState<FirstContactDraft>(() => newFirstContact(view));
  const [errors, setErrors] = useState<FormErrors>({});
  const [busy, setBusy] = useState(false);
  const submit = async (event: Event) => {
    event.preventDefault();
    const found = firstContactErrors(draft, view);
    setErrors(found);
    if (Object.keys(found).length) {
      focusFirst(found);
      return;
    }
    setBusy(true);
    const refused = settle(await act({ action: 'record-first-contact', date: draft.date, channel: draft.channel as (typeof CHANNELS)[number] }), (updated) =>
      `Eerste contact vastgelegd; de verwijzer krijgt bericht.${updated.allowedActions.includes('record-outcomes') ? ' Leg de uitkomsten vast zodra bekend is wat er van een hulpvraag werd.' : ''}`,
    );
    if (!refused) return;
    setBusy(false);
    const placed =
      refused.type === '/problems/invalid-action'
        ? { 'first-contact-date': 'Controleer de datum: niet in de toekomst, en niet vóór de verwijzing.' }
        : errorsAtFields(
            refused.errors,
            (path) =>
              path === 'date'
                ? { id: 'first-contact-date', message: 'Vul een geldige datum in.' }
                : path === 'channel'
                  ? { id: 'first-contact-channel', message: 'Kies hoe het contact was.' }
                  : undefined,
            refused.message,
          );
    setErrors(placed);
    focusFirst(placed);
  };
  return (
    <form class="form form-compact action-form" onSubmit={(event) => void submit(event)} noValidate aria-labelledby="first-contact-title">
      <h3 id="first-contact-title">Eerste contact vastleggen</h3>
      <p class="field-hint">Zodra u de cliënt sprak of zag. De verwijzer krijgt er bericht van.</p>
      <TextField
        id="first-contact-date"
        type="date"
        label="Datum"
        hint="Vandaag, of eerder; niet vóór de verwijzing."
        width="s"
        min={referralDay(view)}
        max={todayInNL()}
        value={draft.date}
        onInput={(event) => setDraft({ ...draft, date: event.currentTarget.value })}
        error={errors['first-contact-date']}
      />
      <RadioGroup
        id="first-contact-channel"
        name="first-contact-channel"
        legend="Hoe"
        inline
        options={CHANNELS.map((channel) => ({ value: channel, label: capitalise(CHANNEL_LABELS[channel]) }))}
        value={draft.channel || undefined}
        onChange={(channel) => setDraft({ ...draft, channel })}
        error={errors['first-contact-channel']}
      />
      <FormProblem errors={errors} />
      <div class="form-actions">
        <Button type="submit" busy={busy} busyLabel="Bezig…">
          Eerste contact vastleggen
        </Button>
      </div>
    </form>
  );
}

/**
 * What became of each need (the triage's, and the wait itself with bridging): one of the six
 * results, and for a result that leaves the need unmet one of the ten reasons, as the form says.
 */
function OutcomesForm({ view, act, settle }: { view: CaseView; act: Act; settle: Settle }) {
  const [draft, setDraft] = useState<OutcomeDraft>(() => outcomeDraft(view));
  const [errors, setErrors] = useState<FormErrors>({});
  const [busy, setBusy] = useState(false);
  const needs = outcomeNeeds(view);
  const levelOf = (need: string) => view.triage?.needs.find((candidate) => candidate.domain === need)?.level;

  const submit = async (event: Event) => {
    event.preventDefault();
    const { action, errors: found } = outcomesToSend(view, draft);
    setErrors(found);
    if (Object.keys(found).length) {
      focusFirst(found);
      return;
    }
    setBusy(true);
    const refused = settle(await act(action), (updated) =>
      `${action.outcomes.length === 1 ? 'Uitkomst' : `${action.outcomes.length} uitkomsten`} vastgelegd.${updated.status === 'in-care' && view.status !== 'in-care' ? ' De hulp is gestart.' : ''}`,
    );
    if (!refused) return;
    setBusy(false);
    const placed = errorsAtFields(refused.errors, outcomeFieldOf(action.outcomes), refused.message);
    setErrors(placed);
    focusFirst(placed);
  };

  // Without consent to share the needs, the triage's needs are not in the view: only the wait's outcome can be recorded.
  const notShared = view.intake.domains === null ? 'De cliënt deelt de hulpvraag niet met u: van de hulpvragen legt u hier geen uitkomst vast.' : undefined;
  if (needs.length === 0) {
    return (
      <div class="action-form">
        <h3>Uitkomsten vastleggen</h3>
        <p class="muted">{notShared ?? 'Deze zaak heeft geen hulpvragen om een uitkomst van vast te leggen.'}</p>
      </div>
    );
  }
  return (
    <form class="form action-form" onSubmit={(event) => void submit(event)} noValidate aria-labelledby="outcomes-form-title" aria-describedby="outcomes-rule">
      <h3 id="outcomes-form-title">Uitkomsten vastleggen</h3>
      {notShared ? <p class="field-hint">{notShared}</p> : null}
      <p class="field-hint" id="outcomes-rule">
        Per hulpvraag: wat werd ervan? Bij {UNMET_RESULTS_TEXT} bleef de hulpvraag onvervuld; kies dan ook de reden. Alleen wat u verandert, wordt opgeslagen.
      </p>
      {needs.map((need) => {
        const entry = draft[need] ?? { result: '', unmetReason: '' };
        const level = levelOf(need);
        return (
          <fieldset class="field group outcome-need" key={need}>
            <legend class="field-label">
              {capitalise(needLabel(need))}
              {level ? <span class="muted"> · {NEED_LEVEL_LABELS[level]} hulpvraag</span> : null}
            </legend>
            <div class="grid-2">
              <SelectField
                id={outcomeFieldId(need, 'result')}
                label="Uitkomst"
                placeholder="nog niet bekend"
                options={NEED_OUTCOMES.map((result) => ({ value: result, label: NEED_OUTCOME_LABELS[result] }))}
                value={entry.result}
                onChange={(result) => setDraft({ ...draft, [need]: { ...entry, result } })}
                error={errors[outcomeFieldId(need, 'result')]}
              />
              {isUnmet(entry.result) ? (
                <SelectField
                  id={outcomeFieldId(need, 'reason')}
                  label="Waarom niet vervuld"
                  hint="Verplicht bij deze uitkomst."
                  placeholder="Kies een reden…"
                  options={UNMET_NEED_REASONS.map((reason) => ({ value: reason, label: UNMET_NEED_REASON_LABELS[reason] }))}
                  value={entry.unmetReason}
                  onChange={(unmetReason) => setDraft({ ...draft, [need]: { ...entry, unmetReason } })}
                  error={errors[outcomeFieldId(need, 'reason')]}
                />
              ) : null}
            </div>
          </fieldset>
        );
      })}
      <FormProblem errors={errors} />
      <div class="form-actions">
        <Button type="submit" busy={busy} busyLabel="Bezig…">
          Uitkomsten vastleggen
        </Button>
      </div>
    </form>
  );
}
