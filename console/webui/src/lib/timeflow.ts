/**
 * The picture of a dSource's timeflows, as data: one lane per timeflow (a line of one recovery fork),
 * restores as segments of the LSN range on the lane of their fork, snapshots as points at the last LSN
 * of their backup, VDBs hanging off their snapshots, and a new lane where a recovery fork begins.
 * Pure, so that it can be tested apart from the drawing.
 */

export interface TfTimeflow {
  id?: string;
  name?: string;
  ordinal?: number;
  recoveryForkGuid?: string | null;
  previousTimeflowId?: string | null;
  current?: boolean;
  createdAt?: string;
  reason?: string;
}

export interface TfBackupSet {
  type?: string;
  firstLsn?: string | null;
  lastLsn?: string | null;
  recoveryForkGuid?: string | null;
  restoreId?: string | null;
}

export interface TfRestore {
  id?: string;
  number?: number;
  status?: string;
  startedAt?: string;
  backupSet?: TfBackupSet;
}

export interface TfSnapshot {
  id?: string;
  timeflowId?: string;
  emptyDatabase?: boolean;
  takenAt?: string;
  backupSet?: TfBackupSet;
}

export interface TfVdb {
  id?: string;
  name?: string;
  snapshotId?: string;
}

export interface PlacedRestore {
  restore: TfRestore;
  /** 0 FULL, 1 DIFFERENTIAL, 2 LOG */
  track: number;
  from: bigint;
  to: bigint;
}

export interface PlacedSnapshot<S extends TfSnapshot = TfSnapshot, V extends TfVdb = TfVdb> {
  snapshot: S;
  /** the last LSN of its backup; null for the empty first snapshot (drawn where the lane starts) */
  at: bigint | null;
  vdbs: V[];
}

export interface Lane<S extends TfSnapshot = TfSnapshot, V extends TfVdb = TfVdb> {
  key: string;
  timeflow?: TfTimeflow;
  /** the recovery fork of the lane, lower case */
  fork?: string;
  /** restores of a fork that no snapshot has started a timeflow for yet (the next SnapSync will) */
  pending: boolean;
  /** the lane it forked from */
  parentKey?: string;
  /** where the lane begins on the LSN line (its first restore), null when it has none */
  start: bigint | null;
  end: bigint | null;
  restores: PlacedRestore[];
  snapshots: PlacedSnapshot<S, V>[];
}

export interface TimeflowLayout<S extends TfSnapshot = TfSnapshot, V extends TfVdb = TfVdb> {
  lanes: Lane<S, V>[];
  /** the LSN range drawn */
  min: bigint;
  max: bigint;
  /** restores without an LSN range (BACPAC imports, or reports without LSNs): listed, not drawn */
  unplaced: TfRestore[];
}

const TRACK: Record<string, number> = { FULL: 0, DIFFERENTIAL: 1, LOG: 2 };

/** An LSN as SQL Server writes them (decimal digits, up to 25 of them), or null. */
export function lsn(value: string | null | undefined): bigint | null {
  return value && /^\d{1,40}$/.test(value) ? BigInt(value) : null;
}

const lower = (s: string | null | undefined) => (s ? s.toLowerCase() : undefined);

