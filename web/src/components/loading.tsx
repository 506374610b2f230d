import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { describeFailure } from '../api.ts';
import { Button } from './button.tsx';
import { Notice } from './notice.tsx';

export function Loading({ label = 'Bezig met laden…' }: { label?: string }) {
  return (
    <p class="loading" role="status">
      {label}
    </p>
  );
}

/** A failed load, in Dutch, with a way to try again. */
export function LoadFailed({ error, retry }: { error: unknown; retry?: () => void }) {
  return (
    <Notice tone="error" title="Laden is niet gelukt" live="assertive">
      <p>{describeFailure(error)}</p>
      {retry ? (
        <Button variant="secondary" onClick={retry}>
          Opnieuw proberen
        </Button>
      ) : null}
    </Notice>
  );
}

export type Resource<T> = { state: 'loading' } | { state: 'ready'; data: T; refreshing: boolean } | { state: 'failed'; error: unknown };

/**
 * Loads data for a page and keeps it: `reload()` fetches again (keeping what is shown meanwhile),
 * `set()` replaces it (with an action's answer). Aborted when the page goes.
 */
export function useResource<T>(load: (signal: AbortSignal) => Promise<T>, deps: unknown[]): Resource<T> & { reload: () => Promise<void>; set: (data: T) => void } {
  const [resource, setResource] = useState<Resource<T>>({ state: 'loading' });
  const controller = useRef<AbortController | undefined>(undefined);
  const run = useCallback(async () => {
    controller.current?.abort();
    const current = new AbortController();
    controller.current = current;
    setResource((previous) => (previous.state === 'ready' ? { ...previous, refreshing: true } : { state: 'loading' }));
    try {
      const data = await load(current.signal);
      if (!current.signal.aborted) setResource({ state: 'ready', data, refreshing: false });
    } catch (error) {
      if (!current.signal.aborted) setResource({ state: 'failed', error });
    }
  }, deps);
  useEffect(() => {
    void run();
    return () => controller.current?.abort();
  }, [run]);
  return { ...resource, reload: run, set: (data: T) => setResource({ state: 'ready', data, refreshing: false }) };
}
