import type { ComponentChildren, InputHTMLAttributes, PartialInputHTMLAttributes, PartialSelectHTMLAttributes, TextareaHTMLAttributes } from 'preact';
import { useEffect, useRef } from 'preact/hooks';

// Form fields with a visible label, an optional hint and an inline error, tied together with
// aria-describedby and aria-invalid. The input's id is the field's id, so an error summary can link
// to it; a group (radio, checkbox) is a fieldset whose first input carries the id.

interface FieldBase {
  id: string;
  label: ComponentChildren;
  hint?: ComponentChildren;
  error?: string | undefined;
  /** Makes the field narrower for short answers (postcode, year). */
  width?: 'xs' | 's' | 'm';
}

/** The ids that describe a control: its hint and its error, when shown. */
export const describedBy = (id: string, hint: unknown, error: unknown) => [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;

function Hint({ id, children }: { id: string; children: ComponentChildren }) {
  return (
    <p class="field-hint" id={`${id}-hint`}>
      {children}
    </p>
  );
}

export function FieldError({ id, error }: { id: string; error: string | undefined }) {
  return error ? (
    <p class="field-error" id={`${id}-error`}>
      <span class="visually-hidden">Fout: </span>
      {error}
    </p>
  ) : null;
}

type InputProps = Omit<PartialInputHTMLAttributes<HTMLInputElement>, 'id' | 'class' | 'className' | 'label' | 'width' | 'role' | 'type'> & {
  type?: 'text' | 'email' | 'tel' | 'date' | 'number' | 'search' | 'url';
};

/**
 * A labelled control: the label (with "(optioneel)"), the hint and the error above it, for any
 * control whose id is `id` and that sets `aria-describedby` with `describedBy(id, hint, error)`.
 */
export function LabelledField({ id, label, hint, error, optional, children }: Omit<FieldBase, 'width'> & { optional?: boolean | undefined; children: ComponentChildren }) {
  return (
    <div class={`field${error ? ' field-invalid' : ''}`}>
      <label class="field-label" for={id}>
        {label}
        {optional ? <span class="muted"> (optioneel)</span> : null}
      </label>
      {hint ? <Hint id={id}>{hint}</Hint> : null}
      <FieldError id={id} error={error} />
      {children}
    </div>
  );
}

export function TextField({ id, label, hint, error, width, optional, type = 'text', ...input }: FieldBase & InputProps & { optional?: boolean }) {
  return (
    <LabelledField id={id} label={label} hint={hint} error={error} optional={optional}>
      <input
        // Preact types `input` as a union per type; the spread carries the one chosen.
        {...({ ...input, type } as InputHTMLAttributes<HTMLInputElement>)}
        id={id}
        class={`input${width ? ` input-${width}` : ''}`}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(id, hint, error)}
      />
    </LabelledField>
  );
}

type TextAreaProps = Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id' | 'class' | 'className' | 'label'>;

export function TextArea({ id, label, hint, error, optional, ...textarea }: Omit<FieldBase, 'width'> & TextAreaProps & { optional?: boolean }) {
  return (
    <LabelledField id={id} label={label} hint={hint} error={error} optional={optional}>
      <textarea rows={3} {...textarea} id={id} class="input textarea" aria-invalid={error ? 'true' : undefined} aria-describedby={describedBy(id, hint, error)} />
    </LabelledField>
  );
}

export interface Option<V extends string = string> {
  value: V;
  label: ComponentChildren;
  hint?: ComponentChildren;
}

export function SelectField<V extends string>({
  id,
  label,
  hint,
  error,
  width,
  options,
  value,
  onChange,
  placeholder,
  ...select
}: FieldBase & {
  options: readonly Option<V>[];
  value: V | '';
  onChange: (value: V | '') => void;
  placeholder?: string;
} & Omit<PartialSelectHTMLAttributes<HTMLSelectElement>, 'id' | 'class' | 'className' | 'label' | 'value' | 'onChange' | 'width' | 'role'>) {
  return (
    <LabelledField id={id} label={label} hint={hint} error={error}>
      <select
        {...select}
        id={id}
        class={`input select${width ? ` input-${width}` : ''}`}
        value={value}
        onChange={(event) => onChange(event.currentTarget.value as V | '')}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(id, hint, error)}
      >
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </LabelledField>
  );
}

interface GroupBase {
  id: string;
  legend: ComponentChildren;
  hint?: ComponentChildren;
  error?: string | undefined;
  /** Options side by side (short labels), as quick choices. */
  inline?: boolean;
  /**
   * The legend is read by screen readers but not shown: `true` everywhere (something else on screen
   * says it), `'wide'` only on wide screens, where column headers say it; on a phone it is shown.
   */
  legendHidden?: boolean | 'wide';
  disabled?: boolean;
  /** Extra content inside the fieldset, after the options (e.g. fields that a choice reveals). */
  children?: ComponentChildren;
}

