import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';

export type Tone = 'info' | 'success' | 'warning' | 'error';

/**
 * A message in a box. `live` makes screen readers announce it when it appears: `polite` for news
 * (saved, status changed), `assertive` for what must not be missed (an error, a crisis).
 * `takeFocus` moves the focus to it when it appears (after an action whose form went away, so
 * keyboard users carry on from the result); give it a new `key` for each new message.
 */
export function Notice({
  tone = 'info',
  title,
  live,
  takeFocus = false,
  children,
  id,
}: {
  tone?: Tone;
  title?: string;
  live?: 'polite' | 'assertive';
  takeFocus?: boolean;
  children?: ComponentChildren;
  id?: string;
}) {
  const role = live === 'assertive' ? 'alert' : live === 'polite' ? 'status' : undefined;
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (takeFocus) ref.current?.focus();
  }, []);
  return (
    <div class={`notice notice-${tone}`} role={role} id={id} ref={ref} tabIndex={takeFocus ? -1 : undefined}>
      {title ? <p class="notice-title">{title}</p> : null}
      {children}
    </div>
  );
}

export interface CrisisInstructions {
  message: string;
  call: { name: string; phone: string; hours: string }[];
}

/** A `tel:` link for a phone number as people write it ("0800-0113", "+31 6 ..."), if it has one. */
export const telHref = (phone: string) => {
  const digits = /^[+\d][\d\s-]*\d/.exec(phone)?.[0].replace(/[\s-]/g, '');
  return digits && digits.length >= 3 ? `tel:${digits}` : undefined;
};

/** Whom to call now: shown first and impossible to miss when an intake means crisis. */
export function CrisisNotice({ crisis, title = 'Crisis: wacht niet, bel nu' }: { crisis: CrisisInstructions; title?: string }) {
  return (
    <section class="notice notice-crisis" role="alert" aria-labelledby="crisis-title">
      <h2 id="crisis-title" class="notice-title">
        {title}
      </h2>
      <p>{crisis.message}</p>
      <ul class="crisis-lines">
        {crisis.call.map((line) => {
          const tel = telHref(line.phone);
          return (
            <li key={line.name}>
              <strong>{line.name}</strong>: {tel ? <a href={tel}>{line.phone}</a> : line.phone} <span class="muted">({line.hours})</span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
