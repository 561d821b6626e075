import { useState } from 'react';
import { Checkbox, Select, SimpleGrid, Text, TextInput, Textarea } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { ok, snapshot, staging } from '../api/client';
import type { DSource, Snapshot } from '../api/types';
import { FormModal } from './FormModal';
import { useEnvironments } from '../pages/DSources';

const lines = (text: string) => text.split('\n').map((l) => l.trim()).filter(Boolean);

function defaultFiles(ds: DSource): string {
  const base = ds.mountBase ?? '';
  const db = ds.stagingDatabaseName ?? 'database';
  return `${base}\\${db}.mdf\n${base}\\${db}_log.ldf`;
}

/**
 * Report a restore as the staging host's hook script or agent does (role agent): its backup set, then
 * its completion with the files written (or leave it in progress, to complete or fail it later).
 */
export function ReportRestore({ ds }: { ds: DSource }) {
  const queryClient = useQueryClient();
  const [type, setType] = useState<string | null>(ds.restoreCount ? 'LOG' : 'FULL');
  const [location, setLocation] = useState('');
  const [first, setFirst] = useState('');
  const [last, setLast] = useState('');
  const [checkpoint, setCheckpoint] = useState('');
  const [databaseBackup, setDatabaseBackup] = useState('');
  const [fork, setFork] = useState('');
  const [replace, setReplace] = useState(!ds.restoreCount);
  const [norecovery, setNorecovery] = useState(ds.databaseStateMode !== 'ONLINE');
  const [readOnly, setReadOnly] = useState(false);
  const [files, setFiles] = useState(defaultFiles(ds));
  const [complete, setComplete] = useState(true);
  const reset = () => {
    setType(ds.restoreCount ? 'LOG' : 'FULL');
    setReplace(!ds.restoreCount);
    setFirst(ds.chain?.positionLsn ?? '');
    setLast('');
    setCheckpoint('');
    setDatabaseBackup('');
    setFiles(defaultFiles(ds));
  };
  return (
    <FormModal
      button="Report restore"
      title="Report a restore (as the staging host does)"
      submit={complete ? 'Report started and completed' : 'Report started'}
      buttonProps={{ variant: 'default' }}
      onOpen={reset}
      onSubmit={async () => {
        const started = await ok(staging.POST('/api/v1/dsources/{id}/restores', {
          params: { path: { id: ds.id! } },
          body: {
            backupSet: {
              type: (type ?? 'FULL') as 'FULL',
              backupFileLocation: location || undefined,
              firstLsn: first || undefined,
              lastLsn: last || undefined,
              checkpointLsn: checkpoint || undefined,
              databaseBackupLsn: databaseBackup || undefined,
              recoveryForkGuid: fork || undefined,
              sourceReadOnly: readOnly,
            },
            replace,
            norecovery,
          },
        }));
        if (!complete) return started;
        return ok(staging.POST('/api/v1/dsources/{id}/restores/{restoreId}/complete', {
          params: { path: { id: ds.id!, restoreId: started.id! } },
          body: { files: lines(files) },
        }));
      }}
      done={(r) => `Restore #${r.number} ${r.status}`}
      onDone={() => queryClient.invalidateQueries({ queryKey: ['staging'] })}
    >
      {(p) => (
        <>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Select label="Backup type" data={['FULL', 'DIFFERENTIAL', 'LOG', 'BACPAC']} value={type} onChange={setType}
              allowDeselect={false} error={p?.fieldError('backupSet.type')} />
            <TextInput label="Backup file location" placeholder="\\backup01\sql\sales_full.bak" value={location}
              onChange={(e) => setLocation(e.currentTarget.value)} error={p?.fieldError('backupSet.backupFileLocation')} />
            <TextInput label="First LSN" value={first} onChange={(e) => setFirst(e.currentTarget.value)} error={p?.fieldError('backupSet.firstLsn')} />
            <TextInput label="Last LSN" value={last} onChange={(e) => setLast(e.currentTarget.value)} error={p?.fieldError('backupSet.lastLsn')} />
            <TextInput label="Checkpoint LSN" value={checkpoint} onChange={(e) => setCheckpoint(e.currentTarget.value)}
              error={p?.fieldError('backupSet.checkpointLsn')} />
            <TextInput label="Database backup LSN" description="for a differential: the checkpoint LSN of its full backup"
              value={databaseBackup} onChange={(e) => setDatabaseBackup(e.currentTarget.value)} error={p?.fieldError('backupSet.databaseBackupLsn')} />
            <TextInput label="Recovery fork GUID" value={fork} onChange={(e) => setFork(e.currentTarget.value)}
              error={p?.fieldError('backupSet.recoveryForkGuid')} />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <Checkbox label="WITH REPLACE" checked={replace} onChange={(e) => setReplace(e.currentTarget.checked)} />
            <Checkbox label="WITH NORECOVERY" checked={norecovery} onChange={(e) => setNorecovery(e.currentTarget.checked)} />
            <Checkbox label="Source was read-only" checked={readOnly} onChange={(e) => setReadOnly(e.currentTarget.checked)} />
          </SimpleGrid>
          <Checkbox label="The restore completed (report its files now)" checked={complete} onChange={(e) => setComplete(e.currentTarget.checked)} />
          {complete && (
            <Textarea label="Database files written (one per line)" value={files} onChange={(e) => setFiles(e.currentTarget.value)}
              autosize minRows={2} error={p?.fieldError('files')} description={`They must lie directly in ${ds.mountBase}`} />
          )}
        </>
      )}
    </FormModal>
  );
}