export function layoutTimeflows<S extends TfSnapshot, V extends TfVdb>(
  timeflows: TfTimeflow[],
  restores: TfRestore[],
  snapshots: S[],
  vdbs: V[],
  mode: 'RESTORING' | 'ONLINE' | string = 'RESTORING',
): TimeflowLayout<S, V> {
  const ordered = [...timeflows].sort((a, b) => (a.ordinal ?? 0) - (b.ordinal ?? 0));
  const lanes: Lane<S, V>[] = ordered.map((t) => ({
    key: t.id ?? `timeflow-${t.ordinal}`,
    timeflow: t,
    fork: lower(t.recoveryForkGuid),
    pending: false,
    parentKey: t.previousTimeflowId ?? undefined,
    start: null,
    end: null,
    restores: [],
    snapshots: [],
  }));
  if (lanes.length === 0) {
    lanes.push({ key: 'timeflow-1', pending: false, start: null, end: null, restores: [], snapshots: [] });
  }
  const byFork = new Map<string, Lane<S, V>>();
  lanes.forEach((l) => l.fork && byFork.set(l.fork, l));
  const currentLane = () => lanes.filter((l) => !l.pending).find((l) => l.timeflow?.current) ?? lanes.filter((l) => !l.pending).at(-1)!;
  const unplaced: TfRestore[] = [];

  const sortedRestores = [...restores].sort((a, b) => (a.number ?? 0) - (b.number ?? 0));
  for (const r of sortedRestores) {
    const from = lsn(r.backupSet?.firstLsn);
    const to = lsn(r.backupSet?.lastLsn);
    const track = TRACK[r.backupSet?.type ?? ''];
    if (from === null || to === null || track === undefined) {
      unplaced.push(r);
      continue;
    }
    let lane: Lane<S, V>;
    const fork = lower(r.backupSet?.recoveryForkGuid);
    if (mode === 'ONLINE' || !fork) {
      lane = currentLane();
    } else if (byFork.has(fork)) {
      lane = byFork.get(fork)!;
    } else {
      // a timeflow without a fork yet (only the empty first snapshot) takes the first backup's fork
      const unforked = lanes.find((l) => !l.pending && !l.fork);
      if (unforked) {
        unforked.fork = fork;
        lane = unforked;
      } else {
        lane = {
          key: `fork-${fork}`,
          fork,
          pending: true,
          parentKey: currentLane().key,
          start: null,
          end: null,
          restores: [],
          snapshots: [],
        };
        lanes.push(lane);
      }
      byFork.set(fork, lane);
    }
    lane.restores.push({ restore: r, track, from, to });
  }

  const laneOf = new Map(lanes.filter((l) => l.timeflow?.id).map((l) => [l.timeflow!.id!, l]));
  const vdbsBySnapshot = new Map<string, V[]>();
  for (const v of vdbs) {
    if (!v.snapshotId) continue;
    vdbsBySnapshot.set(v.snapshotId, [...(vdbsBySnapshot.get(v.snapshotId) ?? []), v]);
  }
  for (const s of [...snapshots].sort((a, b) => (a.takenAt ?? '').localeCompare(b.takenAt ?? ''))) {
    const lane = (s.timeflowId && laneOf.get(s.timeflowId)) || currentLane();
    lane.snapshots.push({ snapshot: s, at: s.emptyDatabase ? null : lsn(s.backupSet?.lastLsn), vdbs: vdbsBySnapshot.get(s.id ?? '') ?? [] });
  }

  let min: bigint | null = null;
  let max: bigint | null = null;
  const widen = (v: bigint | null) => {
    if (v === null) return;
    if (min === null || v < min) min = v;
    if (max === null || v > max) max = v;
  };
  for (const lane of lanes) {
    for (const p of lane.restores) {
      widen(p.from);
      widen(p.to);
      if (lane.start === null || p.from < lane.start) lane.start = p.from;
      if (lane.end === null || p.to > lane.end) lane.end = p.to;
    }
    for (const s of lane.snapshots) {
      widen(s.at);
      if (s.at !== null && (lane.end === null || s.at > lane.end)) lane.end = s.at;
      if (s.at !== null && (lane.start === null || s.at < lane.start)) lane.start = s.at;
    }
  }
  const lo: bigint = min ?? 0n;
  let hi: bigint = max ?? 1n;
  if (hi <= lo) hi = lo + 1n;
  return { lanes, min: lo, max: hi, unplaced };
}

/** Where an LSN falls between `left` and `right` (pixels) on the range drawn. */
export function xOf(value: bigint, layout: { min: bigint; max: bigint }, left: number, right: number): number {
  const span = layout.max - layout.min;
  const clamped = value < layout.min ? layout.min : value > layout.max ? layout.max : value;
  const ratio = Number(((clamped - layout.min) * 1_000_000n) / span) / 1_000_000;
  return left + ratio * (right - left);
}
