import { useEffect, useState, type ReactNode } from 'react';
import {
  Alert, Badge, Center, Code, Group, List, Loader, Pagination, Stack, Table, Text, Timeline, Title,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { Problem, networkProblem } from '../api/problem';
import { formatInstant, shortId } from '../lib/format';

/** A page: its title (also the document's), what may be done on it, and its content. */
export function Page({ title, actions, children, subtitle }: {
  title: string; actions?: ReactNode; children: ReactNode; subtitle?: ReactNode;
}) {
  useEffect(() => {
    document.title = `${title} · Timeflow`;
  }, [title]);
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="sm">
        <Stack gap={2}>
          <Title order={1} size="h2">{title}</Title>
          {subtitle && <Text c="dimmed" size="sm">{subtitle}</Text>}
        </Stack>
        {actions && <Group gap="xs" wrap="wrap">{actions}</Group>}
      </Group>
      {children}
    </Stack>
  );
}

/** A refusal as the service gave it: its title, its detail and the fields it named. */
export function ProblemAlert({ error, heading }: { error: unknown; heading?: string }) {
  if (!error) return null;
  const p = error instanceof Problem ? error : networkProblem(error);
  return (
    <Alert color="red" variant="light" role="alert" title={heading ? `${heading}: ${p.title}` : p.title}>
      <Stack gap={4}>
        {p.detail && <Text size="sm">{p.detail}</Text>}
        {p.errors.length > 0 && (
          <List size="sm" aria-label="Fields at fault">
            {p.errors.map((e) => (
              <List.Item key={`${e.field}:${e.message}`}>
                <Code>{e.field}</Code> {e.message}
              </List.Item>
            ))}
          </List>
        )}
        <Text size="xs" c="dimmed">
          {p.code}
          {p.status ? ` · HTTP ${p.status}` : ''}
        </Text>
      </Stack>
    </Alert>
  );
}

/** Badge colours with at least 4.5:1 contrast on white (Mantine's green.9 and orange.9 fall short). */
const GREEN = '#1b6e32';
const ORANGE = '#a63c06';

const STATE_COLOR: Record<string, string> = {
  SUCCEEDED: GREEN, COMPLETED: GREEN, RESOLVED: GREEN, ACTIVE: GREEN, PASSED: GREEN, ENABLED: GREEN,
  LINKED: GREEN, READY: GREEN,
  RUNNING: 'blue.9', PENDING: 'blue.9', IN_PROGRESS: 'blue.9', UPGRADING: 'violet.9',
  FAILED: 'red.9', CRITICAL: 'red.9', ERROR: 'red.9',
  SKIPPED: ORANGE, WARNING: ORANGE, IGNORED: ORANGE, DISABLED: ORANGE, DETACHED: ORANGE,
  CANCELLED: 'gray.8',
};

/** A state as a badge whose colour says how it went (and whose text says it without the colour). */
export { GREEN, ORANGE };

export function StateBadge({ state, label }: { state?: string | null; label?: string }) {
  if (!state) return <Text span c="dimmed">—</Text>;
  return <Badge color={STATE_COLOR[state] ?? 'gray.8'} variant="outline">{label ?? state.replace(/_/g, ' ')}</Badge>;
}

export function Loading({ label = 'Loading' }: { label?: string }) {
  return (
    <Center p="lg">
      <Loader size="sm" aria-label={label} />
    </Center>
  );
}

/** The state of a query: a loader, its problem, or its content. */
export function Loaded<T>({ query, children, label }: {
  query: { data: T | undefined; error: unknown; isPending: boolean };
  children: (data: T) => ReactNode;
  label?: string;
}) {
  if (query.error) return <ProblemAlert error={query.error} heading={label ? `Reading ${label}` : undefined} />;
  if (query.isPending || query.data === undefined) return <Loading label={label ? `Loading ${label}` : 'Loading'} />;
  return <>{children(query.data)}</>;
}

export function Empty({ children }: { children: ReactNode }) {
  return <Text c="dimmed" size="sm" py="sm">{children}</Text>;
}

/** An instant, in the browser's time zone unless another is given. */
export function When({ at, zone }: { at?: string | null; zone?: string | null }) {
  if (!at) return <Text span c="dimmed">—</Text>;
  return <time dateTime={at} title={at}>{formatInstant(at, zone ?? undefined)}{zone ? ` ${zone}` : ''}</time>;
}

