import { Alert, Anchor, Group, List, Paper, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { ok, snapshot } from '../api/client';
import type { SnapSyncJob, SnapSyncReadiness } from '../api/types';
import { isOver } from '../lib/format';
import { Id, JobSteps, Loaded, StateBadge, Warnings, When } from './common';

/** A SnapSync job's resource, read again every second while it runs (a short poll of this one job). */
export function useSnapSyncJob(id: string | null | undefined) {
  return useQuery({
    queryKey: ['snapshot', 'snapsync', 'job', id],
    queryFn: () => ok(snapshot.GET('/api/v1/snapsync/{id}', { params: { path: { id: id! } } })),
    enabled: !!id,
    refetchInterval: (q) => (q.state.data && isOver(q.state.data.state) ? false : 1000),
  });
}

export function SnapSyncJobCard({ job }: { job: SnapSyncJob }) {
  return (
    <Paper withBorder p="md" aria-label="SnapSync job" data-job-state={job.state}>
      <Stack gap="xs">
        <Group justify="space-between">
          <Group gap="xs">
            <Title order={3} size="h5">SnapSync <Id id={job.id} to={`/snapsync/${job.id}`} /></Title>
            <StateBadge state={job.state} />
          </Group>
          <Text size="xs">requested by {job.requestedBy ?? '—'} · <When at={job.createdAt} /></Text>
        </Group>
        {job.code && <Text size="sm"><strong>{job.code}</strong>{job.detail ? `: ${job.detail}` : ''}</Text>}
        {job.snapshotId && <Text size="sm">Snapshot <Id id={job.snapshotId} /> taken.</Text>}
        {job.existingSnapshotId && <Text size="sm">Existing snapshot <Id id={job.existingSnapshotId} /> already holds this backup.</Text>}
        <Warnings warnings={job.warnings} />
        <JobSteps steps={job.steps} running={!isOver(job.state)} />
      </Stack>
    </Paper>
  );
}

/** The prerequisites of a SnapSync now, each passed or failed, and what a SnapSync would do. */
export function Readiness({ dsourceId }: { dsourceId: string }) {
  const readiness = useQuery({
    queryKey: ['snapshot', 'readiness', dsourceId],
    queryFn: () => ok(snapshot.GET('/api/v1/snapsync/readiness/{dsourceId}', { params: { path: { dsourceId } } })),
  });
  return (
    <Loaded query={readiness} label="SnapSync prerequisites">
      {(r: SnapSyncReadiness) => (
        <Stack gap="xs" aria-label="SnapSync prerequisites">
          <Group gap="xs">
            <Text fw={600} size="sm">Prerequisites</Text>
            <StateBadge state={r.ready ? 'READY' : 'FAILED'} label={r.ready ? 'ready' : 'not ready'} />
            {r.wouldDo && <Text size="sm">A SnapSync now would: <strong>{r.wouldDo.replace('_', ' ').toLowerCase()}</strong></Text>}
          </Group>
          {r.code && <Alert color={r.ready ? 'blue' : 'orange'} variant="light"><Text size="sm"><strong>{r.code}</strong>{r.detail ? `: ${r.detail}` : ''}</Text></Alert>}
          <List spacing={4} size="sm" center>
            {(r.prerequisites ?? []).map((p) => (
              <List.Item key={p.name} data-prerequisite={p.name} data-passed={String(p.passed)}
                icon={<ThemeIcon size={18} radius="xl" color={p.passed ? 'green.9' : 'red.9'} aria-hidden>{p.passed ? '✓' : '✗'}</ThemeIcon>}>
                <Text span size="sm" fw={600}>{p.passed ? 'Passed' : 'Failed'}:</Text> <Text span size="sm">{p.description ?? p.name}</Text>
                {p.detail && <Text size="xs" c="dimmed">{p.detail}</Text>}
              </List.Item>
            ))}
          </List>
          {r.lastRestoredBackup && (
            <Text size="sm">
              Last restored backup: {r.lastRestoredBackup.type} LSN {r.lastRestoredBackup.firstLsn ?? '—'} to {r.lastRestoredBackup.lastLsn ?? '—'}
            </Text>
          )}
        </Stack>
      )}
    </Loaded>
  );
}

export function JobLink({ job }: { job: SnapSyncJob }) {
  return <Anchor component={Link} to={`/snapsync/${job.id}`} size="sm">{job.id?.slice(0, 8)}</Anchor>;
}
