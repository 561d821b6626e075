/** An instant as people read it, in a time zone (the browser's when none is given). */
export function formatInstant(instant: string | null | undefined, timeZone?: string): string {
  if (!instant) return '—';
  const d = new Date(instant);
  if (Number.isNaN(d.getTime())) return instant;
  try {
    const parts = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    }).formatToParts(d);
    const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
    return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}:${get('second')}`;
  } catch {
    return d.toISOString();
  }
}

/** e.g. "2026-11-23 09:00:00 Europe/Paris": the time of a snapshot as the staging host's clock showed it. */
export function inZone(instant: string | null | undefined, timeZone: string | null | undefined): string {
  if (!instant) return '—';
  return timeZone ? `${formatInstant(instant, timeZone)} ${timeZone}` : formatInstant(instant);
}

/** A short form of an id, for tables (the whole id is in the title). */
export function shortId(id: string | null | undefined): string {
  return id ? id.slice(0, 8) : '—';
}

export function bytes(n: number | null | undefined): string {
  if (n === null || n === undefined) return '—';
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = n;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${u === 0 ? v : v.toFixed(1)} ${units[u]}`;
}

/** Whether a job's state is final. */
export function isOver(state: string | null | undefined): boolean {
  return !!state && !['PENDING', 'RUNNING', 'IN_PROGRESS'].includes(state);
}
