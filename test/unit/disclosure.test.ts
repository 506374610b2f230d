import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { statistics, type Count, type CountedReferral, type Statistics } from '#shared/domain/statistics.ts';
import { AGE_BANDS } from '#shared/domain/referral-stats.ts';
import { countedReferral } from '../support/fixtures.ts';

// Issue 14, item 1: no withheld count of the manager's statistics can be worked out, from one
// answer, nor from the region's answer together with every gemeente's answer of the same period.
// Random count tables go through `statistics` as a manager would ask; an attacker written here,
// apart from the suppression code, reads only the answers: every sum it can see in them (a total
// and its breakdowns, a week and its routes, a route and its weeks, the region and its gemeenten),
// "<5" as 0 to 4 and "hidden" as any count. It works out what it can by interval propagation and by
// linear elimination (any combination of the sums); a withheld count it pins down, a zero too, fails.

const GEMEENTEN = ['Rivierstad', 'Polderdam', 'Heuvelrand'];
const ROUTES = ['social-domain', 'basic-ggz', 'combined'] as const;
const WEEKS = ['2026-11-02T09:00:00Z', '2026-11-09T09:00:00Z', '2026-11-16T09:00:00Z'];
const NOW = new Date('2026-11-23T12:00:00Z');
const QUERY = { from: '2026-11-02', to: '2026-11-22', now: NOW, treeknormWeeks: 14, firstContactWithinWeeks: 4, gemeenten: GEMEENTEN };

/** A group of alike referrals: small groups make small counts, which is what is to be protected. */
const group = fc.record({
  gemeente: fc.constantFrom(...GEMEENTEN),
  week: fc.constantFrom(...WEEKS),
  route: fc.constantFrom(...ROUTES),
  ageBand: fc.constantFrom('18-25', '26-44', '65+'),
  repeat: fc.boolean(),
  size: fc.oneof(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 5, max: 12 })),
});
const referralsOf = (groups: fc.Arbitrary<{ gemeente: string; week: string; route: (typeof ROUTES)[number]; ageBand: (typeof AGE_BANDS)[number]; repeat: boolean; size: number }[]>) =>
  groups.map((list) =>
    list.flatMap((g) =>
      Array.from({ length: g.size }, (): CountedReferral => countedReferral({ gemeente: g.gemeente, route: g.route, ageBand: g.ageBand, repeat: g.repeat }, { createdAt: g.week })),
    ),
  );

type Cells = Map<string, Count>;

/** The counts an answer shows, by a path of its own; and the sums a reader sees among them. */
function cellsOf(answer: Statistics, prefix: string, cells: Cells): { total: string; parts: string[] }[] {
  const put = (path: string, count: Count) => cells.set(`${prefix}|${path}`, count);
  const key = (path: string) => `${prefix}|${path}`;
  const r = answer.referrals;
  put('total', r.total);
  put('firstTime', r.firstTime);
  put('repeat', r.repeat);
  for (const [route, count] of Object.entries(r.perRoute)) put(`route.${route}`, count);
  for (const [band, count] of Object.entries(r.perAgeBand)) put(`age.${band}`, count);
  for (const bucket of r.series) {
    put(`week.${bucket.start}`, bucket.total);
    for (const [route, count] of Object.entries(bucket.routes)) put(`week.${bucket.start}.${route}`, count);
  }
  for (const [reason, count] of Object.entries(answer.unmetNeedReasons)) put(`unmet.${reason}`, count);
  const routes = Object.keys(r.perRoute);
  const weeks = r.series.map((bucket) => bucket.start);
  return [
    { total: key('total'), parts: [key('firstTime'), key('repeat')] },
    { total: key('total'), parts: routes.map((route) => key(`route.${route}`)) },
    { total: key('total'), parts: Object.keys(r.perAgeBand).map((band) => key(`age.${band}`)) },
    { total: key('total'), parts: weeks.map((week) => key(`week.${week}`)) },
    ...weeks.map((week) => ({ total: key(`week.${week}`), parts: routes.map((route) => key(`week.${week}.${route}`)) })),
    ...routes.map((route) => ({ total: key(`route.${route}`), parts: weeks.map((week) => key(`week.${week}.${route}`)) })),
  ];
}

const boundsOf = (count: Count) => (typeof count === 'number' ? [count, count] : count === '<5' ? [0, 4] : [0, Infinity]) as [number, number];

