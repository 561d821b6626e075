import { useState } from 'react';
import {
  Alert, Anchor, Checkbox, Code, Group, NumberInput, Paper, PasswordInput, SimpleGrid, Stack, Table, Tabs, Text, TextInput, Title,
} from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router';
import { backup, ok } from '../api/client';
import { Problem } from '../api/problem';
import type { Backup, SuiteRestore } from '../api/types';
import { useMay, useSession } from '../app';
import { DataTable, Empty, Facts, History, Id, JobSteps, Loaded, Page, StateBadge, Warnings, When } from '../components/common';
import { ActionButton, FormModal } from '../components/FormModal';
import { bytes, isOver } from '../lib/format';

function useBackup(id: string) {
  return useQuery({
    queryKey: ['backup', 'backups', id],
    queryFn: () => ok(backup.GET('/api/v1/backups/{id}', { params: { path: { id } } })),
    refetchInterval: (q) => (q.state.data && isOver(q.state.data.state) ? false : 1000),
  });
}

export function Backups() {
  const may = useMay();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const backups = useQuery({
    queryKey: ['backup', 'backups'],
    queryFn: () => ok(backup.GET('/api/v1/backups', { params: { query: { limit: 100 } } })),
  });
  const restores = useQuery({
    queryKey: ['backup', 'restores'],
    queryFn: () => ok(backup.GET('/api/v1/restores', { params: { query: { limit: 20 } } })),
  });
  return (
    <Page title="Backups and restores"
      subtitle="Encrypted archives of the whole suite's metadata and its keys; a restore replaces every service's data."
      actions={may('POST /api/v1/backups') && (
        <ActionButton action={() => ok(backup.POST('/api/v1/backups'))} done={(b) => `Backup ${b.id?.slice(0, 8)} started`}
          onDone={(b) => { void queryClient.invalidateQueries({ queryKey: ['backup'] }); navigate(`/backups/${b.id}`); }}>
          Take backup
        </ActionButton>
      )}>
      <Tabs defaultValue="backups">
        <Tabs.List aria-label="Backup views">
          <Tabs.Tab value="backups">Backups</Tabs.Tab>
          <Tabs.Tab value="restores">Restores</Tabs.Tab>
          <Tabs.Tab value="schedule">Schedule</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="backups" pt="md">
          <Loaded query={backups} label="backups">
            {(page) => !page.items?.length ? <Empty>No backup yet.</Empty> : (
              <DataTable caption="Backups" head={['Backup', 'Trigger', 'State', 'Taken', 'Size', 'Rows', 'Version', 'By']} minWidth={860}>
                {page.items.map((b) => (
                  <Table.Tr key={b.id}>
                    <Table.Td><Id id={b.id} to={`/backups/${b.id}`} /></Table.Td>
                    <Table.Td>{b.trigger}</Table.Td>
                    <Table.Td><StateBadge state={b.state} /></Table.Td>
                    <Table.Td><When at={b.snapshotAt ?? b.createdAt} /></Table.Td>
                    <Table.Td>{bytes(b.sizeBytes)}</Table.Td>
                    <Table.Td>{b.totalRows ?? '—'}</Table.Td>
                    <Table.Td>{b.appVersion ?? '—'}</Table.Td>
                    <Table.Td>{b.requestedBy ?? '—'}</Table.Td>
                  </Table.Tr>
                ))}
              </DataTable>
            )}
          </Loaded>
        </Tabs.Panel>
        <Tabs.Panel value="restores" pt="md">
          <Loaded query={restores} label="restores">
            {(page) => !page.items?.length ? <Empty>No restore yet.</Empty> : (
              <DataTable caption="Restores of the suite" head={['Restore', 'From backup', 'State', 'Requested', 'By', 'Safety backup']}>
                {page.items.map((r) => (
                  <Table.Tr key={r.id}>
                    <Table.Td><Id id={r.id} to={`/restores/${r.id}`} /></Table.Td>
                    <Table.Td><Id id={r.backupId} to={`/backups/${r.backupId}`} /></Table.Td>
                    <Table.Td><StateBadge state={r.state} /></Table.Td>
                    <Table.Td><When at={r.createdAt} /></Table.Td>
                    <Table.Td>{r.requestedBy}</Table.Td>
                    <Table.Td><Id id={r.safetyBackupId} to={r.safetyBackupId ? `/backups/${r.safetyBackupId}` : undefined} /></Table.Td>
                  </Table.Tr>
                ))}
              </DataTable>
            )}
          </Loaded>
        </Tabs.Panel>
        <Tabs.Panel value="schedule" pt="md"><Schedule /></Tabs.Panel>
      </Tabs>
    </Page>
  );
}

