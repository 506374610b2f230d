import type { ButtonHTMLAttributes, ComponentChildren, PartialAnchorHTMLAttributes } from 'preact';

export type ButtonVariant = 'primary' | 'secondary' | 'danger' | 'quiet';

type ButtonProps = Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'class' | 'className'> & {
  variant?: ButtonVariant;
  /** Working on it: the button stays focusable, says so, and ignores further clicks. */
  busy?: boolean;
  busyLabel?: string;
  children: ComponentChildren;
};

/** A button; `type` defaults to "button" so only a form's own submit button submits it. */
export function Button({ variant = 'primary', busy = false, busyLabel, type = 'button', onClick, children, ...rest }: ButtonProps) {
  return (
    <button
      {...rest}
      type={type}
      class={`button button-${variant}`}
      aria-disabled={busy || rest.disabled ? 'true' : undefined}
      aria-busy={busy ? 'true' : undefined}
      onClick={(event) => {
        if (busy) {
          event.preventDefault();
          return;
        }
        onClick?.(event);
      }}
    >
      {busy ? (busyLabel ?? children) : children}
    </button>
  );
}

type ButtonLinkProps = Omit<PartialAnchorHTMLAttributes<HTMLAnchorElement>, 'class' | 'className' | 'role'> & { variant?: ButtonVariant; href: string; children: ComponentChildren };

/** A link that looks like a button: for going somewhere (a new referral), not for doing something. */
export function ButtonLink({ variant = 'primary', children, ...rest }: ButtonLinkProps) {
  return (
    <a {...rest} class={`button button-${variant}`}>
      {children}
    </a>
  );
}

/**
 * The buttons under a small form that does something: the action (busy while it runs) and a way
 * back. `danger` for what cannot be undone (withdraw, decline).
 */
export function FormActions({ submitLabel, busy, onCancel, variant = 'primary' }: { submitLabel: ComponentChildren; busy: boolean; onCancel: () => void; variant?: ButtonVariant }) {
  return (
    <div class="form-actions">
      <Button type="submit" variant={variant} busy={busy} busyLabel="Bezig…">
        {submitLabel}
      </Button>
      <Button variant="quiet" onClick={onCancel}>
        Annuleren
      </Button>
    </div>
  );
}