/** Report the staging database as the staging host observes it (role agent): state, mount, files. */
export function ReportDatabaseState({ ds }: { ds: DSource }) {
  const queryClient = useQueryClient();
  const [state, setState] = useState<string | null>(ds.databaseStateMode ?? 'RESTORING');
  const [mounted, setMounted] = useState(true);
  const [files, setFiles] = useState(defaultFiles(ds));
  return (
    <FormModal
      button="Report database state"
      title="Report the staging database as observed"
      submit="Report"
      buttonProps={{ variant: 'default' }}
      onSubmit={() => ok(staging.PUT('/api/v1/dsources/{id}/staging-database', {
        params: { path: { id: ds.id! } },
        body: { state: (state ?? 'RESTORING') as 'RESTORING', dataMounted: mounted, files: lines(files) },
      }))}
      done={(db) => `Staging database ${db.state}${db.supported ? '' : ` (${db.monitoring})`}`}
      onDone={() => queryClient.invalidateQueries({ queryKey: ['staging'] })}
    >
      {(p) => (
        <>
          <Select label="State" data={['RESTORING', 'ONLINE', 'READ_ONLY', 'STANDBY', 'EMERGENCY', 'OFFLINE', 'MISSING']}
            value={state} onChange={setState} allowDeselect={false} error={p?.fieldError('state')} />
          <Checkbox label="DATA directory mounted" checked={mounted} onChange={(e) => setMounted(e.currentTarget.checked)} />
          <Textarea label="Database files (one per line)" value={files} onChange={(e) => setFiles(e.currentTarget.value)} autosize minRows={2}
            error={p?.fieldError('files')} />
        </>
      )}
    </FormModal>
  );
}

