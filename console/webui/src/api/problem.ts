/** A field a service named in a refusal, e.g. `backupSet.firstLsn`. */
export interface FieldError {
  field: string;
  message: string;
}

/**
 * An RFC 9457 problem document as every Timeflow service (and the console service) answers a refusal:
 * a stable code, a title, a detail for people and, for invalid requests, the fields at fault.
 */
export class Problem extends Error {
  readonly status: number;
  readonly title: string;
  readonly detail: string;
  readonly code: string;
  readonly errors: FieldError[];
  readonly context: Record<string, unknown>;

  constructor(status: number, title: string, detail: string, code: string, errors: FieldError[] = [], context = {}) {
    super(detail ? `${title}: ${detail}` : title);
    this.name = 'Problem';
    this.status = status;
    this.title = title;
    this.detail = detail;
    this.code = code;
    this.errors = errors;
    this.context = context;
  }

  /** The problem of an answer that was not a success (a problem document, or whatever else came back). */
  static of(status: number, body: unknown, statusText = ''): Problem {
    if (body && typeof body === 'object') {
      const b = body as Record<string, unknown>;
      const errors = Array.isArray(b.errors)
        ? (b.errors as unknown[])
            .filter((e): e is Record<string, unknown> => !!e && typeof e === 'object')
            .map((e) => ({ field: String(e.field ?? ''), message: String(e.message ?? '') }))
        : [];
      return new Problem(
        typeof b.status === 'number' ? b.status : status,
        typeof b.title === 'string' ? b.title : statusText || `HTTP ${status}`,
        typeof b.detail === 'string' ? b.detail : '',
        typeof b.code === 'string' ? b.code : `HTTP_${status}`,
        errors,
        b.context && typeof b.context === 'object' ? (b.context as Record<string, unknown>) : {},
      );
    }
    return new Problem(status, statusText || `HTTP ${status}`, typeof body === 'string' ? body.slice(0, 300) : '', `HTTP_${status}`);
  }

  /** The message a service gave for one field (exact path, or the path's last part), if any. */
  fieldError(field: string): string | undefined {
    const hit = this.errors.find((e) => e.field === field || e.field.endsWith(`.${field}`));
    return hit?.message;
  }
}

/** A problem for a failure that never reached a service (the network, the console service being down). */
export function networkProblem(e: unknown): Problem {
  const message = e instanceof Error ? e.message : String(e);
  return new Problem(0, 'The console cannot reach the suite', message, 'NETWORK');
}
