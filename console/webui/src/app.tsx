import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { notifications } from '@mantine/notifications';
import { useCredential } from './api/client';
import { openLive, staleKeys, type Change, type LiveState } from './api/live';
import { signIn as signInWith, storeSession, storedSession, type Session } from './api/session';
import { may } from './lib/roles';

interface SessionContext {
  session: Session | null;
  signIn(credential: string): Promise<void>;
  signOut(reason?: string): void;
  /** whether the signed-in roles may call "METHOD /api/v1/path" (as docs/security.md writes it) */
  may(operation: string): boolean;
  ended: string | null;
}

const SessionCtx = createContext<SessionContext | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session | null>(() => storedSession());
  const [ended, setEnded] = useState<string | null>(null);
  const queryClient = useQueryClient();

  const signOut = useCallback(
    (reason?: string) => {
      storeSession(null);
      useCredential(null);
      setSession(null);
      setEnded(reason ?? null);
      queryClient.clear();
    },
    [queryClient],
  );

  useCredential(session?.credential ?? null, () =>
    signOut('The suite no longer accepts your credential (expired or revoked): sign in again.'),
  );

  useEffect(() => {
    if (!session?.expiresAt) return;
    const t = setTimeout(() => signOut('Your token expired: sign in again.'), Math.max(0, session.expiresAt - Date.now()));
    return () => clearTimeout(t);
  }, [session, signOut]);

  const signIn = useCallback(async (credential: string) => {
    const s = await signInWith(credential);
    storeSession(s);
    useCredential(s.credential);
    setEnded(null);
    setSession(s);
  }, []);

  const value = useMemo<SessionContext>(
    () => ({ session, signIn, signOut, may: (op) => !!session && may(session.roles, op), ended }),
    [session, signIn, signOut, ended],
  );
  return <SessionCtx.Provider value={value}>{children}</SessionCtx.Provider>;
}

export function useSession(): SessionContext {
  const ctx = useContext(SessionCtx);
  if (!ctx) throw new Error('useSession outside SessionProvider');
  return ctx;
}

/** Whether the signed-in user may call an operation ("POST /api/v1/snapsync"). */
export function useMay(): (operation: string) => boolean {
  return useSession().may;
}

interface LiveContext {
  state: LiveState;
  readingTopics: boolean;
  /** changes heard since sign-in (newest first, at most 50), for the activity list */
  recent: Change[];
}

const LiveCtx = createContext<LiveContext>({ state: 'off', readingTopics: false, recent: [] });

/**
 * The change stream of this browser: each change heard makes the queries it concerns stale, and the
 * ones on screen are read again (batched over 200 ms). A query of another service that reads the
 * changed service's topic is read again once more a little later, when that service has applied it.
 */
export function LiveProvider({ children }: { children: ReactNode }) {
  const { session, signOut } = useSession();
  const queryClient = useQueryClient();
  const [state, setState] = useState<LiveState>('off');
  const [readingTopics, setReading] = useState(false);
  const [recent, setRecent] = useState<Change[]>([]);
  const pending = useRef<string[][]>([]);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(() => {
    if (!session) return;
    const flush = (keys: string[][]) => {
      for (const key of keys) {
        void queryClient.invalidateQueries({ queryKey: key });
      }
    };
    const close = openLive(session.credential, {
      onChange(change) {
        setRecent((r) => [change, ...r].slice(0, 50));
        const keys = staleKeys(change);
        pending.current.push(...keys);
        if (!timer.current) {
          timer.current = setTimeout(() => {
            const batch = pending.current;
            pending.current = [];
            timer.current = null;
            flush(batch);
            // the services that read the changed service's topic apply the event a moment later
            setTimeout(() => flush(batch), 1500);
          }, 200);
        }
      },
      onOpen() {
        void queryClient.invalidateQueries();
      },
      onState(s, reading) {
        setState(s);
        setReading(reading);
      },
      onSignedOut() {
        signOut('The suite no longer accepts your credential (expired or revoked): sign in again.');
      },
    });
    return () => {
      close();
      if (timer.current) clearTimeout(timer.current);
      timer.current = null;
    };
  }, [session, queryClient, signOut]);

  useEffect(() => {
    if (state !== 'polling') return;
    notifications.show({ color: 'yellow', message: 'Live updates are busy: the console reads the suite every 15 s.' });
    const t = setInterval(() => void queryClient.invalidateQueries(), 15_000);
    return () => clearInterval(t);
  }, [state, queryClient]);

  return <LiveCtx.Provider value={{ state, readingTopics, recent }}>{children}</LiveCtx.Provider>;
}

export function useLive(): LiveContext {
  return useContext(LiveCtx);
}