/** Link (attach) a detached dSource again: a new staging database name may be given; the mode must stay. */
export function AttachDSource({ ds }: { ds: DSource }) {
  const queryClient = useQueryClient();
  const environments = useEnvironments();
  const [database, setDatabase] = useState(ds.stagingDatabaseName ?? '');
  const [mode, setMode] = useState<string | null>(ds.databaseStateMode ?? 'RESTORING');
  const [environmentId, setEnvironmentId] = useState<string | null>(ds.environmentId ?? null);
  const [repositoryId, setRepositoryId] = useState<string | null>(ds.repositoryId ?? null);
  const repositories = useQuery({
    queryKey: ['staging', 'environments', environmentId, 'repositories'],
    queryFn: () => ok(staging.GET('/api/v1/environments/{id}/repositories', { params: { path: { id: environmentId! } } })),
    enabled: !!environmentId,
  });
  return (
    <FormModal
      button="Attach"
      title="Link (attach) the dSource again"
      submit="Attach"
      buttonProps={{ variant: 'default' }}
      onSubmit={() => ok(staging.POST('/api/v1/dsources/{id}/attach', {
        params: { path: { id: ds.id! } },
        body: {
          stagingDatabaseName: database,
          databaseStateMode: (mode ?? 'RESTORING') as 'RESTORING',
          environmentId: (environmentId || undefined) as string,
          repositoryId: (repositoryId || undefined) as string,
        },
      }))}
      done={(r) => `Attached${r.warnings?.length ? ` with warnings: ${r.warnings.map((w) => w.code).join(', ')}` : ''}`}
      onDone={() => queryClient.invalidateQueries({ queryKey: ['staging'] })}
    >
      {(p) => (
        <>
          <Text size="sm">The file names stay; keep the same database state mode, or enabling will fail with "database state changed".</Text>
          <TextInput label="Staging database name" value={database} onChange={(e) => setDatabase(e.currentTarget.value)}
            error={p?.fieldError('stagingDatabaseName')} required />
          <Select label="Database state mode" data={['RESTORING', 'ONLINE']} value={mode} onChange={setMode} allowDeselect={false}
            error={p?.fieldError('databaseStateMode')} />
          <Select label="Staging environment" data={(environments.data?.items ?? []).map((e) => ({ value: e.id!, label: e.name ?? e.id! }))}
            value={environmentId} onChange={setEnvironmentId} error={p?.fieldError('environmentId')} />
          <Select label="SQL Server instance" data={(repositories.data ?? []).map((r) => ({ value: r.id!, label: r.name ?? r.id! }))}
            value={repositoryId} onChange={setRepositoryId} error={p?.fieldError('repositoryId')} />
        </>
      )}
    </FormModal>
  );
}

/** Provision a VDB from a snapshot (point-in-time provisioning is not offered: the suite refuses it). */
export function ProvisionVdb({ snap, onDone }: { snap: Snapshot; onDone?: () => void }) {
  const queryClient = useQueryClient();
  const targets = useQuery({
    queryKey: ['snapshot', 'target-environments'],
    queryFn: () => ok(snapshot.GET('/api/v1/target-environments', { params: { query: { limit: 200 } } })),
  });
  const [name, setName] = useState('');
  const [target, setTarget] = useState<string | null>(null);
  return (
    <FormModal
      button="Provision VDB"
      title="Provision a VDB from this snapshot"
      submit="Provision"
      buttonProps={{ size: 'xs' }}
      onSubmit={() => ok(snapshot.POST('/api/v1/vdbs', { body: { name, snapshotId: snap.id!, targetEnvironmentId: (target || undefined) as string } }))}
      done={(v) => `VDB ${v.name} provisioned${v.warnings?.length ? ` (warnings: ${v.warnings.map((w) => w.code).join(', ')})` : ''}`}
      onDone={() => {
        void queryClient.invalidateQueries({ queryKey: ['snapshot'] });
        onDone?.();
      }}
    >
      {(p) => (
        <>
          {snap.sourceReadOnly && <Text size="sm" c="#a63c06">This backup came from a read-only source: the VDB may not start.</Text>}
          <TextInput label="VDB name" required value={name} onChange={(e) => setName(e.currentTarget.value)} error={p?.fieldError('name')} />
          <Select label="Target environment" required placeholder="Choose an environment"
            data={(targets.data?.items ?? []).map((t) => ({ value: t.id!, label: `${t.name} (${t.host})` }))}
            value={target} onChange={setTarget} error={p?.fieldError('targetEnvironmentId')} />
        </>
      )}
    </FormModal>
  );
}
