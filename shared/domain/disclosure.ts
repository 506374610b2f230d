// Statistical disclosure control for the manager's statistics (docs/security.md, "What is
// suppressed"), as statistical offices do it (CBS, Eurostat; tau-ARGUS: primary suppression,
// secondary suppression by the hypercube method, and an audit):
//
// - Counts live in tables with margins: gemeente × week × route (the region is the gemeenten's
//   margin, the period total the weeks', a week's total its routes'), gemeente × age band,
//   gemeente × first-time/repeat (sharing the totals), and gemeente × reason and the like, where
//   only the region adds up. Every margin is a sum a reader of the answers can subtract.
// - Primary suppression: a count of 1 to 4 is shown as "<5".
// - The audit: from what is shown ("<5" is 0 to 4, "hidden" any count, a number itself) and the
//   sums, it works out the smallest and largest value each withheld count can have, by interval
//   propagation to a fixpoint. A withheld count whose bounds meet is disclosed, a zero too.
// - Secondary suppression: for a disclosed count, a hypercube in the table of the sum that pins it:
//   a partner value in each dimension, and every corner of the box they span withheld, so that
//   each sum through a corner holds two withheld corners that can move against each other. The
//   cheapest box is taken: zeros first, shown as "<5" (fewer than 5; not where a sum of 0 would
//   give them away), then small counts inside the table, margins last; the audit runs again, until
//   it discloses nothing.

/** A count as shown: the number, "<5" for fewer than 5 (1 to 4, or a zero withheld), or "hidden": withheld so that no small count can be worked out. */
export type Count = number | '<5' | 'hidden';

export const SMALL_COUNT = 5;
/** The margin of a dimension: the sum over its other values. */
export const MARGIN = '·';

/** `total` is the sum of `parts`: what a reader of the answers can subtract. */
export interface Relation {
  total: string;
  parts: string[];
  /** The table the sum belongs to. */
  table: number;
}

/**
 * A table of counts: its dimensions' values (a dimension with a margin has MARGIN among them), and
 * the key of the count at each coordinate (tables share the cells they have in common, such as
 * the totals).
 */
export interface CountTable {
  dimensions: string[][];
  cell: (coordinates: string[]) => string;
}

interface Bounds {
  lo: number;
  hi: number;
}

function shownBounds(label: Count): Bounds {
  if (typeof label === 'number') return { lo: label, hi: label };
  // "<5" is fewer than 5: a zero can be shown so too (below), so a reader knows 0 to 4.
  if (label === '<5') return { lo: 0, hi: SMALL_COUNT - 1 };
  return { lo: 0, hi: Infinity };
}

/** Every sum of every table: for each dimension with a margin, margin = Σ the other values, at every coordinate of the rest. */
export function relationsOf(tables: readonly CountTable[]): Relation[] {
  const relations: Relation[] = [];
  tables.forEach((table, index) => {
    const { dimensions } = table;
    const all = (dims: string[][]): string[][] => dims.reduce<string[][]>((acc, values) => acc.flatMap((prefix) => values.map((value) => [...prefix, value])), [[]]);
    dimensions.forEach((values, d) => {
      if (!values.includes(MARGIN)) return;
      for (const rest of all(dimensions.map((other, o) => (o === d ? [MARGIN] : other)))) {
        relations.push({
          total: table.cell(rest),
          parts: values.filter((value) => value !== MARGIN).map((value) => table.cell(rest.map((coordinate, o) => (o === d ? value : coordinate)))),
          table: index,
        });
      }
    });
  });
  return relations;
}

/** What a reader can work out of every cell in the relations from the labels: interval propagation to a fixpoint. */
export function auditBounds(labels: ReadonlyMap<string, Count>, relations: readonly Relation[]): Map<string, Bounds> {
  const bounds = new Map<string, Bounds>();
  const of = (cell: string) => {
    let found = bounds.get(cell);
    if (!found) bounds.set(cell, (found = shownBounds(labels.get(cell) ?? 'hidden')));
    return found;
  };
  let changed = true;
  for (let round = 0; changed && round < 200; round++) {
    changed = false;
    for (const { total, parts } of relations) {
      let sumLo = 0;
      let finiteHi = 0;
      let infinite = 0;
      for (const part of parts) {
        const b = of(part);
        sumLo += b.lo;
        if (b.hi === Infinity) infinite++;
        else finiteHi += b.hi;
      }
      const t = of(total);
      const tightened = (cell: Bounds, lo: number, hi: number) => {
        if (lo > cell.lo) (cell.lo = lo), (changed = true);
        if (hi < cell.hi) (cell.hi = hi), (changed = true);
      };
      tightened(t, sumLo, infinite ? Infinity : finiteHi);
      for (const part of parts) {
        const b = of(part);
        const othersHi = b.hi === Infinity ? (infinite > 1 ? Infinity : finiteHi) : infinite ? Infinity : finiteHi - b.hi;
        tightened(b, othersHi === Infinity ? -Infinity : t.lo - othersHi, t.hi - (sumLo - b.lo));
      }
    }
  }
  return bounds;
}

