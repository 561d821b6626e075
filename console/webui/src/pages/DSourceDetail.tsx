import { useState } from 'react';
import { Alert, Anchor, Badge, Button, Group, Paper, Stack, Table, Tabs, Text, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams, useSearchParams } from 'react-router';
import { ok, snapshot, staging } from '../api/client';
import { Problem } from '../api/problem';
import type { DSource, Snapshot, StagingRestore } from '../api/types';
import { useMay } from '../app';
import {
  DataTable, Empty, Facts, GREEN, History, Id, Loaded, ORANGE, Page, ProblemAlert, StateBadge, Warnings, When,
} from '../components/common';
import { ActionButton } from '../components/FormModal';
import { AttachDSource, ProvisionVdb, ReportDatabaseState, ReportRestore } from '../components/DSourceActions';
import { FaultsTable } from '../components/FaultsTable';
import { Readiness, SnapSyncJobCard, useSnapSyncJob } from '../components/SnapSync';
import { TimeflowChart } from '../components/TimeflowChart';
import { inZone } from '../lib/format';
import { pluginLock, useEnvironments, usePlugins } from './DSources';

export function DSourceDetail() {
  const { id = '' } = useParams();
  const may = useMay();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? 'timeflow';
  const [watching, setWatching] = useState<string | null>(null);
  const ds = useQuery({
    queryKey: ['staging', 'dsources', id],
    queryFn: () => ok(staging.GET('/api/v1/dsources/{id}', { params: { path: { id } } })),
  });
  const plugins = usePlugins();
  const environments = useEnvironments();
  const job = useSnapSyncJob(watching);
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['staging'] });

  const snapSync = async () => {
    const requested = await ok(snapshot.POST('/api/v1/snapsync', { body: { dsourceId: id } }));
    setWatching(requested.id ?? null);
    return requested;
  };

  return (
    <Loaded query={ds} label="the dSource">
      {(d: DSource) => {
        const lock = pluginLock(d, plugins.data?.items);
        const env = environments.data?.items?.find((e) => e.id === d.environmentId);
        return (
          <Page
            title={d.name ?? 'dSource'}
            subtitle={<>Staging database <strong>{d.stagingDatabaseName}</strong> on {env?.name ?? 'its environment'} · {d.databaseStateMode} mode</>}
            actions={
              <>
                {may('POST /api/v1/snapsync') && (
                  <ActionButton leftSection={<span aria-hidden>📷</span>} action={snapSync}
                    done={(j) => `SnapSync ${j.id?.slice(0, 8)} requested`}>
                    SnapSync
                  </ActionButton>
                )}
                {d.enabled
                  ? may('POST /api/v1/dsources/{id}/disable') && (
                    <ActionButton variant="default" action={() => ok(staging.POST('/api/v1/dsources/{id}/disable', { params: { path: { id } } }))}
                      done={() => 'dSource disabled'} onDone={refresh}>Disable</ActionButton>
                  )
                  : may('POST /api/v1/dsources/{id}/enable') && (
                    <ActionButton variant="default" action={() => ok(staging.POST('/api/v1/dsources/{id}/enable', { params: { path: { id } } }))}
                      done={(r) => `dSource enabled${r.warnings?.length ? ` with warnings: ${r.warnings.map((w) => `${w.code} (${w.message})`).join('; ')}` : ''}`}
                      onDone={refresh}>Enable</ActionButton>
                  )}
                {d.attached
                  ? may('POST /api/v1/dsources/{id}/detach') && (
                    <ActionButton variant="default" action={() => ok(staging.POST('/api/v1/dsources/{id}/detach', { params: { path: { id } } }))}
                      done={() => 'dSource detached; its snapshots stay usable'} onDone={refresh}>Detach</ActionButton>
                  )
                  : may('POST /api/v1/dsources/{id}/attach') && <AttachDSource ds={d} />}
                {may('POST /api/v1/dsources/{id}/restores') && <ReportRestore ds={d} />}
                {may('PUT /api/v1/dsources/{id}/staging-database') && <ReportDatabaseState ds={d} />}
              </>
            }
          >
            <Group gap="xs">
              <StateBadge state={d.status} />
              <Badge variant="outline" color="gray.8">{d.databaseStateMode}</Badge>
              {d.attached ? <Badge variant="outline" color={GREEN}>attached</Badge> : <Badge variant="outline" color={ORANGE}>detached</Badge>}
              {lock && (
                <Badge variant="outline" color="violet.9">
                  plugin {lock.name} upgrading: administrative operations wait
                </Badge>
              )}
            </Group>
            {lock && (
              <Alert color="violet" variant="light" title="Plugin upgrade in progress">
                {lock.name} is being upgraded ({' '}
                <Anchor component={Link} to={`/plugins/${lock.id}/upgrades/${lock.upgradeId}`}>see its progress</Anchor>
                ): SnapSync and other administrative operations on this dSource are refused until it ends; reads go on.
              </Alert>
            )}
            {watching && job.data && <SnapSyncJobCard job={job.data} />}
            <Paper withBorder p="md">
              <Facts items={[
                ['Mount base', <code key="m">{d.mountBase}</code>],
                ['Staging database', d.stagingDatabaseName],
                ['Environment', env ? <Anchor component={Link} to={`/environments/${env.id}`} key="e">{env.name}</Anchor> : d.environmentId],
                ['Plugin', d.pluginId],
                ['Restores', String(d.restoreCount ?? 0)],
                ['Restore chain', d.chain?.positionLsn ? `${d.chain.baseType} base, at LSN ${d.chain.positionLsn}${d.chain.lastType ? ` (last ${d.chain.lastType})` : ''}` : 'no restore yet'],
                ['Storage', d.storage ? `${d.storage.state}${d.storage.logRestoreNeedsRebase ? ' (LOG restores wait for a FULL or DIFFERENTIAL)' : ''}` : '—'],
                ['Attach', d.attachment ? `${d.attachment.status}${d.attachment.failure ? `: ${d.attachment.failure}` : ''}` : '—'],
                ['Target group', d.targetGroup],
                ['Notes', d.notes],
                ['Hooks', d.hooks?.length ? d.hooks.map((h) => `${h.phase} ${h.name} (${h.shell})`).join(', ') : 'none'],
                ['Linked', <When at={d.createdAt} key="c" />],
              ]} />
            </Paper>
            <DSourceFaults dsourceId={id} name={d.name ?? ''} />
            <Tabs value={tab} onChange={(t) => setParams(t ? { tab: t } : {}, { replace: true })} keepMounted={false}>
              <Tabs.List aria-label="dSource views">
                <Tabs.Tab value="timeflow">Timeflow</Tabs.Tab>
                <Tabs.Tab value="restores">Restores</Tabs.Tab>
                <Tabs.Tab value="snapsync">SnapSync</Tabs.Tab>
                <Tabs.Tab value="database">Staging database</Tabs.Tab>
                <Tabs.Tab value="history">History</Tabs.Tab>
              </Tabs.List>
              <Tabs.Panel value="timeflow" pt="md"><TimeflowTab ds={d} /></Tabs.Panel>
              <Tabs.Panel value="restores" pt="md"><RestoresTab ds={d} /></Tabs.Panel>
              <Tabs.Panel value="snapsync" pt="md"><SnapSyncTab dsourceId={id} /></Tabs.Panel>
              <Tabs.Panel value="database" pt="md"><DatabaseTab dsourceId={id} /></Tabs.Panel>
              <Tabs.Panel value="history" pt="md">
                <History queryKey={['staging', 'dsources', id]}
                  load={(offset, limit) => ok(staging.GET('/api/v1/dsources/{id}/history', { params: { path: { id }, query: { offset, limit } } }))} />
              </Tabs.Panel>
            </Tabs>
          </Page>
        );
      }}
    </Loaded>
  );
}

