import { LEAST_ROLE } from '../generated/roles';

/** The suite's roles (docs/security.md). */
export const ROLES = ['viewer', 'operator', 'agent', 'plugin-admin', 'backup-admin', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** What a granted role stands for: admin every role; operator, plugin-admin and backup-admin viewer too. */
export function effectiveRoles(granted: readonly string[]): Set<string> {
  const all = new Set<string>();
  for (const role of granted) {
    all.add(role);
    if (role === 'admin') ROLES.forEach((r) => all.add(r));
    if (role === 'operator' || role === 'plugin-admin' || role === 'backup-admin') all.add('viewer');
  }
  return all;
}

/**
 * Whether a user holding `granted` may call an operation, written as docs/security.md writes it:
 * `"POST /api/v1/dsources/{id}/enable"`. An operation the table does not list is not offered.
 */
export function may(granted: readonly string[], operation: string, table: Readonly<Record<string, string>> = LEAST_ROLE): boolean {
  const least = table[operation];
  if (!least) return false;
  return effectiveRoles(granted).has(least);
}
