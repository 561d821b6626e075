import createClient, { type Middleware } from 'openapi-fetch';
import type { paths as StagingPaths } from '../generated/staging';
import type { paths as SnapshotPaths } from '../generated/snapshot';
import type { paths as PluginPaths } from '../generated/plugin';
import type { paths as BackupPaths } from '../generated/backup';
import { Problem, networkProblem } from './problem';

/**
 * The four APIs, called through the console service's origin (it routes each path prefix to its
 * service), typed by the clients generated from the services' committed OpenAPI documents.
 */
let credential: string | null = null;
let onUnauthorized: (() => void) | null = null;

/** The credential every call carries (set at sign-in, cleared at sign-out). */
export function useCredential(value: string | null, unauthorized?: () => void) {
  credential = value;
  onUnauthorized = unauthorized ?? null;
}

const auth: Middleware = {
  onRequest({ request }) {
    if (credential && !request.headers.has('Authorization')) {
      request.headers.set('Authorization', `Bearer ${credential}`);
    }
    if (!request.headers.has('Accept')) {
      request.headers.set('Accept', 'application/json, application/problem+json');
    }
    return request;
  },
  onResponse({ response }) {
    if (response.status === 401 && onUnauthorized && credential) {
      onUnauthorized();
    }
    return response;
  },
};

function client<P extends {}>() {
  const c = createClient<P>({ baseUrl: '' });
  c.use(auth);
  return c;
}

export const staging = client<StagingPaths>();
export const snapshot = client<SnapshotPaths>();
export const plugin = client<PluginPaths>();
export const backup = client<BackupPaths>();

interface Answer<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** The answer's body, or a {@link Problem} thrown for a refusal (or when the suite cannot be reached). */
export async function ok<T>(call: Promise<Answer<T>>): Promise<T> {
  let answer: Answer<T>;
  try {
    answer = await call;
  } catch (e) {
    throw networkProblem(e);
  }
  if (!answer.response.ok) {
    throw Problem.of(answer.response.status, answer.error, answer.response.statusText);
  }
  return answer.data as T;
}

/** Sends a file as it is (plugin bundles, backup archives). */
export const rawBody = { bodySerializer: (body: unknown) => body as BodyInit };