function DSourceFaults({ dsourceId, name }: { dsourceId: string; name: string }) {
  const faults = useQuery({
    queryKey: ['staging', 'faults', { dsourceId, status: 'ACTIVE' }],
    queryFn: () => ok(staging.GET('/api/v1/faults', { params: { query: { dsourceId, status: 'ACTIVE', limit: 100 } } })),
  });
  if (!faults.data?.items?.length) return null;
  return (
    <Stack gap="xs">
      <Title order={2} size="h4">Active faults</Title>
      <FaultsTable faults={faults.data.items} dsourceNames={new Map([[dsourceId, name]])} caption="Active faults of the dSource" />
    </Stack>
  );
}

function TimeflowTab({ ds }: { ds: DSource }) {
  const may = useMay();
  const queryClient = useQueryClient();
  const id = ds.id!;
  const [selected, setSelected] = useState<Snapshot | null>(null);
  const timeflows = useQuery({
    queryKey: ['snapshot', 'timeflows', { dsourceId: id }],
    queryFn: () => ok(snapshot.GET('/api/v1/timeflows', { params: { query: { dsourceId: id, limit: 200 } } })),
  });
  const snapshots = useQuery({
    queryKey: ['snapshot', 'snapshots', { dsourceId: id }],
    queryFn: () => ok(snapshot.GET('/api/v1/snapshots', { params: { query: { dsourceId: id, limit: 500 } } })),
  });
  const vdbs = useQuery({
    queryKey: ['snapshot', 'vdbs', { dsourceId: id }],
    queryFn: () => ok(snapshot.GET('/api/v1/vdbs', { params: { query: { dsourceId: id, limit: 500 } } })),
  });
  const restores = useQuery({
    queryKey: ['staging', 'dsources', id, 'restores'],
    queryFn: () => ok(staging.GET('/api/v1/dsources/{id}/restores', { params: { path: { id }, query: { limit: 500 } } })),
  });
  const problem = timeflows.error ?? snapshots.error ?? vdbs.error ?? restores.error;
  if (problem) return <ProblemAlert error={problem} heading="Reading the timeflow" />;
  if (!timeflows.data || !snapshots.data || !vdbs.data || !restores.data) return <Empty>Loading the timeflow…</Empty>;
  const snaps = snapshots.data.items ?? [];
  const current = selected ? snaps.find((s) => s.id === selected.id) ?? null : null;
  const vdbsOf = (s: Snapshot) => (vdbs.data.items ?? []).filter((v) => v.snapshotId === s.id);
  const timeflowName = (tid?: string) => timeflows.data.items?.find((t) => t.id === tid)?.name ?? tid?.slice(0, 8);
  return (
    <Stack gap="md">
      <TimeflowChart
        timeflows={timeflows.data.items ?? []}
        restores={restores.data.items ?? []}
        snapshots={snaps}
        vdbs={vdbs.data.items ?? []}
        mode={ds.databaseStateMode}
        selected={current?.id}
        onSelect={setSelected}
      />
      {current && (
        <Paper withBorder p="md" aria-label="Selected snapshot">
          <Stack gap="xs">
            <Group justify="space-between">
              <Title order={3} size="h5">Snapshot <Id id={current.id} /></Title>
              <Group gap="xs">
                {may('POST /api/v1/vdbs') && <ProvisionVdb snap={current} />}
                {may('DELETE /api/v1/snapshots/{id}') && (
                  <ActionButton size="xs" variant="default" color="red"
                    action={() => ok(snapshot.DELETE('/api/v1/snapshots/{id}', { params: { path: { id: current.id! } } }))}
                    done={() => 'Snapshot deleted'} onDone={() => { setSelected(null); void queryClient.invalidateQueries({ queryKey: ['snapshot'] }); }}>
                    Delete snapshot
                  </ActionButton>
                )}
              </Group>
            </Group>
            <Facts items={[
              ['Backup', current.emptyDatabase ? 'empty database (taken at link)' : `${current.backupSet?.type} LSN ${current.backupSet?.firstLsn} to ${current.backupSet?.lastLsn}`],
              ['Taken (staging host time)', inZone(current.takenAt, current.timeZone)],
              ['Backup file', current.backupSet?.backupFileLocation],
              ['Timeflow', timeflowName(current.timeflowId)],
              ['Recovery fork', current.backupSet?.recoveryForkGuid],
              ['VDBs', vdbsOf(current).map((v) => v.name).join(', ') || 'none'],
              ['Source read-only', current.sourceReadOnly ? 'yes: VDBs from it may not start' : 'no'],
              ['SnapSync job', current.snapSyncJobId ? <Id id={current.snapSyncJobId} to={`/snapsync/${current.snapSyncJobId}`} key="j" /> : '—'],
            ]} />
          </Stack>
        </Paper>
      )}
      <Stack gap="xs">
        <Title order={2} size="h4">All snapshots</Title>
        {!snaps.length ? <Empty>No snapshot yet.</Empty> : (
          <DataTable caption="All snapshots" head={['Taken (staging host time)', 'Backup', 'Last LSN', 'Timeflow', 'VDBs', '']} minWidth={760}>
            {snaps.map((s) => (
              <Table.Tr key={s.id} data-snapshot-row={s.id}>
                <Table.Td>{inZone(s.takenAt, s.timeZone)}</Table.Td>
                <Table.Td>{s.emptyDatabase ? 'empty database' : s.backupSet?.type}</Table.Td>
                <Table.Td>{s.backupSet?.lastLsn ?? '—'}</Table.Td>
                <Table.Td>{timeflowName(s.timeflowId)}</Table.Td>
                <Table.Td>{vdbsOf(s).map((v) => v.name).join(', ') || '—'}</Table.Td>
                <Table.Td><Button size="xs" variant="subtle" onClick={() => setSelected(s)} aria-label={`Select snapshot taken ${inZone(s.takenAt, s.timeZone)}`}>Select</Button></Table.Td>
              </Table.Tr>
            ))}
          </DataTable>
        )}
      </Stack>
    </Stack>
  );
}

