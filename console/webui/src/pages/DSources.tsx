import { useState } from 'react';
import { Anchor, Badge, Group, Select, SimpleGrid, Stack, Table, Text, TextInput, Textarea } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router';
import { ok, plugin, staging } from '../api/client';
import type { DSource, Plugin } from '../api/types';
import { useMay } from '../app';
import { DataTable, Empty, Loaded, Page, StateBadge } from '../components/common';
import { FormModal } from '../components/FormModal';

/** Whether a dSource's plugin is being upgraded: administrative operations on it are refused until it ends. */
export function pluginLock(ds: DSource, plugins: Plugin[] | undefined): Plugin | undefined {
  const p = plugins?.find((x) => x.id === ds.pluginId);
  return p?.state === 'UPGRADING' ? p : undefined;
}

export function usePlugins() {
  const may = useMay();
  return useQuery({
    queryKey: ['plugin', 'plugins'],
    queryFn: () => ok(plugin.GET('/api/v1/plugins', { params: { query: { limit: 200 } } })),
    enabled: may('GET /api/v1/plugins'),
  });
}

export function useEnvironments() {
  return useQuery({
    queryKey: ['staging', 'environments'],
    queryFn: () => ok(staging.GET('/api/v1/environments', { params: { query: { limit: 200 } } })),
  });
}

