import { useState } from 'react';
import { Anchor, NumberInput, Paper, Select, SimpleGrid, Stack, Table, Tabs, TextInput, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router';
import { ok, staging } from '../api/client';
import { useMay } from '../app';
import { DataTable, Empty, Facts, History, Loaded, Page, StateBadge, When } from '../components/common';
import { ActionButton, FormModal } from '../components/FormModal';
import { useEnvironments } from './DSources';

const BROWSER_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

/** The IANA time zones the browser knows (UTC and the browser's own first). */
const ZONES: string[] = (() => {
  let all: string[] = [];
  try {
    all = (Intl as unknown as { supportedValuesOf(k: string): string[] }).supportedValuesOf('timeZone');
  } catch {
    all = ['Europe/Paris', 'America/New_York'];
  }
  return [...new Set(['UTC', BROWSER_ZONE, ...all])];
})();

export function Environments() {
  const may = useMay();
  const list = useEnvironments();
  return (
    <Page title="Environments" subtitle="Staging hosts and their SQL Server instances."
      actions={may('POST /api/v1/environments') && <RegisterEnvironment />}>
      <Loaded query={list} label="environments">
        {(page) => !page.items?.length ? <Empty>No staging environment is registered yet.</Empty> : (
          <DataTable caption="Environments" head={['Name', 'Host', 'OS', 'Time zone', 'Connector path', 'Registered']}>
            {page.items.map((e) => (
              <Table.Tr key={e.id}>
                <Table.Td><Anchor component={Link} to={`/environments/${e.id}`}>{e.name}</Anchor></Table.Td>
                <Table.Td>{e.host}</Table.Td>
                <Table.Td>{e.osType}</Table.Td>
                <Table.Td>{e.timeZone}</Table.Td>
                <Table.Td><code>{e.connectorPath}</code></Table.Td>
                <Table.Td><When at={e.createdAt} /></Table.Td>
              </Table.Tr>
            ))}
          </DataTable>
        )}
      </Loaded>
    </Page>
  );
}

function RegisterEnvironment() {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [host, setHost] = useState('');
  const [os, setOs] = useState<string | null>('WINDOWS');
  const [zone, setZone] = useState<string | null>(BROWSER_ZONE);
  const [connector, setConnector] = useState('C:\\Program Files\\Delphix\\DelphixConnector');
  return (
    <FormModal button="Register environment" title="Register a staging environment" submit="Register"
      onSubmit={() => ok(staging.POST('/api/v1/environments', {
        body: { name, host, osType: (os ?? 'WINDOWS') as 'WINDOWS', timeZone: zone ?? '', connectorPath: connector },
      }))}
      done={(e) => `Environment ${e.name} registered`}
      onDone={(e) => { void queryClient.invalidateQueries({ queryKey: ['staging'] }); navigate(`/environments/${e.id}`); }}>
      {(p) => (
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput label="Name" required value={name} onChange={(e) => setName(e.currentTarget.value)} error={p?.fieldError('name')} />
          <TextInput label="Host" required value={host} onChange={(e) => setHost(e.currentTarget.value)} error={p?.fieldError('host')} />
          <Select label="Operating system" data={['WINDOWS', 'LINUX']} value={os} onChange={setOs} allowDeselect={false} error={p?.fieldError('osType')} />
          <Select label="Time zone" data={ZONES} searchable value={zone} onChange={setZone} error={p?.fieldError('timeZone')}
            description="Snapshot times are shown in it" />
          <TextInput label="Connector path" required value={connector} onChange={(e) => setConnector(e.currentTarget.value)}
            error={p?.fieldError('connectorPath')} description="Mount bases are assigned under it" />
        </SimpleGrid>
      )}
    </FormModal>
  );
}

export function EnvironmentDetail() {
  const { id = '' } = useParams();
  const may = useMay();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const env = useQuery({
    queryKey: ['staging', 'environments', id],
    queryFn: () => ok(staging.GET('/api/v1/environments/{id}', { params: { path: { id } } })),
  });
  const repositories = useQuery({
    queryKey: ['staging', 'environments', id, 'repositories'],
    queryFn: () => ok(staging.GET('/api/v1/environments/{id}/repositories', { params: { path: { id } } })),
  });
  const dsources = useQuery({
    queryKey: ['staging', 'dsources', { environmentId: id }],
    queryFn: () => ok(staging.GET('/api/v1/dsources', { params: { query: { environmentId: id, limit: 200 } } })),
  });
  return (
    <Loaded query={env} label="the environment">
      {(e) => (
        <Page title={e.name ?? 'Environment'} subtitle={e.host}
          actions={<>
            {may('POST /api/v1/environments/{id}/repositories') && <AddInstance environmentId={id} />}
            {may('DELETE /api/v1/environments/{id}') && (
              <ActionButton variant="default" color="red" action={() => ok(staging.DELETE('/api/v1/environments/{id}', { params: { path: { id } } }))}
                done={() => `Environment ${e.name} deleted`}
                onDone={() => { void queryClient.invalidateQueries({ queryKey: ['staging'] }); navigate('/environments'); }}>
                Delete
              </ActionButton>
            )}
          </>}>
          <Paper withBorder p="md">
            <Facts items={[
              ['Host', e.host], ['Operating system', e.osType], ['Time zone', e.timeZone],
              ['Connector path', <code key="c">{e.connectorPath}</code>], ['Registered', <When at={e.createdAt} key="r" />],
            ]} />
          </Paper>
          <Tabs defaultValue="instances">
            <Tabs.List aria-label="Environment views">
              <Tabs.Tab value="instances">SQL Server instances</Tabs.Tab>
              <Tabs.Tab value="dsources">dSources</Tabs.Tab>
              <Tabs.Tab value="history">History</Tabs.Tab>
            </Tabs.List>
            <Tabs.Panel value="instances" pt="md">
              <Loaded query={repositories} label="instances">
                {(repos) => !repos.length ? <Empty>No SQL Server instance yet.</Empty> : (
                  <DataTable caption="SQL Server instances" head={['Instance', 'Version', 'Port', 'Added', '']}>
                    {repos.map((r) => (
                      <Table.Tr key={r.id}>
                        <Table.Td>{r.name}</Table.Td>
                        <Table.Td>{r.version ?? '—'}</Table.Td>
                        <Table.Td>{r.port ?? '—'}</Table.Td>
                        <Table.Td><When at={r.createdAt} /></Table.Td>
                        <Table.Td>
                          {may('DELETE /api/v1/environments/{id}/repositories/{repositoryId}') && (
                            <ActionButton size="xs" variant="default" aria-label={`Remove instance ${r.name}`}
                              action={() => ok(staging.DELETE('/api/v1/environments/{id}/repositories/{repositoryId}', { params: { path: { id, repositoryId: r.id! } } }))}
                              done={() => `Instance ${r.name} removed`} onDone={() => queryClient.invalidateQueries({ queryKey: ['staging'] })}>
                              Remove
                            </ActionButton>
                          )}
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </DataTable>
                )}
              </Loaded>
            </Tabs.Panel>
            <Tabs.Panel value="dsources" pt="md">
              <Loaded query={dsources} label="dSources">
                {(page) => !page.items?.length ? <Empty>No dSource on this environment.</Empty> : (
                  <Stack gap={4}>
                    {page.items.map((d) => (
                      <Anchor key={d.id} component={Link} to={`/dsources/${d.id}`}>{d.name} <StateBadge state={d.status} /></Anchor>
                    ))}
                  </Stack>
                )}
              </Loaded>
            </Tabs.Panel>
            <Tabs.Panel value="history" pt="md">
              <Title order={2} size="h4" mb="xs">History</Title>
              <History queryKey={['staging', 'environments', id]}
                load={(offset, limit) => ok(staging.GET('/api/v1/environments/{id}/history', { params: { path: { id }, query: { offset, limit } } }))} />
            </Tabs.Panel>
          </Tabs>
        </Page>
      )}
    </Loaded>
  );
}

function AddInstance({ environmentId }: { environmentId: string }) {
  const queryClient = useQueryClient();
  const [name, setName] = useState('MSSQLSERVER');
  const [version, setVersion] = useState('');
  const [port, setPort] = useState<string | number>(1433);
  return (
    <FormModal button="Add instance" title="Add a SQL Server instance" submit="Add"
      onSubmit={() => ok(staging.POST('/api/v1/environments/{id}/repositories', {
        params: { path: { id: environmentId } },
        body: { name, version: version || undefined, port: port === '' ? undefined : Number(port) },
      }))}
      done={(r) => `Instance ${r.name} added`}
      onDone={() => queryClient.invalidateQueries({ queryKey: ['staging'] })}>
      {(p) => (
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <TextInput label="Instance name" required value={name} onChange={(e) => setName(e.currentTarget.value)} error={p?.fieldError('name')} />
          <TextInput label="Version" placeholder="15.0.4153.1" value={version} onChange={(e) => setVersion(e.currentTarget.value)} error={p?.fieldError('version')} />
          <NumberInput label="Port" value={port} onChange={setPort} min={1} max={65535} error={p?.fieldError('port')} />
        </SimpleGrid>
      )}
    </FormModal>
  );
}
