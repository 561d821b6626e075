import { useState } from 'react';
import {
  Alert, Anchor, Button, Checkbox, Code, FileInput, Group, Paper, Progress, ScrollArea, SegmentedControl, Select, Stack, Table, Tabs, Text,
  Textarea, Title,
} from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router';
import { ok, plugin } from '../api/client';
import { Problem } from '../api/problem';
import type { Upgrade } from '../api/types';
import type { components } from '../generated/plugin';

type PluginData = components['schemas']['PluginData'];
import { useMay } from '../app';
import { DataTable, Empty, Facts, History, Id, Loaded, Page, StateBadge, When } from '../components/common';
import { ActionButton, FormModal } from '../components/FormModal';
import { isOver } from '../lib/format';
import { usePlugins } from './DSources';

/** Bundles chosen for a dry run, kept in this tab so that the upgrade itself can follow without choosing the file again. */
const bundles = new Map<string, File>();

function zipBody(file: File) {
  return { body: file as unknown as string, bodySerializer: (b: unknown) => b as BodyInit, headers: { 'Content-Type': 'application/zip' } };
}

export function Plugins() {
  const may = useMay();
  const list = usePlugins();
  return (
    <Page title="Plugins" subtitle="Plugins define the objects the suite manages; an upgrade runs their data migrations in a sandbox."
      actions={may('POST /api/v1/plugins') && <InstallPlugin />}>
      <Loaded query={list} label="plugins">
        {(page) => !page.items?.length ? <Empty>No plugin installed yet.</Empty> : (
          <DataTable caption="Plugins" head={['Name', 'Id', 'Version', 'Build', 'State', 'Installed']}>
            {page.items.map((p) => (
              <Table.Tr key={p.id}>
                <Table.Td><Anchor component={Link} to={`/plugins/${p.id}`}>{p.name}</Anchor></Table.Td>
                <Table.Td><Code>{p.id}</Code></Table.Td>
                <Table.Td>{p.version}</Table.Td>
                <Table.Td>{p.buildNumber}</Table.Td>
                <Table.Td><StateBadge state={p.state} /></Table.Td>
                <Table.Td><When at={p.installedAt} /></Table.Td>
              </Table.Tr>
            ))}
          </DataTable>
        )}
      </Loaded>
    </Page>
  );
}

function InstallPlugin() {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  return (
    <FormModal button="Install plugin" title="Install a plugin" submit="Install"
      onSubmit={() => ok(plugin.POST('/api/v1/plugins', zipBody(file ?? new File([], 'none.zip'))))}
      done={(p) => `Plugin ${p.name} ${p.version} installed`}
      onDone={(p) => { void queryClient.invalidateQueries({ queryKey: ['plugin'] }); navigate(`/plugins/${p.id}`); }}>
      {() => (
        <FileInput label="Plugin bundle (.zip)" description="The plugin's folder zipped: plugin config, schema and Python sources"
          accept=".zip,application/zip" value={file} onChange={setFile} required clearable />
      )}
    </FormModal>
  );
}

function UpgradePlugin({ pluginId }: { pluginId: string }) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [dryRun, setDryRun] = useState(true);
  return (
    <FormModal button="Upgrade" title="Upgrade the plugin" submit={dryRun ? 'Start dry run' : 'Start upgrade'}
      onSubmit={() => ok(plugin.POST('/api/v1/plugins/{pluginId}/upgrades', {
        params: { path: { pluginId }, query: { dryRun } }, ...zipBody(file ?? new File([], 'none.zip')),
      }))}
      done={(u) => `${u.dryRun ? 'Dry run' : 'Upgrade'} ${u.fromVersion} → ${u.toVersion} started`}
      onDone={(u) => {
        if (file && u.id) bundles.set(u.id, file);
        void queryClient.invalidateQueries({ queryKey: ['plugin'] });
        navigate(`/plugins/${pluginId}/upgrades/${u.id}`);
      }}>
      {() => (
        <>
          <FileInput label="New version's bundle (.zip)" accept=".zip,application/zip" value={file} onChange={setFile} required clearable />
          <Checkbox label="Dry run first: report, object by object, what the upgrade would produce, without committing"
            checked={dryRun} onChange={(e) => setDryRun(e.currentTarget.checked)} />
          {!dryRun && (
            <Alert color="orange" variant="light">
              Administrative operations on this plugin's objects and dSources are refused while the upgrade runs; reads go on.
            </Alert>
          )}
        </>
      )}
    </FormModal>
  );
}