function Schedule() {
  const may = useMay();
  const queryClient = useQueryClient();
  const schedule = useQuery({
    queryKey: ['backup', 'schedule'],
    queryFn: () => ok(backup.GET('/api/v1/backup-schedule')),
  });
  const [enabled, setEnabled] = useState(false);
  const [cron, setCron] = useState('0 2 * * *');
  const [zone, setZone] = useState('UTC');
  const [keep, setKeep] = useState<string | number>(10);
  return (
    <Loaded query={schedule} label="the backup schedule">
      {(s) => (
        <Stack gap="sm">
          <Facts items={[
            ['Scheduled backups', s.enabled ? 'on' : 'off'], ['Schedule', `${s.cron ?? '—'} (${s.timeZone ?? 'UTC'})`],
            ['Keep the newest', String(s.keep ?? 10)], ['Next run', <When at={s.nextRunAt} key="n" />],
            ['Changed', <span key="c"><When at={s.updatedAt} /> {s.updatedBy ? `by ${s.updatedBy}` : ''}</span>],
          ]} />
          {may('PUT /api/v1/backup-schedule') && (
            <Group>
              <FormModal button="Change schedule" title="Backup schedule" submit="Save" buttonProps={{ variant: 'default' }}
                onOpen={() => { setEnabled(!!s.enabled); setCron(s.cron ?? '0 2 * * *'); setZone(s.timeZone ?? 'UTC'); setKeep(s.keep ?? 10); }}
                onSubmit={() => ok(backup.PUT('/api/v1/backup-schedule', {
                  body: { enabled, cron, timeZone: zone || undefined, keep: keep === '' ? undefined : Number(keep) },
                }))}
                done={(r) => `Schedule saved${r.nextRunAt ? `; next backup ${r.nextRunAt}` : ''}`}
                onDone={() => queryClient.invalidateQueries({ queryKey: ['backup'] })}>
                {(p) => (
                  <SimpleGrid cols={{ base: 1, sm: 2 }}>
                    <Checkbox label="Take scheduled backups" checked={enabled} onChange={(e) => setEnabled(e.currentTarget.checked)} />
                    <TextInput label="Cron" value={cron} onChange={(e) => setCron(e.currentTarget.value)} error={p?.fieldError('cron')}
                      description="minute hour day-of-month month day-of-week" />
                    <TextInput label="Time zone" value={zone} onChange={(e) => setZone(e.currentTarget.value)} error={p?.fieldError('timeZone')} />
                    <NumberInput label="Keep the newest" value={keep} onChange={setKeep} min={1} error={p?.fieldError('keep')} />
                  </SimpleGrid>
                )}
              </FormModal>
            </Group>
          )}
        </Stack>
      )}
    </Loaded>
  );
}

