import { Anchor, Table, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { ok, snapshot, staging } from '../api/client';
import { useMay } from '../app';
import { DataTable, Empty, Id, Loaded, Page, StateBadge, When } from '../components/common';
import { ActionButton } from '../components/FormModal';
import { Readiness, SnapSyncJobCard, useSnapSyncJob } from '../components/SnapSync';

function useDSourceNames() {
  const dsources = useQuery({
    queryKey: ['staging', 'dsources'],
    queryFn: () => ok(staging.GET('/api/v1/dsources', { params: { query: { limit: 200 } } })),
  });
  return new Map((dsources.data?.items ?? []).map((d) => [d.id!, d.name!]));
}

export function SnapSyncJobs() {
  const names = useDSourceNames();
  const jobs = useQuery({
    queryKey: ['snapshot', 'snapsync', 'all'],
    queryFn: () => ok(snapshot.GET('/api/v1/snapsync', { params: { query: { limit: 100 } } })),
  });
  return (
    <Page title="SnapSync jobs" subtitle="Snapshots of the last restored backup, on request, at link or on a policy's schedule.">
      <Loaded query={jobs} label="SnapSync jobs">
        {(page) => !page.items?.length ? <Empty>No SnapSync yet.</Empty> : (
          <DataTable caption="SnapSync jobs" head={['Job', 'dSource', 'Trigger', 'State', 'Outcome', 'Requested', 'By']} minWidth={820}>
            {page.items.map((j) => (
              <Table.Tr key={j.id}>
                <Table.Td><Id id={j.id} to={`/snapsync/${j.id}`} /></Table.Td>
                <Table.Td><Anchor component={Link} to={`/dsources/${j.dsourceId}`}>{names.get(j.dsourceId ?? '') ?? j.dsourceId?.slice(0, 8)}</Anchor></Table.Td>
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
    </Page>
  );
}

export function SnapSyncJobPage() {
  const { id = '' } = useParams();
  const may = useMay();
  const names = useDSourceNames();
  const job = useSnapSyncJob(id);
  return (
    <Loaded query={job} label="the SnapSync job">
      {(j) => (
        <Page title={`SnapSync ${id.slice(0, 8)}`}
          subtitle={<>dSource <Anchor component={Link} to={`/dsources/${j.dsourceId}`}>{names.get(j.dsourceId ?? '') ?? j.dsourceId}</Anchor></>}
          actions={j.state === 'PENDING' && may('POST /api/v1/snapsync/{id}/cancel') && (
            <ActionButton variant="default" action={() => ok(snapshot.POST('/api/v1/snapsync/{id}/cancel', { params: { path: { id } } }))}
              done={() => 'SnapSync cancelled'} onDone={() => job.refetch()}>Cancel</ActionButton>
          )}>
          <SnapSyncJobCard job={j} />
          {j.dsourceId && <Readiness dsourceId={j.dsourceId} />}
        </Page>
      )}
    </Loaded>
  );
}
