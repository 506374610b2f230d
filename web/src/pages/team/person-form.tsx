import { useState } from 'preact/hooks';
import { ContactPersonInputSchema } from '#shared/domain/contact-person-entry.ts';
import { ApiProblem, describeFailure } from '../../api.ts';
import { useApp } from '../../app-context.ts';
import { FormActions } from '../../components/button.tsx';
import { CheckboxGroup, ErrorSummary, focusField, TextField, type SummaryError } from '../../components/field.tsx';
import { Notice } from '../../components/notice.tsx';
import { textRuleMessage } from '../../text-rules.ts';
import { bodyOf, FIELD_MESSAGES, languageOptions, type Absence, type Editable, type FormField, type PersonForm } from './team-model.ts';

const ORDER: FormField[] = ['name', 'organisation', 'email', 'phone', 'gemeenten', 'caseloadLimit', 'languages', 'active'];
const fieldId = (field: FormField) => `team-${field}`;

/**
 * The form to add or change a cliëntondersteuner: checked with the API's own schema before it is
 * sent, and the API's answer per field shown beside that field.
 */
export function PersonFormView({
  initial,
  absence,
  submitLabel,
  onSubmit,
  onCancel,
}: {
  initial: PersonForm;
  /** The absence as it stands: a change here keeps it. */
  absence?: Absence | undefined;
  submitLabel: string;
  onSubmit: (body: Editable) => Promise<void>;
  onCancel: () => void;
}) {
  const { region } = useApp();
  const [form, setForm] = useState(initial);
  const [errors, setErrors] = useState<Partial<Record<FormField, string>>>({});
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | undefined>(undefined);

  const show = (problems: { path: string; message: string }[]) => {
    const found: Partial<Record<FormField, string>> = {};
    for (const { path, message } of problems) {
      const field = path.split('.')[0] as FormField;
      if (field in FIELD_MESSAGES && !found[field]) found[field] = textRuleMessage(message) ?? FIELD_MESSAGES[field];
    }
    setErrors(found);
    setAttempt((count) => count + 1);
    const first = ORDER.find((field) => found[field]);
    if (first) focusField(fieldId(first));
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    setFailure(undefined);
    const body = bodyOf(form, absence);
    const checked = ContactPersonInputSchema.safeParse(body);
    if (!checked.success) return show(checked.error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message })));
    setErrors({});
    setBusy(true);
    try {
      await onSubmit(body);
    } catch (error) {
      if (error instanceof ApiProblem && error.status === 400 && error.errors.length) show(error.errors);
      else if (error instanceof ApiProblem && error.status === 409) setFailure('Er bestaat al iemand met deze naam-code, of iemand anders veranderde deze persoon net. Laad de pagina opnieuw en probeer het nog eens.');
      else setFailure(`Opslaan is niet gelukt. ${describeFailure(error)}`);
    } finally {
      setBusy(false);
    }
  };

  const summary: SummaryError[] = ORDER.filter((field) => errors[field]).map((field) => ({ id: fieldId(field), message: errors[field]! }));
  const gemeenten = (region?.gemeenten ?? []).map((gemeente) => ({ value: gemeente.name, label: gemeente.name }));

  return (
    <form class="form" onSubmit={(event) => void submit(event)} noValidate aria-label={submitLabel}>
      <ErrorSummary errors={summary} attempt={attempt} />
      {failure ? (
        <Notice tone="error" takeFocus>
          <p>{failure}</p>
        </Notice>
      ) : null}
      <TextField id={fieldId('name')} label="Naam" value={form.name} error={errors.name} onInput={(event) => setForm({ ...form, name: event.currentTarget.value })} />
      <TextField
        id={fieldId('organisation')}
        label="Organisatie"
        value={form.organisation}
        error={errors.organisation}
        onInput={(event) => setForm({ ...form, organisation: event.currentTarget.value })}
      />
      <TextField
        id={fieldId('email')}
        label="E-mail (werk)"
        type="email"
        value={form.email}
        error={errors.email}
        onInput={(event) => setForm({ ...form, email: event.currentTarget.value })}
      />
      <TextField
        id={fieldId('phone')}
        label="Telefoon (werk)"
        optional
        type="tel"
        value={form.phone}
        error={errors.phone}
        onInput={(event) => setForm({ ...form, phone: event.currentTarget.value })}
      />
      <CheckboxGroup
        id={fieldId('gemeenten')}
        legend="Gemeenten"
        hint="In deze gemeenten krijgt deze persoon cliënten."
        options={gemeenten}
        values={form.gemeenten}
        error={errors.gemeenten}
        inline
        onChange={(values) => setForm({ ...form, gemeenten: values })}
      />
      <TextField
        id={fieldId('caseloadLimit')}
        label="Maximale caseload"
        hint="Zoveel cliënten kan deze persoon tegelijk hebben. Daarboven krijgt deze persoon geen nieuwe cliënten."
        type="number"
        width="xs"
        value={form.caseloadLimit}
        error={errors.caseloadLimit}
        onInput={(event) => setForm({ ...form, caseloadLimit: event.currentTarget.value })}
      />
      <CheckboxGroup
        id={fieldId('languages')}
        legend="Talen"
        hint="De talen waarin deze persoon met cliënten praat."
        options={languageOptions(form.languages)}
        values={form.languages}
        error={errors.languages}
        inline
        onChange={(values) => setForm({ ...form, languages: values })}
      />
      <CheckboxGroup
        id={fieldId('active')}
        legend="Actief"
        hint="Niet actief: deze persoon krijgt geen nieuwe cliënten. De open zaken blijven bij deze persoon."
        options={[{ value: 'active', label: 'Actief: krijgt nieuwe cliënten' }]}
        values={form.active ? ['active'] : []}
        error={errors.active}
        onChange={(values) => setForm({ ...form, active: values.includes('active') })}
      />
      <FormActions submitLabel={submitLabel} busy={busy} onCancel={onCancel} />
    </form>
  );
}
