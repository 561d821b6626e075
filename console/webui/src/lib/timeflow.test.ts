import { describe, expect, it } from 'vitest';
import { layoutTimeflows, lsn, xOf } from './timeflow';

const F1 = '6D5C4B3A-2F1E-4D0C-9B8A-7A6B5C4D3E2F';
const F2 = '11111111-2222-3333-4444-555555555555';
const restore = (number: number, type: string, first: string, last: string, fork = F1) => ({
  id: `r${number}`, number, status: 'COMPLETED', backupSet: { type, firstLsn: first, lastLsn: last, recoveryForkGuid: fork },
});

describe('the timeflow picture', () => {
  it('puts restores on the lane of their recovery fork, each type on its own track', () => {
    const layout = layoutTimeflows(
      [{ id: 't1', ordinal: 1, recoveryForkGuid: F1.toLowerCase(), current: true }],
      [restore(1, 'FULL', '1000', '2000'), restore(2, 'DIFFERENTIAL', '2500', '3000'), restore(3, 'LOG', '2900', '3500')],
      [], [],
    );
    expect(layout.lanes).toHaveLength(1);
    expect(layout.lanes[0].restores.map((r) => [r.track, r.from, r.to])).toEqual([
      [0, 1000n, 2000n], [1, 2500n, 3000n], [2, 2900n, 3500n],
    ]);
    expect([layout.min, layout.max]).toEqual([1000n, 3500n]);
  });

  it('a timeflow without a fork yet (only the empty first snapshot) takes the first backup\'s fork', () => {
    const layout = layoutTimeflows(
      [{ id: 't1', ordinal: 1, recoveryForkGuid: null, current: true }],
      [restore(1, 'FULL', '1000', '2000')],
      [{ id: 's0', timeflowId: 't1', emptyDatabase: true, takenAt: '2026-01-01T00:00:00Z' }],
      [],
    );
    expect(layout.lanes).toHaveLength(1);
    expect(layout.lanes[0].fork).toBe(F1.toLowerCase());
    expect(layout.lanes[0].snapshots[0].at).toBeNull();
  });

  it('a new recovery fork is a new lane starting where its first restore starts, forked from the previous one', () => {
    const layout = layoutTimeflows(
      [
        { id: 't1', ordinal: 1, recoveryForkGuid: F1, current: false },
        { id: 't2', ordinal: 2, recoveryForkGuid: F2, previousTimeflowId: 't1', current: true },
      ],
      [restore(1, 'FULL', '1000', '2000'), restore(2, 'FULL', '5000', '6000', F2)],
      [
        { id: 's1', timeflowId: 't1', backupSet: { lastLsn: '2000' }, takenAt: '2026-01-01T00:00:00Z' },
        { id: 's2', timeflowId: 't2', backupSet: { lastLsn: '6000' }, takenAt: '2026-01-02T00:00:00Z' },
      ],
      [{ id: 'v1', name: 'dev', snapshotId: 's2' }],
    );
    expect(layout.lanes.map((l) => l.key)).toEqual(['t1', 't2']);
    expect(layout.lanes[1].parentKey).toBe('t1');
    expect(layout.lanes[1].start).toBe(5000n);
    expect(layout.lanes[1].snapshots[0].vdbs.map((v) => v.name)).toEqual(['dev']);
  });

  it('restores of a fork no snapshot has started a timeflow for yet are shown on a pending lane', () => {
    const layout = layoutTimeflows(
      [{ id: 't1', ordinal: 1, recoveryForkGuid: F1, current: true }],
      [restore(1, 'FULL', '1000', '2000'), restore(2, 'FULL', '5000', '6000', F2)],
      [], [],
    );
    expect(layout.lanes.map((l) => [l.pending, l.parentKey])).toEqual([[false, undefined], [true, 't1']]);
  });

  it('an ONLINE dSource follows a single timeflow whatever the fork', () => {
    const layout = layoutTimeflows(
      [{ id: 't1', ordinal: 1, recoveryForkGuid: F1, current: true }],
      [restore(1, 'FULL', '1000', '2000'), restore(2, 'FULL', '5000', '6000', F2)],
      [], [], 'ONLINE',
    );
    expect(layout.lanes).toHaveLength(1);
    expect(layout.lanes[0].restores).toHaveLength(2);
  });

  it('a restore without an LSN range (a BACPAC import) is listed, not drawn', () => {
    const layout = layoutTimeflows([{ id: 't1', ordinal: 1, current: true }],
      [{ id: 'b', number: 1, backupSet: { type: 'BACPAC' } }], [], [], 'ONLINE');
    expect(layout.unplaced.map((r) => r.id)).toEqual(['b']);
    expect(layout.lanes[0].restores).toEqual([]);
  });

  it('places 25-digit SQL Server LSNs without losing precision', () => {
    const a = lsn('36000000012345600001')!;
    const b = lsn('36000000012345600101')!;
    const layout = { min: a, max: b };
    expect(xOf(a, layout, 0, 100)).toBe(0);
    expect(xOf(b, layout, 0, 100)).toBe(100);
    expect(xOf(lsn('36000000012345600051')!, layout, 0, 100)).toBe(50);
    expect(lsn('12a')).toBeNull();
  });
});
