import { useMemo } from 'react';
import { Box, Group, Text } from '@mantine/core';
import { useElementSize } from '@mantine/hooks';
import type { Snapshot, StagingRestore, Timeflow, Vdb } from '../api/types';
import { inZone, shortId } from '../lib/format';
import { layoutTimeflows, xOf, type Lane } from '../lib/timeflow';

const TYPE_COLOR: Record<number, string> = { 0: '#364fc7', 1: '#087f5b', 2: '#c92a2a' };
const TYPE_NAME = ['FULL', 'DIFFERENTIAL', 'LOG'];
const LEFT = 150;
const RIGHT_PAD = 40;
const TRACK_TOP = 24;
const TRACK_H = 7;
const LINE_Y = 62;
const VDB_H = 20;

export interface TimeflowChartProps {
  timeflows: Timeflow[];
  restores: StagingRestore[];
  snapshots: Snapshot[];
  vdbs: Vdb[];
  mode?: string;
  selected?: string | null;
  onSelect(snapshot: Snapshot): void;
}

function laneHeight(lane: Lane<Snapshot, Vdb>): number {
  const most = Math.max(0, ...lane.snapshots.map((s) => s.vdbs.length));
  return LINE_Y + 24 + most * VDB_H;
}

function describeSnapshot(s: Snapshot, vdbs: Vdb[]): string {
  const what = s.emptyDatabase
    ? 'Snapshot of the empty staging database'
    : `Snapshot of the ${s.backupSet?.type ?? ''} backup ending at LSN ${s.backupSet?.lastLsn ?? '?'}`;
  const vdbText = vdbs.length ? `, VDBs ${vdbs.map((v) => v.name).join(', ')}` : '';
  return `${what}, taken ${inZone(s.takenAt, s.timeZone)}${vdbText}`;
}

/**
 * A dSource's timeflows as lanes along the LSN line: each restore a segment of its LSN range on the track
 * of its type, each snapshot a point at the last LSN of its backup (a button: Enter or Space selects it),
 * each VDB hanging off its snapshot, and a new lane where a recovery fork begins.
 */
