import { useState } from 'react';
import { Alert, Code, CopyButton, Button, Group, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { ok, staging } from '../api/client';
import type { ApiKey } from '../api/types';
import { useMay } from '../app';
import { DataTable, Empty, Loaded, Page, StateBadge, When } from '../components/common';
import { ActionButton, FormModal } from '../components/FormModal';

export function ApiKeys() {
  const may = useMay();
  const queryClient = useQueryClient();
  const [created, setCreated] = useState<ApiKey | null>(null);
  const keys = useQuery({
    queryKey: ['staging', 'api-keys'],
    queryFn: () => ok(staging.GET('/api/v1/api-keys', { params: { query: { limit: 200 } } })),
  });
  return (
    <Page title="API keys" subtitle="For automation on staging hosts and backup scripts: one role each (any but admin); shown once, stored only as a digest."
      actions={may('POST /api/v1/api-keys') && <CreateKey onCreated={(k) => { setCreated(k); void queryClient.invalidateQueries({ queryKey: ['staging', 'api-keys'] }); }} />}>
      {created?.key && (
        <Alert color="green" variant="light" title={`Key ${created.name} created: copy it now, it is never shown again`} withCloseButton onClose={() => setCreated(null)}>
          <Stack gap="xs">
            <Code block data-api-key>{created.key}</Code>
            <Group>
              <CopyButton value={created.key}>{({ copied, copy }) => <Button size="xs" variant="default" onClick={copy}>{copied ? 'Copied' : 'Copy'}</Button>}</CopyButton>
              <Text size="xs">Send it as <Code>Authorization: Bearer tfk_…</Code> or <Code>X-API-Key</Code>.</Text>
            </Group>
          </Stack>
        </Alert>
      )}
      <Loaded query={keys} label="API keys">
        {(page) => !page.items?.length ? <Empty>No API key yet.</Empty> : (
          <DataTable caption="API keys" head={['Name', 'Role', 'State', 'Created', 'By', 'Last used (here)', '']} minWidth={820}>
            {page.items.map((k) => (
              <Table.Tr key={k.id}>
                <Table.Td>{k.name}</Table.Td>
                <Table.Td>{k.role}</Table.Td>
                <Table.Td><StateBadge state={k.revokedAt ? 'CANCELLED' : 'ACTIVE'} label={k.revokedAt ? 'revoked' : 'active'} /></Table.Td>
                <Table.Td><When at={k.createdAt} /></Table.Td>
                <Table.Td>{k.createdBy}</Table.Td>
                <Table.Td><When at={k.lastUsedAt} /></Table.Td>
                <Table.Td>
                  {!k.revokedAt && may('DELETE /api/v1/api-keys/{id}') && (
                    <ActionButton size="xs" variant="default" color="red" aria-label={`Revoke ${k.name}`}
                      action={() => ok(staging.DELETE('/api/v1/api-keys/{id}', { params: { path: { id: k.id! } } }))}
                      done={() => `Key ${k.name} revoked`} onDone={() => queryClient.invalidateQueries({ queryKey: ['staging', 'api-keys'] })}>
                      Revoke
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

function CreateKey({ onCreated }: { onCreated: (k: ApiKey) => void }) {
  const [name, setName] = useState('');
  const [role, setRole] = useState<string | null>('agent');
  return (
    <FormModal button="Create API key" title="Create an API key" submit="Create"
      onSubmit={() => ok(staging.POST('/api/v1/api-keys', { body: { name, role: (role ?? 'agent') as 'agent' } }))}
      onDone={onCreated}>
      {(p) => (
        <>
          <TextInput label="Name" required value={name} onChange={(e) => setName(e.currentTarget.value)} error={p?.fieldError('name')}
            description="What changes it makes are recorded as api-key:<name>" />
          <Select label="Role" data={['viewer', 'operator', 'agent', 'plugin-admin', 'backup-admin']} value={role} onChange={setRole}
            allowDeselect={false} error={p?.fieldError('role')} />
        </>
      )}
    </FormModal>
  );
}
