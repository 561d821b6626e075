import { Anchor, Group, Table, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { ok, staging } from '../api/client';
import type { Fault } from '../api/types';
import { useMay } from '../app';
import { DataTable, Empty, StateBadge, When } from './common';
import { ActionButton } from './FormModal';

/** Faults with what an operator may do about an active one: resolve it, or ignore it while its condition lasts. */
export function FaultsTable({ faults, dsourceNames, caption = 'Faults' }: {
  faults: Fault[]; dsourceNames?: Map<string, string>; caption?: string;
}) {
  const may = useMay();
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['staging'] });
  if (!faults.length) return <Empty>No faults.</Empty>;
  return (
    <DataTable caption={caption} head={['Fault', 'Severity', 'Status', 'dSource', 'First seen', 'Last seen', 'Actions']} minWidth={900}>
      {faults.map((f) => (
        <Table.Tr key={f.id} data-fault={f.code}>
          <Table.Td>
            <Text size="sm" fw={600}>{f.title ?? f.code}</Text>
            <Text size="xs">{f.message}</Text>
            <Text size="xs" c="dimmed">{f.code}</Text>
          </Table.Td>
          <Table.Td><StateBadge state={f.severity} /></Table.Td>
          <Table.Td><StateBadge state={f.status} />{f.resolvedBy && <Text size="xs">by {f.resolvedBy}</Text>}</Table.Td>
          <Table.Td>
            <Anchor component={Link} to={`/dsources/${f.dsourceId}`} size="sm">{dsourceNames?.get(f.dsourceId ?? '') ?? 'dSource'}</Anchor>
          </Table.Td>
          <Table.Td><When at={f.firstSeen} /></Table.Td>
          <Table.Td><When at={f.lastSeen} /></Table.Td>
          <Table.Td>
            {f.status === 'ACTIVE' && (
              <Group gap={4} wrap="nowrap">
                {may('POST /api/v1/faults/{id}/resolve') && (
                  <ActionButton size="xs" variant="light" aria-label={`Resolve ${f.code}`}
                    action={() => ok(staging.POST('/api/v1/faults/{id}/resolve', { params: { path: { id: f.id! } } }))}
                    done={() => `${f.code} marked resolved (raised again if its condition persists)`} onDone={refresh}>
                    Resolve
                  </ActionButton>
                )}
                {may('POST /api/v1/faults/{id}/ignore') && (
                  <ActionButton size="xs" variant="default" aria-label={`Ignore ${f.code}`}
                    action={() => ok(staging.POST('/api/v1/faults/{id}/ignore', { params: { path: { id: f.id! } } }))}
                    done={() => `${f.code} ignored while its condition lasts`} onDone={refresh}>
                    Ignore
                  </ActionButton>
                )}
              </Group>
            )}
          </Table.Td>
        </Table.Tr>
      ))}
    </DataTable>
  );
}
