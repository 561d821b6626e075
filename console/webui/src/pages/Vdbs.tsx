import { Anchor, Table } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { ok, snapshot, staging } from '../api/client';
import { useMay } from '../app';
import { DataTable, Empty, Id, Loaded, Page, Warnings, When } from '../components/common';
import { ActionButton } from '../components/FormModal';

export function Vdbs() {
  const may = useMay();
  const queryClient = useQueryClient();
  const vdbs = useQuery({
    queryKey: ['snapshot', 'vdbs', 'all'],
    queryFn: () => ok(snapshot.GET('/api/v1/vdbs', { params: { query: { limit: 200 } } })),
  });
  const dsources = useQuery({
    queryKey: ['staging', 'dsources'],
    queryFn: () => ok(staging.GET('/api/v1/dsources', { params: { query: { limit: 200 } } })),
  });
  const targets = useQuery({
    queryKey: ['snapshot', 'target-environments'],
    queryFn: () => ok(snapshot.GET('/api/v1/target-environments', { params: { query: { limit: 200 } } })),
  });
  const dsName = (id?: string) => dsources.data?.items?.find((d) => d.id === id)?.name ?? id?.slice(0, 8);
  const target = (id?: string) => targets.data?.items?.find((t) => t.id === id)?.name ?? id?.slice(0, 8);
  return (
    <Page title="VDBs" subtitle="Virtual databases provisioned from snapshots (on a dSource's Timeflow tab: select a snapshot, then Provision VDB).">
      <Loaded query={vdbs} label="VDBs">
        {(page) => !page.items?.length ? <Empty>No VDB yet.</Empty> : (
          <DataTable caption="VDBs" head={['Name', 'dSource', 'Snapshot', 'Target environment', 'Provisioned', 'By', '']} minWidth={860}>
            {page.items.map((v) => (
              <Table.Tr key={v.id}>
                <Table.Td>{v.name}<Warnings warnings={v.warnings} /></Table.Td>
                <Table.Td><Anchor component={Link} to={`/dsources/${v.dsourceId}`}>{dsName(v.dsourceId)}</Anchor></Table.Td>
                <Table.Td><Id id={v.snapshotId} /></Table.Td>
                <Table.Td>{target(v.targetEnvironmentId)}</Table.Td>
                <Table.Td><When at={v.provisionedAt} /></Table.Td>
                <Table.Td>{v.provisionedBy}</Table.Td>
                <Table.Td>
                  {may('DELETE /api/v1/vdbs/{id}') && (
                    <ActionButton size="xs" variant="default" aria-label={`Delete VDB ${v.name}`}
                      action={() => ok(snapshot.DELETE('/api/v1/vdbs/{id}', { params: { path: { id: v.id! } } }))}
                      done={() => `VDB ${v.name} deleted`} onDone={() => queryClient.invalidateQueries({ queryKey: ['snapshot'] })}>
                      Delete
                    </ActionButton>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </DataTable>
        )}
      </Loaded>
    </Page>
  );
}