export function DSources() {
  const may = useMay();
  const list = useQuery({
    queryKey: ['staging', 'dsources'],
    queryFn: () => ok(staging.GET('/api/v1/dsources', { params: { query: { limit: 200 } } })),
  });
  const faults = useQuery({
    queryKey: ['staging', 'faults', 'active'],
    queryFn: () => ok(staging.GET('/api/v1/faults', { params: { query: { status: 'ACTIVE', limit: 500 } } })),
  });
  const environments = useEnvironments();
  const plugins = usePlugins();
  const envName = (id?: string) => environments.data?.items?.find((e) => e.id === id)?.name ?? id;
  const faultCount = (id?: string) => faults.data?.items?.filter((f) => f.dsourceId === id).length ?? 0;

  return (
    <Page
      title="dSources"
      subtitle="Staging-push dSources: a staging database on a mount the suite assigns, fed by restores of your backups."
      actions={may('POST /api/v1/dsources') && <LinkDSource />}
    >
      <Loaded query={list} label="dSources">
        {(page) =>
          !page.items?.length ? (
            <Empty>No dSource is linked yet.{may('POST /api/v1/dsources') ? ' Link one to start.' : ''}</Empty>
          ) : (
            <DataTable caption="dSources" head={['Name', 'State', 'Mode', 'Environment', 'Restores', 'Chain at LSN', 'Faults', 'Plugin']} minWidth={860}>
              {page.items.map((ds) => {
                const lock = pluginLock(ds, plugins.data?.items);
                const n = faultCount(ds.id);
                return (
                  <Table.Tr key={ds.id}>
                    <Table.Td><Anchor component={Link} to={`/dsources/${ds.id}`}>{ds.name}</Anchor></Table.Td>
                    <Table.Td><StateBadge state={ds.status} /></Table.Td>
                    <Table.Td>{ds.databaseStateMode}</Table.Td>
                    <Table.Td>{envName(ds.environmentId)}</Table.Td>
                    <Table.Td>{ds.restoreCount ?? 0}</Table.Td>
                    <Table.Td>{ds.chain?.positionLsn ?? '—'}</Table.Td>
                    <Table.Td>{n > 0 ? <Badge color="red.9" variant="outline">{n} active</Badge> : 'none'}</Table.Td>
                    <Table.Td>
                      <Group gap={4}>
                        <Text size="sm">{ds.pluginId ?? '—'}</Text>
                        {lock && <Badge color="violet.9" variant="outline" title="administrative operations wait for the upgrade">locked: upgrading</Badge>}
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </DataTable>
          )
        }
      </Loaded>
    </Page>
  );
}

/** Link a staging-push dSource (the service assigns its mount base). */
export function LinkDSource() {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const environments = useEnvironments();
  const plugins = usePlugins();
  const [name, setName] = useState('');
  const [database, setDatabase] = useState('');
  const [mode, setMode] = useState<string | null>('RESTORING');
  const [environmentId, setEnvironmentId] = useState<string | null>(null);
  const [repositoryId, setRepositoryId] = useState<string | null>(null);
  const [pluginId, setPluginId] = useState<string | null>(null);
  const [targetGroup, setTargetGroup] = useState('');
  const [notes, setNotes] = useState('');
  const [hookName, setHookName] = useState('');
  const [hookShell, setHookShell] = useState<string | null>('POWERSHELL');
  const [hookCommand, setHookCommand] = useState('');
  const repositories = useQuery({
    queryKey: ['staging', 'environments', environmentId, 'repositories'],
    queryFn: () => ok(staging.GET('/api/v1/environments/{id}/repositories', { params: { path: { id: environmentId! } } })),
    enabled: !!environmentId,
  });

  return (
    <FormModal
      button="Link dSource"
      title="Link a staging-push dSource"
      submit="Link"
      onSubmit={() =>
        ok(staging.POST('/api/v1/dsources', {
          body: {
            name,
            stagingDatabaseName: database,
            // what is not chosen is left out, so that the service names every missing field at once
            databaseStateMode: (mode ?? undefined) as 'RESTORING' | 'ONLINE',
            environmentId: (environmentId || undefined) as string,
            repositoryId: (repositoryId || undefined) as string,
            pluginId: pluginId ?? undefined,
            targetGroup: targetGroup || undefined,
            notes: notes || undefined,
            hooks: hookName || hookCommand
              ? [{ phase: 'PRE_SYNC', name: hookName, shell: (hookShell ?? 'POWERSHELL') as 'POWERSHELL', command: hookCommand }]
              : undefined,
          },
        }))
      }
      done={(ds) => `dSource ${ds.name} linked; mount base ${ds.mountBase}`}
      onDone={(ds) => {
        void queryClient.invalidateQueries({ queryKey: ['staging'] });
        navigate(`/dsources/${ds.id}`);
      }}
    >
      {(p) => (
        <>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput label="Name" required value={name} onChange={(e) => setName(e.currentTarget.value)} error={p?.fieldError('name')} />
            <TextInput label="Staging database name" required value={database} onChange={(e) => setDatabase(e.currentTarget.value)}
              error={p?.fieldError('stagingDatabaseName')} />
            <Select label="Database state mode" required data={[
              { value: 'RESTORING', label: 'RESTORING (NORECOVERY restores, new timeflow at each recovery fork)' },
              { value: 'ONLINE', label: 'ONLINE (restores WITH RECOVERY, one timeflow)' },
            ]} value={mode} onChange={setMode} error={p?.fieldError('databaseStateMode')} allowDeselect={false} />
            <Select label="Staging environment" required placeholder="Choose an environment" searchable
              data={(environments.data?.items ?? []).map((e) => ({ value: e.id!, label: `${e.name} (${e.host})` }))}
              value={environmentId} onChange={(v) => { setEnvironmentId(v); setRepositoryId(null); }} error={p?.fieldError('environmentId')} />
            <Select label="SQL Server instance" required placeholder={environmentId ? 'Choose an instance' : 'Choose an environment first'}
              data={(repositories.data ?? []).map((r) => ({ value: r.id!, label: `${r.name}${r.version ? ` ${r.version}` : ''}` }))}
              value={repositoryId} onChange={setRepositoryId} error={p?.fieldError('repositoryId')} disabled={!environmentId} />
            <Select label="Plugin" placeholder="The default staging-push plugin" clearable
              data={(plugins.data?.items ?? []).map((x) => ({ value: x.id!, label: `${x.name} ${x.version}` }))}
              value={pluginId} onChange={setPluginId} error={p?.fieldError('pluginId')} />
            <TextInput label="Target group" value={targetGroup} onChange={(e) => setTargetGroup(e.currentTarget.value)} error={p?.fieldError('targetGroup')} />
          </SimpleGrid>
          <Textarea label="Notes" value={notes} onChange={(e) => setNotes(e.currentTarget.value)} error={p?.fieldError('notes')} autosize minRows={2} />
          <Stack gap="xs">
            <Text fw={600} size="sm">Pre-sync hook (optional)</Text>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput label="Hook name" value={hookName} onChange={(e) => setHookName(e.currentTarget.value)} error={p?.fieldError('hooks[0].name')} />
              <Select label="Shell" data={['POWERSHELL', 'BASH', 'SH']} value={hookShell} onChange={setHookShell} allowDeselect={false}
                error={p?.fieldError('hooks[0].shell')} />
            </SimpleGrid>
            <Textarea label="Command" description="Sealed at rest, shown only to agents and administrators" value={hookCommand}
              onChange={(e) => setHookCommand(e.currentTarget.value)} error={p?.fieldError('hooks[0].command')} autosize minRows={2} />
          </Stack>
        </>
      )}
    </FormModal>
  );
}