/** The withheld cells the attacker pins down: interval propagation over the sums, then linear elimination. */
function attack(cells: Cells, sums: { total: string; parts: string[] }[]): string[] {
  const bounds = new Map([...cells].map(([cell, count]) => [cell, boundsOf(count)]));
  for (let round = 0, changed = true; changed && round < 100; round++) {
    changed = false;
    for (const { total, parts } of sums) {
      const lo = parts.reduce((sum, part) => sum + bounds.get(part)![0], 0);
      const hi = parts.reduce((sum, part) => sum + bounds.get(part)![1], 0);
      const t = bounds.get(total)!;
      const next: [number, number] = [Math.max(t[0], lo), Math.min(t[1], hi)];
      if (next[0] !== t[0] || next[1] !== t[1]) (bounds.set(total, next), (changed = true));
      for (const part of parts) {
        const p = bounds.get(part)!;
        const othersLo = lo - p[0];
        const othersHi = hi - p[1];
        const narrowed: [number, number] = [Math.max(p[0], Number.isFinite(othersHi) ? next[0] - othersHi : p[0]), Math.min(p[1], next[1] - othersLo)];
        if (narrowed[0] !== p[0] || narrowed[1] !== p[1]) (bounds.set(part, narrowed), (changed = true));
      }
    }
  }
  const pinned = new Set([...bounds].filter(([cell, [lo, hi]]) => lo === hi && typeof cells.get(cell) !== 'number').map(([cell]) => cell));

  // Linear elimination over the withheld cells: a row left with one unknown pins it.
  const unknowns = [...cells].filter(([, count]) => typeof count !== 'number').map(([cell]) => cell);
  const column = new Map(unknowns.map((cell, index) => [cell, index]));
  const rows = sums.map(({ total, parts }) => {
    const row = new Array<number>(unknowns.length + 1).fill(0);
    const term = (cell: string, sign: number) => {
      const count = cells.get(cell)!;
      if (typeof count === 'number') row[unknowns.length]! -= sign * count;
      else row[column.get(cell)!]! += sign;
    };
    term(total, 1);
    for (const part of parts) term(part, -1);
    return row;
  });
  let rank = 0;
  for (let col = 0; col < unknowns.length && rank < rows.length; col++) {
    const pivot = rows.findIndex((row, index) => index >= rank && Math.abs(row[col]!) > 1e-9);
    if (pivot < 0) continue;
    [rows[rank], rows[pivot]] = [rows[pivot]!, rows[rank]!];
    const lead = rows[rank]![col]!;
    rows[rank] = rows[rank]!.map((value) => value / lead);
    for (let index = 0; index < rows.length; index++) {
      if (index === rank || Math.abs(rows[index]![col]!) < 1e-9) continue;
      const factor = rows[index]![col]!;
      rows[index] = rows[index]!.map((value, k) => value - factor * rows[rank]![k]!);
    }
    rank++;
  }
  for (const row of rows) {
    const present = row.slice(0, unknowns.length).flatMap((value, index) => (Math.abs(value) > 1e-9 ? [index] : []));
    if (present.length === 1) pinned.add(unknowns[present[0]!]!);
  }
  return [...pinned];
}

describe('the statistics give no withheld count away', () => {
  it('not from one answer, nor from the region’s answer with every gemeente’s of the same period', () => {
    fc.assert(
      fc.property(referralsOf(fc.array(group, { minLength: 1, maxLength: 8 })), (referrals) => {
        const cells: Cells = new Map();
        const region = statistics(referrals, [], QUERY);
        const sums = cellsOf(region, '*', cells);
        const gemeenten = GEMEENTEN.map((gemeente) => ({ gemeente, answer: statistics(referrals, [], { ...QUERY, gemeente }) }));
        // Each answer alone.
        for (const { gemeente, answer } of gemeenten) {
          const own: Cells = new Map();
          expect(attack(own, cellsOf(answer, gemeente, own)), gemeente).toEqual([]);
        }
        expect(attack(new Map(cells), sums), 'the region alone').toEqual([]);
        // All of them together: the region's count of anything is the sum of its gemeenten's.
        for (const { gemeente, answer } of gemeenten) sums.push(...cellsOf(answer, gemeente, cells));
        for (const cell of [...cells.keys()].filter((key) => key.startsWith('*|'))) {
          sums.push({ total: cell, parts: GEMEENTEN.map((gemeente) => cell.replace('*|', `${gemeente}|`)) });
        }
        expect(attack(cells, sums), 'the region with its gemeenten').toEqual([]);
      }),
      { numRuns: 100, seed: 20261214 },
    );
  }, 240_000);

  it('shows what it may: counts of 5 and more that give nothing away stay as they are', () => {
    const many = (count: number, gemeente: string, route: (typeof ROUTES)[number]) =>
      Array.from({ length: count }, () => countedReferral({ gemeente, route }, { createdAt: WEEKS[0] }));
    const answer = statistics([...many(20, 'Rivierstad', 'social-domain'), ...many(12, 'Polderdam', 'social-domain'), ...many(9, 'Heuvelrand', 'social-domain')], [], QUERY);
    expect(answer.referrals).toMatchObject({ total: 41, firstTime: 41, repeat: 0, perRoute: { 'social-domain': 41, 'basic-ggz': 0 } });
  });

  it('withholds a count that the total and the other counts would give away', () => {
    const many = (count: number, route: (typeof ROUTES)[number]) => Array.from({ length: count }, () => countedReferral({ gemeente: 'Rivierstad', route }, { createdAt: WEEKS[0] }));
    const answer = statistics([...many(20, 'social-domain'), ...many(3, 'basic-ggz')], [], QUERY);
    // 23 in all, 3 of them basic-ggz: shown as "<5", and never next to a 20 and zeros that tell it.
    expect(answer.referrals.perRoute['basic-ggz']).toBe('<5');
    const shown = Object.values(answer.referrals.perRoute).filter((count) => typeof count === 'number') as number[];
    expect(typeof answer.referrals.total === 'number' && shown.reduce((a, b) => a + b, 0) === answer.referrals.total - 3).toBe(false);
  });
});