export function BackupDetail() {
  const { id = '' } = useParams();
  const may = useMay();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const b = useBackup(id);
  return (
    <Loaded query={b} label="the backup">
      {(bk: Backup) => (
        <Page title={`Backup ${id.slice(0, 8)}`} subtitle={<>{bk.trigger} backup requested by {bk.requestedBy} · <When at={bk.createdAt} /></>}
          actions={bk.state === 'SUCCEEDED' && <>
            {may('POST /api/v1/backups/{id}/verification') && <VerifyBackup id={id} />}
            {may('GET /api/v1/backups/{id}/archive') && <DownloadArchive id={id} />}
            {may('POST /api/v1/restores') && <RestoreBackup backup={bk} />}
            {may('DELETE /api/v1/backups/{id}') && (
              <ActionButton variant="default" color="red" action={() => ok(backup.DELETE('/api/v1/backups/{id}', { params: { path: { id } } }))}
                done={() => 'Backup deleted'} onDone={() => { void queryClient.invalidateQueries({ queryKey: ['backup'] }); navigate('/backups'); }}>
                Delete
              </ActionButton>
            )}
          </>}>
          <Group gap="xs"><StateBadge state={bk.state} /></Group>
          {bk.error && <Alert color="red" variant="light" title={bk.error.code}>{bk.error.message}</Alert>}
          <Warnings warnings={bk.warnings} />
          <Paper withBorder p="md">
            <Facts items={[
              ['Consistent as of', <When at={bk.snapshotAt} key="s" />], ['Size', bytes(bk.sizeBytes)], ['Rows', String(bk.totalRows ?? '—')],
              ['Application version', bk.appVersion], ['Archive format', String(bk.formatVersion ?? '—')], ['Storage', bk.storage],
              ['Archive key', bk.keyFingerprint], ['Data key', bk.dataKeyFingerprint], ['Last verified', <When at={bk.lastVerifiedAt} key="v" />],
            ]} />
          </Paper>
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <Stack gap="xs">
              <Title order={2} size="h4">Steps</Title>
              <JobSteps steps={bk.steps} running={!isOver(bk.state)} />
            </Stack>
            <Stack gap="xs">
              <Title order={2} size="h4">Schemas</Title>
              {!bk.schemas?.length ? <Empty>—</Empty> : (
                <DataTable caption="Schemas in the archive" head={['Schema', 'Migration', 'Tables', 'Rows']} minWidth={360}>
                  {bk.schemas.map((s) => (
                    <Table.Tr key={s.schema}>
                      <Table.Td>{s.schema}</Table.Td><Table.Td>{s.migrationVersion}</Table.Td><Table.Td>{s.tables}</Table.Td><Table.Td>{s.rows}</Table.Td>
                    </Table.Tr>
                  ))}
                </DataTable>
              )}
            </Stack>
          </SimpleGrid>
          <Title order={2} size="h4">History</Title>
          <History queryKey={['backup', 'backups', id]}
            load={(offset, limit) => ok(backup.GET('/api/v1/backups/{id}/history', { params: { path: { id }, query: { offset, limit } } }))} />
        </Page>
      )}
    </Loaded>
  );
}

function VerifyBackup({ id }: { id: string }) {
  const [passphrase, setPassphrase] = useState('');
  return (
    <FormModal button="Verify" title="Verify the archive (read whole, nothing restored)" submit="Verify" buttonProps={{ variant: 'default' }}
      onSubmit={() => ok(backup.POST('/api/v1/backups/{id}/verification', { params: { path: { id } }, body: { passphrase: passphrase || undefined } }))}
      done={(v) => v.valid ? `Archive valid: ${v.chunks} chunks, ${v.tables} tables, ${v.rows} rows checked` : 'Archive NOT valid'}>
      {(p) => (
        <PasswordInput label="Passphrase (only for an archive made with another one)" value={passphrase}
          onChange={(e) => setPassphrase(e.currentTarget.value)} error={p?.fieldError('passphrase')} autoComplete="off" />
      )}
    </FormModal>
  );
}

function DownloadArchive({ id }: { id: string }) {
  const { session } = useSession();
  return (
    <ActionButton variant="default"
      action={async () => {
        const r = await fetch(`/api/v1/backups/${id}/archive`, { headers: { Authorization: `Bearer ${session?.credential}` } });
        if (!r.ok) throw Problem.of(r.status, await r.json().catch(() => null), r.statusText);
        const url = URL.createObjectURL(await r.blob());
        const a = document.createElement('a');
        a.href = url;
        a.download = `timeflow-backup-${id}.tfb`;
        a.click();
        setTimeout(() => URL.revokeObjectURL(url), 10_000);
      }}
      done={() => 'Archive downloaded (it holds secrets: keep it safe)'}>
      Download archive
    </ActionButton>
  );
}