export function PluginDetail() {
  const { id = '' } = useParams();
  const may = useMay();
  const p = useQuery({
    queryKey: ['plugin', 'plugins', id],
    queryFn: () => ok(plugin.GET('/api/v1/plugins/{pluginId}', { params: { path: { pluginId: id } } })),
  });
  const versions = useQuery({
    queryKey: ['plugin', 'plugins', id, 'versions'],
    queryFn: () => ok(plugin.GET('/api/v1/plugins/{pluginId}/versions', { params: { path: { pluginId: id } } })),
  });
  const upgrades = useQuery({
    queryKey: ['plugin', 'plugins', id, 'upgrades'],
    queryFn: () => ok(plugin.GET('/api/v1/plugins/{pluginId}/upgrades', { params: { path: { pluginId: id }, query: { limit: 50 } } })),
  });
  const objects = useQuery({
    queryKey: ['plugin', 'plugins', id, 'objects'],
    queryFn: () => ok(plugin.GET('/api/v1/plugins/{pluginId}/objects', { params: { path: { pluginId: id }, query: { limit: 100 } } })),
  });
  return (
    <Loaded query={p} label="the plugin">
      {(pl) => (
        <Page title={pl.name ?? id} subtitle={<>Plugin <Code>{pl.id}</Code> · version {pl.version} (build {pl.buildNumber})</>}
          actions={may('POST /api/v1/plugins/{pluginId}/upgrades') && pl.state !== 'UPGRADING' && <UpgradePlugin pluginId={id} />}>
          <Group gap="xs"><StateBadge state={pl.state} /></Group>
          {pl.state === 'UPGRADING' && pl.upgradeId && (
            <Alert color="violet" variant="light" title="Upgrade in progress">
              <Anchor component={Link} to={`/plugins/${id}/upgrades/${pl.upgradeId}`}>Follow its progress</Anchor>
            </Alert>
          )}
          <Paper withBorder p="md">
            <Facts items={[
              ['Version', `${pl.version} (build ${pl.buildNumber})`], ['Language', pl.language], ['Type', pl.pluginType],
              ['Host types', (pl.hostTypes ?? []).join(', ')], ['Entry point', pl.entryPoint],
              ['Migration ids', (pl.migrationIds ?? []).join(', ') || 'none'], ['Installed', <When at={pl.installedAt} key="i" />],
            ]} />
          </Paper>
          <Tabs defaultValue="upgrades">
            <Tabs.List aria-label="Plugin views">
              <Tabs.Tab value="upgrades">Upgrades</Tabs.Tab>
              <Tabs.Tab value="versions">Versions</Tabs.Tab>
              <Tabs.Tab value="objects">Objects</Tabs.Tab>
              <Tabs.Tab value="history">History</Tabs.Tab>
            </Tabs.List>
            <Tabs.Panel value="upgrades" pt="md">
              <Loaded query={upgrades} label="upgrades">
                {(page) => !page.items?.length ? <Empty>No upgrade or dry run yet.</Empty> : (
                  <DataTable caption="Upgrades and dry runs" head={['Upgrade', 'Kind', 'From → to', 'State', 'Objects', 'Requested', 'By']}>
                    {page.items.map((u) => (
                      <Table.Tr key={u.id}>
                        <Table.Td><Id id={u.id} to={`/plugins/${id}/upgrades/${u.id}`} /></Table.Td>
                        <Table.Td>{u.dryRun ? 'dry run' : 'upgrade'}</Table.Td>
                        <Table.Td>{u.fromVersion} → {u.toVersion}</Table.Td>
                        <Table.Td><StateBadge state={u.state} /></Table.Td>
                        <Table.Td>{u.objectsMigrated ?? 0} / {u.objectsTotal ?? 0}{u.objectsFailed ? `, ${u.objectsFailed} failed` : ''}</Table.Td>
                        <Table.Td><When at={u.createdAt} /></Table.Td>
                        <Table.Td>{u.requestedBy}</Table.Td>
                      </Table.Tr>
                    ))}
                  </DataTable>
                )}
              </Loaded>
            </Tabs.Panel>
            <Tabs.Panel value="versions" pt="md">
              <Loaded query={versions} label="versions">
                {(list) => (
                  <DataTable caption="Versions" head={['Version', 'Build', 'Migration ids', 'Installed', 'By', 'Upgrade']}>
                    {list.map((v) => (
                      <Table.Tr key={v.versionId}>
                        <Table.Td>{v.version}</Table.Td>
                        <Table.Td>{v.buildNumber}</Table.Td>
                        <Table.Td>{(v.migrationIds ?? []).join(', ') || '—'}</Table.Td>
                        <Table.Td><When at={v.installedAt} /></Table.Td>
                        <Table.Td>{v.installedBy}</Table.Td>
                        <Table.Td>{v.upgradeId ? <Id id={v.upgradeId} to={`/plugins/${id}/upgrades/${v.upgradeId}`} /> : '—'}</Table.Td>
                      </Table.Tr>
                    ))}
                  </DataTable>
                )}
              </Loaded>
            </Tabs.Panel>
            <Tabs.Panel value="objects" pt="md">
              {may('POST /api/v1/plugins/{pluginId}/objects') && pl.state !== 'UPGRADING' && <Group mb="sm"><AddObject pluginId={id} /></Group>}
              <Loaded query={objects} label="objects">
                {(page) => !page.items?.length ? <Empty>No object yet.</Empty> : (
                  <DataTable caption="Objects" head={['Object', 'Type', 'Name', 'Data', 'Sensitive fields', 'Updated']} minWidth={900}>
                    {page.items.map((o) => (
                      <Table.Tr key={o.id}>
                        <Table.Td><Id id={o.id} /></Table.Td>
                        <Table.Td>{o.type}</Table.Td>
                        <Table.Td>{o.name ?? '—'}</Table.Td>
                        <Table.Td><Code block>{JSON.stringify(o.data)}</Code></Table.Td>
                        <Table.Td>{(o.sensitiveFields ?? []).join(', ') || '—'}</Table.Td>
                        <Table.Td><When at={o.updatedAt} /></Table.Td>
                      </Table.Tr>
                    ))}
                  </DataTable>
                )}
              </Loaded>
            </Tabs.Panel>
            <Tabs.Panel value="history" pt="md">
              <History queryKey={['plugin', 'plugins', id]}
                load={(offset, limit) => ok(plugin.GET('/api/v1/plugins/{pluginId}/history', { params: { path: { pluginId: id }, query: { offset, limit } } }))} />
            </Tabs.Panel>
          </Tabs>
        </Page>
      )}
    </Loaded>
  );
}

