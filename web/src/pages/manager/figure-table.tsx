import { displayCell, HIDDEN, SMALL, type Cell, type FigureTable } from './dashboard-model.ts';

/**
 * A table of figures with its caption, the first cell of each row its header. On a narrow screen
 * it scrolls inside its own box (focusable, so a keyboard can scroll it), never the page.
 */
export function FigureTableView({ id, table }: { id: string; table: FigureTable }) {
  if (!table.rows.length) return <p class="muted">{table.empty ?? 'Geen cijfers.'}</p>;
  const numeric = (cell: Cell | undefined) => typeof cell === 'number' || cell === SMALL || cell === HIDDEN;
  // The caption is the table's name to screen readers; its visible copy stays above the box, in
  // view while the table scrolls (a caption scrolls with its table).
  return (
    <div class="figure-table-wrap">
      <p class="table-title" aria-hidden="true">
        {table.caption}
      </p>
      <div class="table-scroll" tabIndex={0} role="region" aria-labelledby={`${id}-caption`}>
        <table class="table figure-table" id={id}>
          <caption class="visually-hidden" id={`${id}-caption`}>
            {table.caption}
          </caption>
          <thead>
            <tr>
              {table.columns.map((column, index) => (
                <th scope="col" key={column} class={index > 0 && numeric(table.rows[0]![index]) ? 'num' : undefined}>
                  {column}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.map((row, rowIndex) => (
              <tr key={rowIndex}>
                {row.map((cell, index) =>
                  index === 0 ? (
                    <th scope="row" key={index}>
                      {displayCell(cell)}
                    </th>
                  ) : (
                    <td key={index} class={numeric(cell) ? 'num' : undefined}>
                      {displayCell(cell)}
                    </td>
                  ),
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
