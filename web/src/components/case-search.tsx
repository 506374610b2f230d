import { useEffect, useState } from 'preact/hooks';
import { Button } from './button.tsx';
import { TextField } from './field.tsx';

/**
 * Finding a case: its case number (whole, or its last digits: "412" finds RV-2026-00412) or the
 * start of the client reference. The list asks the API (`q`); an empty search shows all again.
 */
export function CaseSearch({ id, query, onSearch }: { id: string; query: string; onSearch: (query: string) => void }) {
  const [text, setText] = useState(query);
  useEffect(() => setText(query), [query]);
  return (
    <form
      role="search"
      class="form form-inline case-search"
      aria-label="Zoek een zaak"
      onSubmit={(event) => {
        event.preventDefault();
        onSearch(text.trim());
      }}
    >
      <TextField
        id={id}
        label="Zoek op zaaknummer of kenmerk"
        hint="Bijvoorbeeld RV-2026-00412, alleen 412, of het begin van uw kenmerk voor de cliënt."
        type="search"
        autoComplete="off"
        spellcheck={false}
        maxLength={64}
        width="m"
        value={text}
        onInput={(event) => setText(event.currentTarget.value)}
      />
      <Button type="submit" variant="secondary">
        Zoeken
      </Button>
      {query ? (
        <Button
          variant="quiet"
          onClick={() => {
            setText('');
            onSearch('');
          }}
        >
          Alles tonen
        </Button>
      ) : null}
    </form>
  );
}