/** Add an object of one of the plugin's types; the service validates it against the plugin's schema. */
function AddObject({ pluginId }: { pluginId: string }) {
  const queryClient = useQueryClient();
  const [type, setType] = useState<string | null>('LINKED_SOURCE');
  const [data, setData] = useState('{}');
  return (
    <FormModal button="Add object" title="Add an object" submit="Add" buttonProps={{ variant: 'default' }}
      onSubmit={() => {
        let parsed: Record<string, unknown>;
        try {
          parsed = JSON.parse(data);
        } catch (e) {
          return Promise.reject(new Problem(400, 'Not JSON', (e as Error).message, 'MALFORMED_REQUEST', [{ field: 'data', message: 'is not a JSON object' }]));
        }
        return ok(plugin.POST('/api/v1/plugins/{pluginId}/objects', {
          params: { path: { pluginId } }, body: { type: (type ?? 'LINKED_SOURCE') as 'LINKED_SOURCE', data: parsed as PluginData },
        }));
      }}
      done={(o) => `${o.type} object ${o.id?.slice(0, 8)} added`}
      onDone={() => queryClient.invalidateQueries({ queryKey: ['plugin'] })}>
      {(p) => (
        <>
          <Select label="Type" data={['REPOSITORY', 'SOURCE_CONFIG', 'LINKED_SOURCE', 'VIRTUAL_SOURCE', 'SNAPSHOT']} value={type}
            onChange={setType} allowDeselect={false} error={p?.fieldError('type')} />
          <Textarea label="Data (JSON)" description="Shaped as the plugin's schema defines the type" value={data}
            onChange={(e) => setData(e.currentTarget.value)} autosize minRows={4} error={p?.errors.map((f) => `${f.field} ${f.message}`).join('; ') || undefined}
            styles={{ input: { fontFamily: 'monospace' } }} />
        </>
      )}
    </FormModal>
  );
}

