import { Problem, networkProblem } from './problem';

/** Who is signed in: the credential the calls carry, and the roles the suite grants it. */
export interface Session {
  credential: string;
  kind: 'token' | 'api-key';
  subject: string;
  roles: string[];
  /** when a token stops being accepted (ms since the epoch); API keys do not expire */
  expiresAt?: number;
}

const STORE = 'timeflow.console.session';
const NOBODY = '00000000-0000-0000-0000-000000000000';

/** The session of this browser tab, if one was signed in (kept for the tab only, never in a URL). */
export function storedSession(): Session | null {
  try {
    const raw = sessionStorage.getItem(STORE);
    if (!raw) return null;
    const s = JSON.parse(raw) as Session;
    if (s.expiresAt && s.expiresAt <= Date.now()) {
      sessionStorage.removeItem(STORE);
      return null;
    }
    return s;
  } catch {
    return null;
  }
}

export function storeSession(s: Session | null) {
  if (s) sessionStorage.setItem(STORE, JSON.stringify(s));
  else sessionStorage.removeItem(STORE);
}

/** The claims of a JWT's payload, without checking anything: the services verify the token, the console only reads it. */
export function jwtClaims(token: string): Record<string, unknown> | null {
  const parts = token.split('.');
  if (parts.length !== 3) return null;
  try {
    const b64 = parts[1].replace(/-/g, '+').replace(/_/g, '/');
    const json = decodeURIComponent(
      atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4))
        .split('')
        .map((c) => '%' + c.charCodeAt(0).toString(16).padStart(2, '0'))
        .join(''),
    );
    const claims = JSON.parse(json);
    return claims && typeof claims === 'object' ? claims : null;
  } catch {
    return null;
  }
}

async function status(credential: string, method: string, path: string): Promise<Response> {
  try {
    return await fetch(path, {
      method,
      headers: { Authorization: `Bearer ${credential}`, Accept: 'application/json, application/problem+json' },
    });
  } catch (e) {
    throw networkProblem(e);
  }
}

/** A call the services refuse on role alone answers 403; any other answer means the role may make it. */
async function allowed(credential: string, method: string, path: string): Promise<boolean> {
  const r = await status(credential, method, path);
  return r.status !== 403 && r.status !== 401;
}

/**
 * Signs in with a token (`./timeflow token`, or one from the identity provider) or an API key (`tfk_...`).
 * The suite decides: the credential must read staging-service (every role but agent may). A token's roles
 * are its `groups` claim; an API key holds one role, which the console learns by asking the services
 * calls that only that role may make, with ids that do not exist (the role check comes first, so nothing
 * is changed and an allowed call answers 404).
 */
export async function signIn(input: string): Promise<Session> {
  const credential = input.trim().replace(/^Bearer\s+/i, '');
  if (!credential) {
    throw new Problem(400, 'Nothing to sign in with', 'Paste a token or an API key.', 'VALIDATION_FAILED', [
      { field: 'credential', message: 'is required' },
    ]);
  }
  const probe = await status(credential, 'GET', '/api/v1/environments?limit=1');
  if (probe.status === 403) {
    throw new Problem(403, 'This credential cannot read the suite',
      'Its role may not read (agent keys are for staging hosts); sign in with a viewer, operator or administrator credential.',
      'FORBIDDEN');
  }
  if (!probe.ok) {
    let body: unknown = null;
    try {
      body = await probe.json();
    } catch {
      body = null;
    }
    throw Problem.of(probe.status, body, probe.statusText);
  }
  const claims = credential.startsWith('tfk_') ? null : jwtClaims(credential);
  if (claims && Array.isArray(claims.groups)) {
    return {
      credential,
      kind: 'token',
      subject: String(claims.upn ?? claims.sub ?? 'token'),
      roles: (claims.groups as unknown[]).map(String),
      expiresAt: typeof claims.exp === 'number' ? claims.exp * 1000 : undefined,
    };
  }
  const roles = await discoverRole(credential);
  return {
    credential,
    kind: credential.startsWith('tfk_') ? 'api-key' : 'token',
    subject: credential.startsWith('tfk_') ? `API key ${credential.split('_')[1]?.slice(0, 8) ?? ''}` : String(claims?.sub ?? 'token'),
    roles,
    expiresAt: typeof claims?.exp === 'number' ? (claims.exp as number) * 1000 : undefined,
  };
}

async function discoverRole(credential: string): Promise<string[]> {
  if (await allowed(credential, 'GET', '/api/v1/api-keys?limit=1')) return ['admin'];
  const roles: string[] = [];
  if (await allowed(credential, 'GET', `/api/v1/backups/${NOBODY}/archive`)) roles.push('backup-admin');
  if (await allowed(credential, 'DELETE', `/api/v1/plugins/${NOBODY}/objects/${NOBODY}`)) roles.push('plugin-admin');
  if (await allowed(credential, 'POST', `/api/v1/faults/${NOBODY}/resolve`)) roles.push('operator');
  return roles.length ? roles : ['viewer'];
}