export function TimeflowChart({ timeflows, restores, snapshots, vdbs, mode, selected, onSelect }: TimeflowChartProps) {
  const { ref, width: measured } = useElementSize();
  const width = Math.max(680, Math.floor(measured || 900));
  const layout = useMemo(() => layoutTimeflows(timeflows, restores, snapshots, vdbs, mode), [timeflows, restores, snapshots, vdbs, mode]);
  const right = width - RIGHT_PAD;
  const x = (v: bigint) => xOf(v, layout, LEFT, right);

  const tops: number[] = [];
  let y = 8;
  for (const lane of layout.lanes) {
    tops.push(y);
    y += laneHeight(lane);
  }
  const height = y + 22;
  const topOf = new Map(layout.lanes.map((l, i) => [l.key, tops[i]]));

  return (
    <Box ref={ref} w="100%">
      <div className="tf-scroll" tabIndex={-1}>
        <svg width={width} height={height} role="group" aria-label={`Timeflows of the dSource: ${layout.lanes.length} lanes, ${snapshots.length} snapshots, ${restores.length} restores`}>
          <title>Timeflows along the LSN line</title>
          {layout.lanes.map((lane, i) => {
            const top = tops[i];
            const lineY = top + LINE_Y;
            const startX = lane.start !== null ? x(lane.start) : LEFT;
            const endX = lane.timeflow?.current ? right : lane.end !== null ? Math.max(x(lane.end), startX + 12) : startX + 24;
            const parentTop = lane.parentKey ? topOf.get(lane.parentKey) : undefined;
            const tf = lane.timeflow;
            const label = lane.pending
              ? `Fork ${shortId(lane.fork)}…`
              : `${tf?.name ?? `Timeflow ${tf?.ordinal ?? i + 1}`}`;
            const sub = lane.pending
              ? 'timeflow at next SnapSync'
              : `${tf?.current ? 'current · ' : ''}fork ${lane.fork ? shortId(lane.fork) : 'none yet'}`;
            return (
              <g key={lane.key} data-lane={lane.key} aria-label={`${label}, ${sub}`} role="group">
                <text className="tf-lane-label" x={8} y={top + 16} fontWeight={600}>{label}</text>
                <text className="tf-lane-label" x={8} y={top + 32}>{sub}</text>
                {lane.restores.map((p) => {
                  const x1 = x(p.from);
                  const x2 = Math.max(x(p.to), x1 + 3);
                  const ty = top + TRACK_TOP + p.track * (TRACK_H + 2);
                  const failed = p.restore.status === 'FAILED';
                  const running = p.restore.status === 'IN_PROGRESS';
                  return (
                    <rect key={p.restore.id} x={x1} y={ty} width={x2 - x1} height={TRACK_H}
                      fill={failed ? 'none' : TYPE_COLOR[p.track]} stroke={TYPE_COLOR[p.track]} strokeWidth={1}
                      strokeDasharray={running || failed ? '3 2' : undefined} opacity={running ? 0.6 : 1}
                      data-restore={p.restore.number}>
                      <title>{`Restore #${p.restore.number} ${TYPE_NAME[p.track]} ${p.restore.status}: LSN ${p.restore.backupSet?.firstLsn} to ${p.restore.backupSet?.lastLsn}`}</title>
                    </rect>
                  );
                })}
                {parentTop !== undefined && (
                  <path d={`M ${startX} ${parentTop + LINE_Y} L ${startX} ${lineY}`} stroke="#495057" strokeWidth={1.5}
                    strokeDasharray="4 3" fill="none">
                    <title>Recovery fork: a new timeflow</title>
                  </path>
                )}
                <line x1={startX} y1={lineY} x2={endX} y2={lineY} stroke={lane.pending ? '#868e96' : '#212529'} strokeWidth={lane.pending ? 1.5 : 2.5}
                  strokeDasharray={lane.pending ? '6 4' : undefined} />
                {lane.snapshots.map((s) => {
                  const sx = s.at !== null ? x(s.at) : startX;
                  const isSelected = selected === s.snapshot.id;
                  const name = describeSnapshot(s.snapshot, s.vdbs);
                  return (
                    <g key={s.snapshot.id}>
                      {s.vdbs.map((v, k) => {
                        const vy = lineY + 14 + k * VDB_H;
                        return (
                          <g key={v.id} data-vdb={v.name}>
                            <line x1={sx} y1={lineY + 7} x2={sx} y2={vy + 8} stroke="#495057" strokeWidth={1} />
                            <rect x={sx + 4} y={vy} width={Math.min(150, 14 + (v.name?.length ?? 4) * 6.5)} height={16} rx={3}
                              fill="#f3f0ff" stroke="#5f3dc4" />
                            <text className="tf-vdb-label" x={sx + 10} y={vy + 12}>{v.name}</text>
                          </g>
                        );
                      })}
                      <g className="tf-snapshot" role="button" tabIndex={0} aria-label={name} aria-pressed={isSelected}
                        data-snapshot={s.snapshot.id}
                        onClick={() => onSelect(s.snapshot)}
                        onKeyDown={(e) => {
                          if (e.key === 'Enter' || e.key === ' ') {
                            e.preventDefault();
                            onSelect(s.snapshot);
                          }
                        }}>
                        <title>{name}</title>
                        <circle className="tf-focus" cx={sx} cy={lineY} r={11} />
                        <circle className="tf-dot" cx={sx} cy={lineY} r={isSelected ? 8 : 6.5}
                          fill={s.snapshot.emptyDatabase ? '#fff' : isSelected ? '#f08c00' : '#1971c2'} stroke="#0b3d91" strokeWidth={2} />
                      </g>
                    </g>
                  );
                })}
              </g>
            );
          })}
          <text className="tf-axis" x={LEFT} y={height - 6}>LSN {layout.min.toString()}</text>
          <text className="tf-axis" x={right} y={height - 6} textAnchor="end">LSN {layout.max.toString()}</text>
        </svg>
      </div>
      <Group gap="md" mt={4} aria-label="Legend">
        {TYPE_NAME.map((t, i) => (
          <Group key={t} gap={4}>
            <svg width={18} height={8} aria-hidden><rect width={18} height={8} fill={TYPE_COLOR[i]} /></svg>
            <Text size="xs">{t} restore</Text>
          </Group>
        ))}
        <Group gap={4}>
          <svg width={14} height={14} aria-hidden><circle cx={7} cy={7} r={5} fill="#1971c2" stroke="#0b3d91" strokeWidth={2} /></svg>
          <Text size="xs">snapshot</Text>
        </Group>
        <Group gap={4}>
          <svg width={14} height={14} aria-hidden><circle cx={7} cy={7} r={5} fill="#fff" stroke="#0b3d91" strokeWidth={2} /></svg>
          <Text size="xs">snapshot of the empty database</Text>
        </Group>
        <Group gap={4}>
          <svg width={18} height={12} aria-hidden><rect width={18} height={12} rx={2} fill="#f3f0ff" stroke="#5f3dc4" /></svg>
          <Text size="xs">VDB</Text>
        </Group>
        {layout.unplaced.length > 0 && <Text size="xs">{layout.unplaced.length} restore(s) without an LSN range are listed under Restores.</Text>}
      </Group>
    </Box>
  );
}
