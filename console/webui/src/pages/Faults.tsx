import { useState } from 'react';
import { Group, SegmentedControl, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { ok, staging } from '../api/client';
import { Loaded, Page } from '../components/common';
import { FaultsTable } from '../components/FaultsTable';

export function Faults() {
  const [status, setStatus] = useState('ACTIVE');
  const faults = useQuery({
    queryKey: ['staging', 'faults', { status }],
    queryFn: () => ok(staging.GET('/api/v1/faults', {
      params: { query: { status: status === 'ALL' ? undefined : (status as 'ACTIVE'), limit: 200 } },
    })),
  });
  const dsources = useQuery({
    queryKey: ['staging', 'dsources'],
    queryFn: () => ok(staging.GET('/api/v1/dsources', { params: { query: { limit: 200 } } })),
  });
  const names = new Map((dsources.data?.items ?? []).map((d) => [d.id!, d.name!]));
  return (
    <Page title="Faults" subtitle="Conditions the suite found on dSources; cleared by themselves when the condition ends.">
      <Group>
        <Text size="sm" id="fault-filter">Show</Text>
        <SegmentedControl aria-labelledby="fault-filter" value={status} onChange={setStatus}
          data={[{ value: 'ACTIVE', label: 'Active' }, { value: 'RESOLVED', label: 'Resolved' }, { value: 'IGNORED', label: 'Ignored' }, { value: 'ALL', label: 'All' }]} />
      </Group>
      <Loaded query={faults} label="faults">
        {(page) => <FaultsTable faults={page.items ?? []} dsourceNames={names} />}
      </Loaded>
    </Page>
  );
}
