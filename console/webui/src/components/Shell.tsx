import type { ReactNode } from 'react';
import { Anchor, AppShell, Badge, Burger, Button, Group, NavLink, ScrollArea, Text, Title, Tooltip } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { NavLink as RouterLink, useLocation } from 'react-router';
import { ok, staging } from '../api/client';
import { useLive, useMay, useSession } from '../app';
import { GREEN, ORANGE } from './common';

interface Item {
  to: string;
  label: string;
  /** the read the page needs (docs/security.md): the item is not offered without it */
  needs: string;
}

const ITEMS: Item[] = [
  { to: '/dsources', label: 'dSources', needs: 'GET /api/v1/dsources' },
  { to: '/environments', label: 'Environments', needs: 'GET /api/v1/environments' },
  { to: '/snapsync', label: 'SnapSync jobs', needs: 'GET /api/v1/snapsync' },
  { to: '/faults', label: 'Faults', needs: 'GET /api/v1/faults' },
  { to: '/vdbs', label: 'VDBs', needs: 'GET /api/v1/vdbs' },
  { to: '/sync-policies', label: 'Sync policies', needs: 'GET /api/v1/sync-policies' },
  { to: '/plugins', label: 'Plugins', needs: 'GET /api/v1/plugins' },
  { to: '/backups', label: 'Backups and restores', needs: 'GET /api/v1/backups' },
  { to: '/api-keys', label: 'API keys', needs: 'GET /api/v1/api-keys' },
];

function LiveBadge() {
  const { state, readingTopics } = useLive();
  const text = state === 'live' && readingTopics ? 'Live' : state === 'live' ? 'Live (waiting for Kafka)'
    : state === 'polling' ? 'Polling every 15 s' : state === 'off' ? 'Off' : 'Reconnecting…';
  const color = state === 'live' && readingTopics ? GREEN : state === 'polling' ? ORANGE : 'gray.8';
  return (
    <Tooltip label="Changes in the suite appear here as they happen (a server-sent-events stream from the topics)">
      <Badge color={color} variant="outline" role="status" aria-live="polite" data-live={state}>{text}</Badge>
    </Tooltip>
  );
}

function ActiveFaults() {
  const may = useMay();
  const faults = useQuery({
    queryKey: ['staging', 'faults', 'active-count'],
    queryFn: () => ok(staging.GET('/api/v1/faults', { params: { query: { status: 'ACTIVE', limit: 1 } } })),
    enabled: may('GET /api/v1/faults'),
  });
  const n = faults.data?.total ?? 0;
  return n > 0 ? <Badge color="red.9" variant="filled" size="sm" aria-label={`${n} active faults`}>{n}</Badge> : null;
}

export function Shell({ children }: { children: ReactNode }) {
  const [opened, { toggle, close }] = useDisclosure();
  const { session, signOut } = useSession();
  const may = useMay();
  const location = useLocation();
  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 230, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="md">
      <Anchor href="#content" className="tf-skip">Skip to content</Anchor>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={opened ? 'Close navigation' : 'Open navigation'} />
            <Title order={2} size="h4">Timeflow</Title>
            <LiveBadge />
          </Group>
          <Group gap="sm" wrap="nowrap">
            <Text size="sm" visibleFrom="sm" title={session?.roles.join(', ')}>
              {session?.subject} · {session?.roles.join(', ')}
            </Text>
            <Button variant="default" size="xs" onClick={() => signOut()}>Sign out</Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label="Main">
        <ScrollArea>
          <nav aria-label="Main navigation">
            {ITEMS.filter((i) => may(i.needs)).map((i) => (
              <NavLink
                key={i.to}
                component={RouterLink}
                to={i.to}
                label={i.label}
                active={location.pathname.startsWith(i.to)}
                onClick={close}
                rightSection={i.to === '/faults' ? <ActiveFaults /> : undefined}
              />
            ))}
          </nav>
          <Text size="xs" c="dimmed" mt="md" px="xs" visibleFrom="xs" hiddenFrom="sm">
            {session?.subject} · {session?.roles.join(', ')}
          </Text>
        </ScrollArea>
      </AppShell.Navbar>
      <AppShell.Main id="content" tabIndex={-1}>
        {children}
      </AppShell.Main>
    </AppShell>
  );
}
