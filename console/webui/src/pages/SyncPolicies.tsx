import { useState } from 'react';
import { Anchor, Group, NumberInput, Paper, Select, SimpleGrid, Stack, Table, TextInput, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router';
import { ok, snapshot, staging } from '../api/client';
import type { SyncPolicy } from '../api/types';
import { useMay } from '../app';
import { DataTable, Empty, Facts, History, Loaded, Page, When } from '../components/common';
import { ActionButton, FormModal } from '../components/FormModal';

const retention = (p: SyncPolicy) => p.retention?.keepLast || p.retention?.keepDays
  ? [p.retention.keepLast ? `newest ${p.retention.keepLast}` : null, p.retention.keepDays ? `${p.retention.keepDays} days` : null].filter(Boolean).join(' and ')
  : 'kept forever';

export function SyncPolicies() {
  const may = useMay();
  const policies = useQuery({
    queryKey: ['snapshot', 'sync-policies'],
    queryFn: () => ok(snapshot.GET('/api/v1/sync-policies', { params: { query: { limit: 200 } } })),
  });
  return (
    <Page title="Sync policies" subtitle="Scheduled SnapSyncs (Quartz cron in a time zone) and how long their snapshots are kept."
      actions={may('POST /api/v1/sync-policies') && <PolicyForm />}>
      <Loaded query={policies} label="sync policies">
        {(page) => !page.items?.length ? <Empty>No sync policy yet.</Empty> : (
          <DataTable caption="Sync policies" head={['Name', 'Schedule', 'Retention', 'dSources', 'Next run', 'Last run']}>
            {page.items.map((p) => (
              <Table.Tr key={p.id}>
                <Table.Td><Anchor component={Link} to={`/sync-policies/${p.id}`}>{p.name}</Anchor></Table.Td>
                <Table.Td><code>{p.cron}</code> {p.timeZone}</Table.Td>
                <Table.Td>{retention(p)}</Table.Td>
                <Table.Td>{p.dsourceIds?.length ?? 0}</Table.Td>
                <Table.Td><When at={p.nextRunAt} /></Table.Td>
                <Table.Td><When at={p.lastRunAt} /></Table.Td>
              </Table.Tr>
            ))}
          </DataTable>
        )}
      </Loaded>
    </Page>
  );
}

function PolicyForm({ policy }: { policy?: SyncPolicy }) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [name, setName] = useState(policy?.name ?? '');
  const [cron, setCron] = useState(policy?.cron ?? '0 0 2 * * ?');
  const [zone, setZone] = useState(policy?.timeZone ?? 'UTC');
  const [keepLast, setKeepLast] = useState<string | number>(policy?.retention?.keepLast ?? '');
  const [keepDays, setKeepDays] = useState<string | number>(policy?.retention?.keepDays ?? '');
  const body = () => ({
    name, cron, timeZone: zone || undefined,
    retention: keepLast === '' && keepDays === '' ? undefined : {
      keepLast: keepLast === '' ? undefined : Number(keepLast), keepDays: keepDays === '' ? undefined : Number(keepDays),
    },
  });
  return (
    <FormModal button={policy ? 'Edit' : 'Create sync policy'} title={policy ? 'Change the sync policy' : 'Create a sync policy'}
      submit={policy ? 'Save' : 'Create'} buttonProps={policy ? { variant: 'default' } : undefined}
      onSubmit={() => policy
        ? ok(snapshot.PUT('/api/v1/sync-policies/{id}', { params: { path: { id: policy.id! } }, body: body() }))
        : ok(snapshot.POST('/api/v1/sync-policies', { body: body() }))}
      done={(p) => `Sync policy ${p.name} saved; next run ${p.nextRunAt ?? '—'}`}
      onDone={(p) => { void queryClient.invalidateQueries({ queryKey: ['snapshot'] }); if (!policy) navigate(`/sync-policies/${p.id}`); }}>
      {(p) => (
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label="Name" required value={name} onChange={(e) => setName(e.currentTarget.value)} error={p?.fieldError('name')} />
          <TextInput label="Schedule (Quartz cron)" required value={cron} onChange={(e) => setCron(e.currentTarget.value)}
            description="seconds minutes hours day-of-month month day-of-week" error={p?.fieldError('cron')} />
          <TextInput label="Time zone" value={zone} onChange={(e) => setZone(e.currentTarget.value)} error={p?.fieldError('timeZone')} />
          <NumberInput label="Keep the newest" value={keepLast} onChange={setKeepLast} min={1} error={p?.fieldError('retention.keepLast')} />
          <NumberInput label="Keep younger than (days)" value={keepDays} onChange={setKeepDays} min={1} error={p?.fieldError('retention.keepDays')} />
        </SimpleGrid>
      )}
    </FormModal>
  );
}