/**
 * The withheld cells that a combination of the sums pins down on its own: linear elimination
 * (reduced row echelon form) over the withheld cells, the shown ones moved to the right-hand side;
 * a row left with one withheld cell gives its value. This finds what intervals miss (week 2 and
 * week 3 add up to 5 and each is only its routes: then so do those routes).
 */
export function eliminated(labels: ReadonlyMap<string, Count>, relations: readonly Relation[]): string[] {
  const unknown = (cell: string) => typeof labels.get(cell) !== 'number';
  const rows: Map<string, number>[] = [];
  for (const { total, parts } of relations) {
    const row = new Map<string, number>();
    const term = (cell: string, sign: number) => {
      if (unknown(cell)) row.set(cell, (row.get(cell) ?? 0) + sign);
    };
    term(total, 1);
    for (const part of parts) term(part, -1);
    for (const [cell, coefficient] of row) if (Math.abs(coefficient) < 1e-9) row.delete(cell);
    if (row.size) rows.push(row);
  }
  const pivots: { cell: string; row: Map<string, number> }[] = [];
  const remaining = rows;
  while (remaining.length) {
    const row = remaining.pop()!;
    // Reduce by the pivots found so far.
    for (const pivot of pivots) {
      const factor = row.get(pivot.cell);
      if (factor === undefined) continue;
      for (const [cell, coefficient] of pivot.row) {
        const next = (row.get(cell) ?? 0) - factor * coefficient;
        if (Math.abs(next) < 1e-9) row.delete(cell);
        else row.set(cell, next);
      }
    }
    if (!row.size) continue;
    const [cell, lead] = row.entries().next().value as [string, number];
    for (const [key, coefficient] of row) row.set(key, coefficient / lead);
    // Keep the pivots reduced: the new pivot's cell leaves every earlier pivot row.
    for (const pivot of pivots) {
      const factor = pivot.row.get(cell);
      if (factor === undefined) continue;
      for (const [key, coefficient] of row) {
        const next = (pivot.row.get(key) ?? 0) - factor * coefficient;
        if (Math.abs(next) < 1e-9) pivot.row.delete(key);
        else pivot.row.set(key, next);
      }
    }
    pivots.push({ cell, row });
  }
  return pivots.filter((pivot) => pivot.row.size === 1).map((pivot) => pivot.cell);
}

/** The withheld published cells a reader can work out exactly: by the intervals, or by elimination. */
export function disclosed(labels: ReadonlyMap<string, Count>, relations: readonly Relation[], published: ReadonlySet<string>): string[] {
  const byIntervals = [...auditBounds(labels, relations)].filter(([, { lo, hi }]) => lo === hi).map(([cell]) => cell);
  return [...new Set([...byIntervals, ...eliminated(labels, relations)])].filter((cell) => published.has(cell) && typeof labels.get(cell) !== 'number');
}

/**
 * The labels of the published cells: primary suppression, then hypercubes until the audit
 * discloses nothing. A cell that is not published (referrals not triaged yet, those of no gemeente
 * of the region) is taken as known to the reader: the audit assumes the worst, and it is never a corner.
 */