/** An upgrade or dry run as it runs (read again every second until it ends), with its per-object report. */
export function UpgradePage() {
  const { id = '', upgradeId = '' } = useParams();
  const may = useMay();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [outcome, setOutcome] = useState('ALL');
  const upgrade = useQuery({
    queryKey: ['plugin', 'plugins', id, 'upgrades', upgradeId],
    queryFn: () => ok(plugin.GET('/api/v1/plugins/{pluginId}/upgrades/{upgradeId}', { params: { path: { pluginId: id, upgradeId } } })),
    refetchInterval: (q) => (q.state.data && isOver(q.state.data.state) ? false : 1000),
  });
  const over = isOver(upgrade.data?.state);
  const report = useQuery({
    queryKey: ['plugin', 'plugins', id, 'upgrades', upgradeId, 'objects', outcome, over],
    queryFn: () => ok(plugin.GET('/api/v1/plugins/{pluginId}/upgrades/{upgradeId}/objects', {
      params: { path: { pluginId: id, upgradeId }, query: { limit: 200, outcome: outcome === 'ALL' ? undefined : outcome } },
    })),
    refetchInterval: over ? false : 2000,
  });
  const bundle = bundles.get(upgradeId);
  return (
    <Loaded query={upgrade} label="the upgrade">
      {(u: Upgrade) => {
        const total = u.objectsTotal ?? 0;
        const done = (u.objectsMigrated ?? 0) + (u.objectsFailed ?? 0);
        const percent = total > 0 ? Math.round((done * 100) / total) : u.state === 'SUCCEEDED' ? 100 : 0;
        return (
          <Page title={`${u.dryRun ? 'Dry run' : 'Upgrade'} ${u.fromVersion} → ${u.toVersion}`}
            subtitle={<>Plugin <Anchor component={Link} to={`/plugins/${id}`}>{id}</Anchor> · requested by {u.requestedBy} · <When at={u.createdAt} /></>}
            actions={u.dryRun && u.state === 'SUCCEEDED' && may('POST /api/v1/plugins/{pluginId}/upgrades') && (
              bundle ? (
                <ActionButton
                  action={() => ok(plugin.POST('/api/v1/plugins/{pluginId}/upgrades', {
                    params: { path: { pluginId: id }, query: { dryRun: false } }, ...zipBody(bundle),
                  }))}
                  done={(r) => `Upgrade ${r.fromVersion} → ${r.toVersion} started`}
                  onDone={(r) => { void queryClient.invalidateQueries({ queryKey: ['plugin'] }); navigate(`/plugins/${id}/upgrades/${r.id}`); }}>
                  Upgrade for real
                </ActionButton>
              ) : <Button variant="default" component={Link} to={`/plugins/${id}`}>Upgrade from the plugin page</Button>
            )}>
            <Group gap="xs"><StateBadge state={u.state} />{u.dryRun && <StateBadge state="PENDING" label="dry run: nothing committed" />}</Group>
            <Paper withBorder p="md">
              <Stack gap="xs">
                <Text size="sm" id="upgrade-progress-label">Objects migrated: {u.objectsMigrated ?? 0} of {total}{u.objectsFailed ? `, ${u.objectsFailed} failed` : ''}</Text>
                <Progress.Root size="lg">
                  <Progress.Section value={percent} aria-labelledby="upgrade-progress-label" animated={!over}
                    color={u.state === 'FAILED' ? 'red.8' : 'indigo.8'} />
                </Progress.Root>
                <Facts items={[
                  ['From', `${u.fromVersion} (build ${u.fromBuildNumber})`], ['To', `${u.toVersion} (build ${u.toBuildNumber})`],
                  ['Migrations that run', (u.migrations ?? []).map((m) => `${m.id} ${m.objectType} ${m.function}`).join(', ') || 'none'],
                  ['Started', <When at={u.startedAt} key="s" />], ['Finished', <When at={u.finishedAt} key="f" />],
                ]} />
                {u.error && <Alert color="red" variant="light" title={u.error.code}>{u.error.message}</Alert>}
                {u.output && (
                  <>
                    <Text size="sm" fw={600}>Output of the migrations</Text>
                    <ScrollArea.Autosize mah={200}><Code block>{u.output}</Code></ScrollArea.Autosize>
                  </>
                )}
              </Stack>
            </Paper>
            <Title order={2} size="h4">Object by object</Title>
            <SegmentedControl value={outcome} onChange={setOutcome} aria-label="Which objects"
              data={['ALL', 'MIGRATED', 'UNCHANGED', 'FAILED'].map((v) => ({ value: v, label: v.toLowerCase() }))} />
            <Loaded query={report} label="the per-object report">
              {(page) => !page.items?.length ? <Empty>{over ? 'No object in this report.' : 'Waiting for the first objects…'}</Empty> : (
                <DataTable caption="Per-object report" head={['Object', 'Type', 'Outcome', 'Migration', 'Result', 'Error']} minWidth={900}>
                  {page.items.map((o) => (
                    <Table.Tr key={o.objectId}>
                      <Table.Td><Id id={o.objectId} /> {o.name}</Table.Td>
                      <Table.Td>{o.type}</Table.Td>
                      <Table.Td><StateBadge state={o.outcome === 'MIGRATED' ? 'SUCCEEDED' : o.outcome === 'FAILED' ? 'FAILED' : 'CANCELLED'} label={o.outcome} /></Table.Td>
                      <Table.Td>{o.migrationId ?? '—'}</Table.Td>
                      <Table.Td><Code block>{JSON.stringify(o.data)}</Code></Table.Td>
                      <Table.Td>{o.error ? `${o.error.code}: ${o.error.message}` : '—'}</Table.Td>
                    </Table.Tr>
                  ))}
                </DataTable>
              )}
            </Loaded>
          </Page>
        );
      }}
    </Loaded>
  );
}