/** A fieldset of choices: legend, hint, error, one input per option (the first carries the group's id). */
function ChoiceGroup<V extends string>({
  id,
  legend,
  hint,
  error,
  inline,
  legendHidden,
  disabled,
  options,
  children,
  input,
}: GroupBase & { options: readonly Option<V>[]; input: (option: Option<V>, optionId: string, describedBy: string | undefined) => ComponentChildren }) {
  return (
    <fieldset class={`field group${error ? ' field-invalid' : ''}`} aria-describedby={describedBy(id, hint, error)} disabled={disabled}>
      <legend class={legendHidden === true ? 'visually-hidden' : legendHidden === 'wide' ? 'field-label hidden-when-wide' : 'field-label'}>{legend}</legend>
      {hint ? <Hint id={id}>{hint}</Hint> : null}
      <FieldError id={id} error={error} />
      <div class={inline ? 'choices choices-inline' : 'choices'}>
        {options.map((option, index) => {
          const optionId = index === 0 ? id : `${id}-${option.value}`;
          return (
            <div class="choice" key={option.value}>
              {input(option, optionId, option.hint ? `${optionId}-hint` : undefined)}
              <label class="choice-label" for={optionId}>
                {option.label}
              </label>
              {option.hint ? (
                <p class="field-hint choice-hint" id={`${optionId}-hint`}>
                  {option.hint}
                </p>
              ) : null}
            </div>
          );
        })}
      </div>
      {children}
    </fieldset>
  );
}

/** One choice of a few, as radio buttons: arrow keys move between them. */
export function RadioGroup<V extends string>({
  name,
  value,
  onChange,
  onBlur,
  ...group
}: GroupBase & { name: string; options: readonly Option<V>[]; value: V | undefined; onChange: (value: V) => void; onBlur?: () => void }) {
  return (
    <ChoiceGroup
      {...group}
      input={(option, optionId, describedBy) => (
        <input
          type="radio"
          class="choice-input"
          id={optionId}
          name={name}
          value={option.value}
          checked={value === option.value}
          onChange={() => onChange(option.value)}
          onBlur={onBlur}
          aria-describedby={describedBy}
        />
      )}
    />
  );
}

/** Any number of choices, as checkboxes. */
export function CheckboxGroup<V extends string>({
  values,
  onChange,
  onBlur,
  ...group
}: GroupBase & { options: readonly Option<V>[]; values: readonly V[]; onChange: (values: V[]) => void; onBlur?: () => void }) {
  const toggle = (option: V, checked: boolean) => onChange(checked ? [...values.filter((value) => value !== option), option] : values.filter((value) => value !== option));
  return (
    <ChoiceGroup
      {...group}
      input={(option, optionId, describedBy) => (
        <input
          type="checkbox"
          class="choice-input"
          id={optionId}
          value={option.value}
          checked={values.includes(option.value)}
          onChange={(event) => toggle(option.value, event.currentTarget.checked)}
          onBlur={onBlur}
          aria-describedby={describedBy}
        />
      )}
    />
  );
}

export interface SummaryError {
  /** The id of the field to move to. */
  id: string;
  message: string;
}

/**
 * The form's errors at the top, each a link to its field. It takes the focus each time `attempt`
 * changes (a new submit), so keyboard and screen-reader users learn at once what to fix.
 */
export function ErrorSummary({ errors, attempt, title = 'Controleer het formulier' }: { errors: readonly SummaryError[]; attempt: number; title?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const shown = errors.length > 0;
  useEffect(() => {
    if (shown) ref.current?.focus();
  }, [attempt, shown]);
  if (!shown) return null;
  return (
    <div class="error-summary" tabIndex={-1} ref={ref} aria-labelledby="error-summary-title">
      <h2 class="error-summary-title" id="error-summary-title">
        {title}
      </h2>
      <ul>
        {errors.map((error) => (
          <li key={`${error.id}:${error.message}`}>
            <a
              href={`#${error.id}`}
              onClick={(event) => {
                // Hash routing: move to the field without touching the address.
                event.preventDefault();
                focusField(error.id);
              }}
            >
              {error.message}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Moves to a field by id: into view, focused. */
export function focusField(id: string): void {
  const element = document.getElementById(id);
  if (!element) return;
  element.scrollIntoView({ block: 'center' });
  element.focus({ preventScroll: true });
}