export function SyncPolicyDetail() {
  const { id = '' } = useParams();
  const may = useMay();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [chosen, setChosen] = useState<string | null>(null);
  const policy = useQuery({
    queryKey: ['snapshot', 'sync-policies', id],
    queryFn: () => ok(snapshot.GET('/api/v1/sync-policies/{id}', { params: { path: { id } } })),
  });
  const dsources = useQuery({
    queryKey: ['staging', 'dsources'],
    queryFn: () => ok(staging.GET('/api/v1/dsources', { params: { query: { limit: 200 } } })),
  });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['snapshot'] });
  const name = (d: string) => dsources.data?.items?.find((x) => x.id === d)?.name ?? d;
  return (
    <Loaded query={policy} label="the sync policy">
      {(p) => (
        <Page title={p.name ?? 'Sync policy'} actions={<>
          {may('PUT /api/v1/sync-policies/{id}') && <PolicyForm policy={p} />}
          {may('DELETE /api/v1/sync-policies/{id}') && (
            <ActionButton variant="default" color="red" action={() => ok(snapshot.DELETE('/api/v1/sync-policies/{id}', { params: { path: { id } } }))}
              done={() => 'Sync policy deleted'} onDone={() => { void refresh(); navigate('/sync-policies'); }}>Delete</ActionButton>
          )}
        </>}>
          <Paper withBorder p="md">
            <Facts items={[
              ['Schedule', `${p.cron} (${p.timeZone ?? 'UTC'})`], ['Retention', retention(p)],
              ['Next run', <When at={p.nextRunAt} key="n" />], ['Last run', <When at={p.lastRunAt} key="l" />],
            ]} />
          </Paper>
          <Stack gap="xs">
            <Title order={2} size="h4">dSources following it</Title>
            {!p.dsourceIds?.length ? <Empty>None.</Empty> : p.dsourceIds.map((d) => (
              <Group key={d} gap="xs">
                <Anchor component={Link} to={`/dsources/${d}`}>{name(d)}</Anchor>
                {may('DELETE /api/v1/sync-policies/{id}/dsources/{dsourceId}') && (
                  <ActionButton size="xs" variant="default" aria-label={`Remove ${name(d)} from the policy`}
                    action={() => ok(snapshot.DELETE('/api/v1/sync-policies/{id}/dsources/{dsourceId}', { params: { path: { id, dsourceId: d } } }))}
                    done={() => 'dSource no longer follows the policy'} onDone={refresh}>Remove</ActionButton>
                )}
              </Group>
            ))}
            {may('PUT /api/v1/sync-policies/{id}/dsources/{dsourceId}') && (
              <Group align="flex-end">
                <Select label="Add a dSource" placeholder="Choose a dSource" value={chosen} onChange={setChosen}
                  data={(dsources.data?.items ?? []).filter((d) => !p.dsourceIds?.includes(d.id!)).map((d) => ({ value: d.id!, label: d.name! }))} />
                <ActionButton disabled={!chosen}
                  action={() => ok(snapshot.PUT('/api/v1/sync-policies/{id}/dsources/{dsourceId}', { params: { path: { id, dsourceId: chosen! } } }))}
                  done={() => 'dSource follows the policy'} onDone={() => { setChosen(null); void refresh(); }}>Add</ActionButton>
              </Group>
            )}
          </Stack>
          <Title order={2} size="h4">History</Title>
          <History queryKey={['snapshot', 'sync-policies', id]}
            load={(offset, limit) => ok(snapshot.GET('/api/v1/sync-policies/{id}/history', { params: { path: { id }, query: { offset, limit } } }))} />
        </Page>
      )}
    </Loaded>
  );
}
