import { parseSse } from '../lib/sse';

/** What the console hears of a change in the suite (never its payload: it reads that through the APIs). */
export interface Change {
  service: 'staging' | 'snapshot' | 'plugin' | 'backup' | string;
  type: string;
  subject: string;
  time: string;
}

export type LiveState = 'connecting' | 'live' | 'reconnecting' | 'polling' | 'off';

export interface LiveHandlers {
  onChange(change: Change): void;
  /** the stream (re)opened: whatever happened while it was closed must be read again */
  onOpen(): void;
  onState(state: LiveState, readingTopics: boolean): void;
  /** the credential is no longer accepted */
  onSignedOut(): void;
}

/**
 * Keeps one server-sent-events stream from the console service open for this browser
 * (`GET /console/events`, the credential in a header, so it is opened with fetch rather than
 * EventSource). Reconnects after 3 s when it drops; falls back to polling when the console service
 * refuses more streams. Returns a function that closes it.
 */
export function openLive(credential: string, handlers: LiveHandlers): () => void {
  const abort = new AbortController();
  let closed = false;
  let reading = false;

  const run = async () => {
    let attempt = 0;
    while (!closed) {
      handlers.onState(attempt === 0 ? 'connecting' : 'reconnecting', reading);
      try {
        const response = await fetch('/console/events', {
          headers: { Authorization: `Bearer ${credential}`, Accept: 'text/event-stream' },
          signal: abort.signal,
          cache: 'no-store',
        });
        if (response.status === 401) {
          handlers.onSignedOut();
          return;
        }
        if (response.status === 503) {
          handlers.onState('polling', false);
          await sleep(60_000, abort.signal);
          continue;
        }
        if (!response.ok || !response.body) {
          throw new Error(`HTTP ${response.status}`);
        }
        handlers.onOpen();
        const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
        let rest = '';
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          const parsed = parseSse(rest + value);
          rest = parsed.rest;
          for (const e of parsed.events) {
            if (e.event === 'status') {
              reading = Boolean(JSON.parse(e.data).reading);
              handlers.onState('live', reading);
            } else if (e.event === 'change') {
              handlers.onChange(JSON.parse(e.data) as Change);
            } else if (e.event === 'signed-out') {
              handlers.onSignedOut();
              return;
            }
          }
        }
      } catch (e) {
        if (closed) return;
      }
      attempt++;
      handlers.onState('reconnecting', false);
      await sleep(3000, abort.signal);
    }
  };
  void run();
  return () => {
    closed = true;
    abort.abort();
    handlers.onState('off', false);
  };
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(t);
      resolve();
    });
  });
}

/**
 * The query keys a change makes stale. Every query key starts with the service that answers it; a
 * change on one topic can change what another service answers (snapshot-service reads staging-service's
 * and plugin-service's topics: readiness, the plugin lock), and a restore of the suite changes everything.
 */
export function staleKeys(change: Change): string[][] {
  if (change.service === 'backup' && /\.(restore\.completed|maintenance\.(started|ended))\./.test(change.type)) {
    return [[]];
  }
  const keys: string[][] = [[change.service]];
  if (change.service === 'staging') keys.push(['snapshot']);
  if (change.service === 'plugin') keys.push(['staging', 'dsources'], ['snapshot', 'readiness']);
  if (change.service === 'snapshot') keys.push(['staging', 'dsources']);
  return keys;
}
