import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';

let focusOnMount = false;

/** The shell calls this on every navigation inside the app: the next page's heading takes the focus. */
export function markNavigation(): void {
  focusOnMount = true;
}

/**
 * A page: its heading (which takes the focus after a navigation, so screen readers announce the new
 * page and keyboard users start there), optional actions beside it, and its content. `busy` marks
 * the content as loading (aria-busy); tests and the benchmark wait for it to turn false.
 */
export function Page({
  title,
  tabTitle,
  actions,
  busy = false,
  children,
}: {
  title: ComponentChildren;
  /** What the browser tab says, when it should name more than the route (a case number). */
  tabTitle?: string;
  actions?: ComponentChildren;
  busy?: boolean;
  children?: ComponentChildren;
}) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (tabTitle) document.title = `${tabTitle} · Overbrug`;
  }, [tabTitle]);
  useEffect(() => {
    if (!focusOnMount) return;
    focusOnMount = false;
    heading.current?.focus();
  }, []);
  return (
    <div class="page" aria-busy={busy ? 'true' : 'false'}>
      <div class="page-header">
        <h1 class="page-title" tabIndex={-1} ref={heading}>
          {title}
        </h1>
        {actions ? <div class="page-actions">{actions}</div> : null}
      </div>
      {children}
    </div>
  );
}

/** A section of a page with its own heading (h2). */
export function Section({ title, id, children, actions }: { title: ComponentChildren; id: string; children?: ComponentChildren; actions?: ComponentChildren }) {
  return (
    <section class="section" aria-labelledby={id}>
      <div class="section-header">
        <h2 id={id}>{title}</h2>
        {actions}
      </div>
      {children}
    </section>
  );
}

/** Label–value pairs (a definition list); empty values are left out. */
export function Facts({ items }: { items: readonly (readonly [ComponentChildren, ComponentChildren])[] }) {
  const shown = items.filter(([, value]) => value !== undefined && value !== null && value !== '');
  return (
    <dl class="facts">
      {shown.map(([label, value], index) => (
        <div class="fact" key={index}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