/** The destructive restore: every service's data is replaced; the user confirms by typing the backup's id. */
function RestoreBackup({ backup: bk }: { backup: Backup }) {
  const navigate = useNavigate();
  const [confirm, setConfirm] = useState('');
  const [understood, setUnderstood] = useState(false);
  return (
    <FormModal button="Restore…" color="red" title="Restore the whole suite from this backup" submit="Restore and replace all data"
      onOpen={() => { setConfirm(''); setUnderstood(false); }}
      onSubmit={() => {
        if (!understood || confirm.trim() !== bk.id) {
          return Promise.reject(new Problem(400, 'Not confirmed', 'Tick the box and type the backup id exactly to confirm.', 'CONFIRMATION_REQUIRED',
            [{ field: 'confirm', message: 'must repeat the backup id' }]));
        }
        return ok(backup.POST('/api/v1/restores', { body: { backupId: bk.id!, confirm: confirm.trim() } }));
      }}
      done={(r) => `Restore ${r.id?.slice(0, 8)} started`}
      onDone={(r) => navigate(`/restores/${r.id}`)}>
      {(p) => (
        <>
          <Alert color="red" variant="light" title="This replaces every service's data">
            Every environment, dSource, restore, snapshot, VDB, plugin and key goes back to {bk.snapshotAt ?? 'the time of the backup'}.
            A safety backup is taken first; writes are refused while the restore runs.
          </Alert>
          <Checkbox label="I understand that everything changed since this backup is replaced" checked={understood}
            onChange={(e) => setUnderstood(e.currentTarget.checked)} />
          <TextInput label={<>Type the backup id to confirm: <Code>{bk.id}</Code></>} value={confirm}
            onChange={(e) => setConfirm(e.currentTarget.value)} error={p?.fieldError('confirm')} autoComplete="off" />
        </>
      )}
    </FormModal>
  );
}

export function RestorePage() {
  const { id = '' } = useParams();
  const restore = useQuery({
    queryKey: ['backup', 'restores', id],
    queryFn: () => ok(backup.GET('/api/v1/restores/{id}', { params: { path: { id } } })),
    refetchInterval: (q) => (q.state.data && isOver(q.state.data.state) ? false : 1000),
  });
  return (
    <Loaded query={restore} label="the restore">
      {(r: SuiteRestore) => (
        <Page title={`Restore ${id.slice(0, 8)}`}
          subtitle={<>From backup <Anchor component={Link} to={`/backups/${r.backupId}`}>{r.backupId?.slice(0, 8)}</Anchor> · requested by {r.requestedBy} · <When at={r.createdAt} /></>}>
          <Group gap="xs"><StateBadge state={r.state} />{!isOver(r.state) && <Text size="sm">The suite refuses writes until it ends.</Text>}</Group>
          {r.error && <Alert color="red" variant="light" title={r.error.code}>{r.error.message} The data in place is the data as it was before.</Alert>}
          <Warnings warnings={r.warnings} />
          <Paper withBorder p="md">
            <Facts items={[
              ['Backup version', r.backupVersion], ['Running version', r.runningVersion], ['Upgraded on the way', r.upgraded ? 'yes' : 'no'],
              ['Schemas', (r.schemas ?? []).join(', ')], ['Safety backup', <Id id={r.safetyBackupId} to={r.safetyBackupId ? `/backups/${r.safetyBackupId}` : undefined} key="s" />],
              ['Started', <When at={r.startedAt} key="b" />], ['Finished', <When at={r.finishedAt} key="f" />],
            ]} />
          </Paper>
          <Title order={2} size="h4">Steps</Title>
          <JobSteps steps={r.steps} running={!isOver(r.state)} />
          <Title order={2} size="h4">History</Title>
          <History queryKey={['backup', 'restores', id]}
            load={(offset, limit) => ok(backup.GET('/api/v1/restores/{id}/history', { params: { path: { id }, query: { offset, limit } } }))} />
        </Page>
      )}
    </Loaded>
  );
}