/** An id, shortened, whole in its title; a link when there is somewhere to go. */
export function Id({ id, to }: { id?: string | null; to?: string }) {
  if (!id) return <Text span c="dimmed">—</Text>;
  const text = <Code title={id}>{shortId(id)}</Code>;
  return to ? <Link to={to} aria-label={`${id}`}>{text}</Link> : text;
}

/** A table that scrolls sideways on a narrow window instead of squeezing its columns. */
export function DataTable({ caption, head, children, minWidth = 640 }: {
  caption: string; head: string[]; children: ReactNode; minWidth?: number;
}) {
  return (
    // focusable, so that a keyboard can scroll it sideways on a narrow window
    <Table.ScrollContainer minWidth={minWidth} type="native" tabIndex={0} role="region" aria-label={`${caption} (scrolls sideways)`}>
      <Table striped highlightOnHover verticalSpacing="xs" aria-label={caption}>
        <Table.Thead>
          <Table.Tr>
            {head.map((h) => <Table.Th key={h} scope="col">{h}</Table.Th>)}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>{children}</Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

export interface WarningLike {
  code?: string;
  message?: string;
}

export function Warnings({ warnings }: { warnings?: WarningLike[] | null }) {
  if (!warnings?.length) return null;
  return (
    <Alert color="orange" variant="light" title="Warnings">
      <List size="sm">
        {warnings.map((w, i) => (
          <List.Item key={i}><Code>{w.code}</Code> {w.message}</List.Item>
        ))}
      </List>
    </Alert>
  );
}

export interface StepLike {
  name?: string;
  outcome?: string;
  state?: string;
  detail?: string;
  at?: string;
}

/** A job's steps as they happen (the page reads the job again while it runs). */
export function JobSteps({ steps, running }: { steps?: StepLike[] | null; running?: boolean }) {
  if (!steps?.length) return <Empty>{running ? 'Waiting for the first step…' : 'No steps recorded.'}</Empty>;
  const last = steps.length - 1;
  return (
    <Timeline active={last} bulletSize={16} lineWidth={2} aria-label="Steps">
      {steps.map((s, i) => {
        const outcome = s.outcome ?? s.state;
        return (
          <Timeline.Item key={`${s.name}-${i}`} title={<Group gap="xs"><Text fw={600} size="sm">{s.name}</Text><StateBadge state={outcome} /></Group>}>
            {s.detail && <Text size="sm">{s.detail}</Text>}
            <Text size="xs" c="dimmed"><When at={s.at} /></Text>
          </Timeline.Item>
        );
      })}
    </Timeline>
  );
}

interface HistoryPage {
  items?: { action?: string; summary?: string; actor?: string; role?: string; credentialId?: string; at?: string; eventType?: string }[];
  total?: number;
}

/** Who changed an object, when, and with which credential (oldest first, 20 a page). */
export function History({ queryKey, load }: { queryKey: unknown[]; load: (offset: number, limit: number) => Promise<HistoryPage> }) {
  const limit = 20;
  const [page, setPage] = useState(1);
  const query = useQuery({ queryKey: [...queryKey, 'history', page], queryFn: () => load((page - 1) * limit, limit) });
  return (
    <Loaded query={query} label="the history">
      {(h) => (
        <Stack gap="xs">
          {!h.items?.length ? <Empty>No changes recorded.</Empty> : (
            <DataTable caption="History" head={['When', 'What', 'Summary', 'Who', 'Role', 'Credential']}>
              {h.items.map((c, i) => (
                <Table.Tr key={i}>
                  <Table.Td><When at={c.at} /></Table.Td>
                  <Table.Td>{c.action}</Table.Td>
                  <Table.Td>{c.summary}</Table.Td>
                  <Table.Td>{c.actor}</Table.Td>
                  <Table.Td>{c.role}</Table.Td>
                  <Table.Td><Id id={c.credentialId} /></Table.Td>
                </Table.Tr>
              ))}
            </DataTable>
          )}
          {(h.total ?? 0) > limit && (
            <Pagination total={Math.ceil((h.total ?? 0) / limit)} value={page} onChange={setPage} aria-label="History pages" />
          )}
        </Stack>
      )}
    </Loaded>
  );
}

/** Label and value pairs, as a definition list. */
export function Facts({ items }: { items: [string, ReactNode][] }) {
  return (
    <dl className="tf-facts">
      {items.map(([k, v]) => (
        <div key={k} className="tf-fact">
          <dt>{k}</dt>
          <dd>{v ?? '—'}</dd>
        </div>
      ))}
    </dl>
  );
}