function RestoresTab({ ds }: { ds: DSource }) {
  const id = ds.id!;
  const may = useMay();
  const queryClient = useQueryClient();
  const restores = useQuery({
    queryKey: ['staging', 'dsources', id, 'restores'],
    queryFn: () => ok(staging.GET('/api/v1/dsources/{id}/restores', { params: { path: { id }, query: { limit: 500 } } })),
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['staging'] });
  return (
    <Loaded query={restores} label="restores">
      {(page) => !page.items?.length ? <Empty>No restore reported yet.</Empty> : (
        <DataTable caption="Restores" head={['#', 'Type', 'Status', 'LSN range', 'Recovery fork', 'Backup file', 'Started', 'Finished', 'Reported by', '']} minWidth={1100}>
          {page.items.map((r: StagingRestore) => (
            <Table.Tr key={r.id} data-restore-row={r.number}>
              <Table.Td>{r.number}</Table.Td>
              <Table.Td>{r.backupSet?.type}</Table.Td>
              <Table.Td>
                <StateBadge state={r.status} />
                {r.failureReason && <Text size="xs">{r.failureReason}</Text>}
                <Warnings warnings={r.warnings} />
              </Table.Td>
              <Table.Td>{r.backupSet?.firstLsn ?? '—'} – {r.backupSet?.lastLsn ?? '—'}</Table.Td>
              <Table.Td><Id id={r.backupSet?.recoveryForkGuid} /></Table.Td>
              <Table.Td><Text size="xs" style={{ overflowWrap: 'anywhere' }}>{r.backupSet?.backupFileLocation ?? '—'}</Text></Table.Td>
              <Table.Td><When at={r.startedAt} /></Table.Td>
              <Table.Td><When at={r.finishedAt} /></Table.Td>
              <Table.Td>{r.reportedBy ?? '—'}</Table.Td>
              <Table.Td>
                {r.status === 'IN_PROGRESS' && may('POST /api/v1/dsources/{id}/restores/{restoreId}/fail') && (
                  <ActionButton size="xs" variant="default"
                    action={() => ok(staging.POST('/api/v1/dsources/{id}/restores/{restoreId}/fail', {
                      params: { path: { id, restoreId: r.id! } }, body: { reason: 'reported failed from the console' },
                    }))}
                    done={() => `Restore #${r.number} reported failed`} onDone={refresh}>
                    Report failed
                  </ActionButton>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </DataTable>
      )}
    </Loaded>
  );
}

function SnapSyncTab({ dsourceId }: { dsourceId: string }) {
  const jobs = useQuery({
    queryKey: ['snapshot', 'snapsync', { dsourceId }],
    queryFn: () => ok(snapshot.GET('/api/v1/snapsync', { params: { query: { dsourceId, limit: 50 } } })),
  });
  return (
    <Stack gap="md">
      <Readiness dsourceId={dsourceId} />
      <Title order={2} size="h4">Jobs</Title>
      <Loaded query={jobs} label="SnapSync jobs">
        {(page) => !page.items?.length ? <Empty>No SnapSync yet.</Empty> : (
          <DataTable caption="SnapSync jobs of the dSource" head={['Job', 'Trigger', 'State', 'Outcome', 'Requested', 'By']}>
            {page.items.map((j) => (
              <Table.Tr key={j.id}>
                <Table.Td><Id id={j.id} to={`/snapsync/${j.id}`} /></Table.Td>
                <Table.Td>{j.trigger}</Table.Td>
                <Table.Td><StateBadge state={j.state} /></Table.Td>
                <Table.Td><Text size="sm">{j.code ?? (j.snapshotId ? 'snapshot taken' : '—')}</Text></Table.Td>
                <Table.Td><When at={j.createdAt} /></Table.Td>
                <Table.Td>{j.requestedBy}</Table.Td>
              </Table.Tr>
            ))}
          </DataTable>
        )}
      </Loaded>
    </Stack>
  );
}

function DatabaseTab({ dsourceId }: { dsourceId: string }) {
  const db = useQuery({
    queryKey: ['staging', 'dsources', dsourceId, 'staging-database'],
    queryFn: () => ok(staging.GET('/api/v1/dsources/{id}/staging-database', { params: { path: { id: dsourceId } } })),
    retry: false,
  });
  if (db.error instanceof Problem && db.error.status === 404) {
    return <Empty>The staging host has not reported the staging database yet.</Empty>;
  }
  return (
    <Loaded query={db} label="the staging database">
      {(s) => (
        <Facts items={[
          ['State', <StateBadge state={s.state} key="s" />],
          ['Supported in this mode', s.supported ? 'yes' : `no (${s.monitoring})`],
          ['DATA mounted', s.dataMounted ? 'yes' : 'no'],
          ['Files directly under the mount', s.filesUnderMountDir ? 'yes' : `no: ${(s.filesOutsideMountDir ?? []).join(', ')}`],
          ['Files', (s.files ?? []).join(', ')],
          ['Observed', <When at={s.observedAt} key="o" />],
        ]} />
      )}
    </Loaded>
  );
}