export function protectCounts(tables: readonly CountTable[], values: ReadonlyMap<string, number>, published: ReadonlySet<string>): Map<string, Count> {
  const relations = relationsOf(tables);
  const labels = new Map<string, Count>();
  const valueOf = (cell: string) => values.get(cell) ?? 0;
  for (const relation of relations) for (const cell of [relation.total, ...relation.parts]) labels.set(cell, valueOf(cell));
  for (const cell of published) labels.set(cell, valueOf(cell) > 0 && valueOf(cell) < SMALL_COUNT ? '<5' : valueOf(cell));

  // Where each cell sits: in which tables, at which coordinates.
  const places = new Map<string, { table: number; coordinates: string[] }[]>();
  tables.forEach((table, index) => {
    const walk = (prefix: string[]) => {
      if (prefix.length === table.dimensions.length) {
        const cell = table.cell(prefix);
        places.set(cell, [...(places.get(cell) ?? []), { table: index, coordinates: prefix }]);
        return;
      }
      for (const value of table.dimensions[prefix.length]!) walk([...prefix, value]);
    };
    walk([]);
  });
  const relationsWith = new Map<string, Relation[]>();
  for (const relation of relations) for (const cell of [relation.total, ...relation.parts]) relationsWith.set(cell, [...(relationsWith.get(cell) ?? []), relation]);

  // What withholding a cell costs: nothing when it is withheld already; a small positive count
  // least, a zero more (a withheld zero needs room to move), a margin most (it is in more sums).
  // A zero is withheld as "<5" (it is fewer than 5), cheaply, where every sum it is in has
  // something in it (a sum of 0 tells all its parts are 0); a positive count as "hidden".
  const zeroCanHide = (cell: string) => (relationsWith.get(cell) ?? []).every((relation) => valueOf(relation.total) > 0);
  const cost = (cell: string, coordinates: string[]) => {
    const label = labels.get(cell);
    if (label === 'hidden' || label === '<5') return 0;
    if (!published.has(cell)) return Infinity;
    if (valueOf(cell) === 0) return zeroCanHide(cell) ? 1 : Infinity;
    return (coordinates.includes(MARGIN) ? 1000 : 0) + valueOf(cell);
  };
  const withhold = (cell: string) => labels.set(cell, valueOf(cell) === 0 ? '<5' : 'hidden');

  function cheapestBox(table: number, coordinates: string[]): string[] | undefined {
    const { dimensions, cell } = tables[table]!;
    const withMargins = dimensions.map((values, d) => (values.includes(MARGIN) ? d : -1)).filter((d) => d >= 0);
    // A partner per dimension, chosen one dimension at a time by what its line of two costs; then the box.
    const partners = withMargins.map((d) => {
      const options = dimensions[d]!.filter((value) => value !== coordinates[d]).map((value) => {
        const at = coordinates.map((coordinate, o) => (o === d ? value : coordinate));
        return { value, cost: cost(cell(at), at) };
      });
      return options.filter((option) => option.cost < Infinity).sort((a, b) => a.cost - b.cost)[0]?.value;
    });
    if (partners.some((partner) => partner === undefined)) return undefined;
    let corners: string[][] = [coordinates];
    withMargins.forEach((d, i) => {
      corners = corners.flatMap((corner) => [corner, corner.map((coordinate, o) => (o === d ? partners[i]! : coordinate))]);
    });
    const cells = corners.map((corner) => ({ key: cell(corner), corner }));
    if (cells.some(({ key, corner }) => cost(key, corner) === Infinity)) return undefined;
    return cells.map(({ key }) => key);
  }

  for (let guard = 0; guard < published.size; guard++) {
    const bounds = auditBounds(labels, relations);
    const open = disclosed(labels, relations, published);
    if (!open.length) break;
    // Each disclosed count whose sums no box of this pass touched gets its box now, without waiting
    // for the audit to run again: far fewer audits on a large, sparse table, and no box more than
    // one at a time would have chosen.
    let progressed = false;
    const touched = new Set<string>();
    const touch = (cells: string[]) => {
      for (const cell of cells) for (const relation of relationsWith.get(cell) ?? []) for (const other of [relation.total, ...relation.parts]) touched.add(other);
    };
    for (const target of open.sort()) {
      if (touched.has(target)) continue;
      // The tables of the sums that pin it, each on its own: there a box gives it a partner in every sum.
      const pinning = new Set(
        (relationsWith.get(target) ?? [])
          .filter((relation) => {
            const b = (cell: string) => bounds.get(cell)!;
            const others = [relation.total, ...relation.parts].filter((cell) => cell !== target);
            return others.every((cell) => typeof labels.get(cell) === 'number' || b(cell).lo === b(cell).hi);
          })
          .map((relation) => relation.table),
      );
      const tablesToTry = pinning.size ? [...pinning] : [...new Set((places.get(target) ?? []).map((place) => place.table))];
      const newly = (box: string[]) => box.filter((cell) => typeof labels.get(cell) === 'number');
      const boxes = tablesToTry
        .flatMap((table) => {
          const place = places.get(target)!.find((candidate) => candidate.table === table);
          const box = place ? cheapestBox(table, place.coordinates) : undefined;
          return box ? [box] : [];
        })
        .filter((box) => newly(box).length);
      const price = (box: string[]) => newly(box).reduce((sum, cell) => sum + cost(cell, []), 0);
      const best = boxes.sort((a, b) => price(a) - price(b))[0];
      if (best) {
        const added = newly(best);
        for (const cell of added) withhold(cell);
        touch(added);
        progressed = true;
        continue;
      }
      // No box adds anything: withhold the cheapest count shown in one of its sums.
      const fallback = (relationsWith.get(target) ?? [])
        .flatMap((relation) => [relation.total, ...relation.parts])
        .filter((cell) => typeof labels.get(cell) === 'number' && cost(cell, places.get(cell)?.[0]?.coordinates ?? []) < Infinity)
        .sort((a, b) => cost(a, places.get(a)?.[0]?.coordinates ?? []) - cost(b, places.get(b)?.[0]?.coordinates ?? []) || a.localeCompare(b))[0];
      if (fallback) {
        withhold(fallback);
        touch([fallback]);
        progressed = true;
      }
    }
    if (!progressed) break;
  }
  return new Map([...labels].filter(([cell]) => published.has(cell)));
}
