import { describe, expect, it } from 'vitest';
import { PeriodGrowth } from './period-growth.js';

const at = (iso: string) => Date.parse(iso);

const support = (value: number) => ({
  labelText: 'feature="support-chat",pricing="exact"',
  received: value,
  whole: value,
});
const search = (value: number) => ({
  labelText: 'feature="search",pricing="unpriced"',
  received: value,
  whole: value,
});

describe('PeriodGrowth', () => {
  it('counts a new series whole, then what each reading adds, per scope', () => {
    const growth = new PeriodGrowth('UTC');
    growth.observe([support(0.25), search(1)], at('2026-02-10T10:00:00Z'));
    growth.observe([support(0.75), search(1.5)], at('2026-02-10T10:01:00Z'));
    expect(growth.growth('month', { feature: 'support-chat' })).toEqual(new Map([['', 0.75]]));
    expect(growth.growth('day', {})).toEqual(new Map([['', 2.25]]));
    expect(growth.growth('week', {}, 'pricing')).toEqual(
      new Map([
        ['exact', 0.75],
        ['unpriced', 1.5],
      ]),
    );
    expect(growth.growth('day', { feature: 'none' })).toEqual(new Map());
  });

  it('a smaller reading is a reset: the new value counts whole', () => {
    const growth = new PeriodGrowth('UTC');
    growth.observe([support(2)], at('2026-02-10T10:00:00Z'));
    growth.observe([support(0.5)], at('2026-02-10T10:01:00Z'));
    expect(growth.growth('day', {})).toEqual(new Map([['', 2.5]]));
  });

  it('a series that expires keeps what it added; one that comes back counts whole again', () => {
    const growth = new PeriodGrowth('UTC');
    growth.observe([support(1)], at('2026-02-10T10:00:00Z'));
    growth.observe([], at('2026-02-10T10:30:00Z'));
    expect(growth.growth('day', {})).toEqual(new Map([['', 1]]));
    growth.observe([support(0.25)], at('2026-02-10T11:00:00Z'));
    expect(growth.growth('day', {})).toEqual(new Map([['', 1.25]]));
  });

  it('a new day starts from what was added after midnight; the month goes on', () => {
    const growth = new PeriodGrowth('UTC');
    growth.observe([support(1)], at('2026-02-10T23:59:00Z'));
    growth.observe([support(1.5)], at('2026-02-11T00:01:00Z'));
    expect(growth.growth('day', {})).toEqual(new Map([['', 0.5]]));
    expect(growth.growth('month', {})).toEqual(new Map([['', 1.5]]));
    expect(growth.bounds('day')).toEqual({
      startMs: at('2026-02-11T00:00:00Z'),
      endMs: at('2026-02-12T00:00:00Z'),
    });
  });

  it("takes up an earlier exporter's growth; a series it knew counts what its whole value grew since", () => {
    const before = new PeriodGrowth('UTC');
    before.observe([support(1), search(2)], at('2026-02-10T10:00:00Z'));
    const saved = JSON.parse(JSON.stringify(before.saved()));

    const after = new PeriodGrowth('UTC');
    after.restore(saved);
    // The support app outlived the restart: its whole value went from 1 to 1.5, of which the new
    // store received only 0.1 (the rest predates it). The search app has not pushed yet.
    after.observe([{ ...support(0.1), whole: 1.5 }], at('2026-02-10T11:00:00Z'));
    expect(after.growth('day', {})).toEqual(new Map([['', 3.5]]));
    // Saved again meanwhile: the search app's value is kept for a later exporter, as it has spend this month.
    expect(new Map(after.saved().wholes)).toEqual(
      new Map([
        [search(0).labelText, 2],
        [support(0).labelText, 1.5],
      ]),
    );
    // From then on, what the store received.
    after.observe(
      [
        { ...support(0.35), whole: 1.75 },
        { ...search(0.5), whole: 0.5 },
      ],
      at('2026-02-10T11:01:00Z'),
    );
    // search came back lower than before: a new run, counted as received.
    expect(after.growth('day', {}, 'pricing')).toEqual(
      new Map([
        ['exact', 1.75],
        ['unpriced', 2.5],
      ]),
    );
  });

  it('a restored period that has since ended starts afresh', () => {
    const before = new PeriodGrowth('UTC');
    before.observe([support(1)], at('2026-02-10T23:00:00Z'));
    const after = new PeriodGrowth('UTC');
    after.restore(before.saved());
    after.observe([{ ...support(0), whole: 1.25 }], at('2026-02-11T01:00:00Z'));
    expect(after.growth('day', {})).toEqual(new Map([['', 0.25]]));
    expect(after.growth('month', {})).toEqual(new Map([['', 1.25]]));
  });
});
