import { describe, expect, it } from 'vitest';
import { effectiveRoles, may } from './roles';
import { LEAST_ROLE } from '../generated/roles';

describe('what a role may do, by the table of docs/security.md', () => {
  it('admin implies every role', () => {
    expect([...effectiveRoles(['admin'])].sort()).toEqual(
      ['admin', 'agent', 'backup-admin', 'operator', 'plugin-admin', 'viewer'],
    );
  });

  it('operator, plugin-admin and backup-admin imply viewer; agent implies nothing', () => {
    expect(effectiveRoles(['operator']).has('viewer')).toBe(true);
    expect(effectiveRoles(['plugin-admin']).has('viewer')).toBe(true);
    expect(effectiveRoles(['backup-admin']).has('viewer')).toBe(true);
    expect([...effectiveRoles(['agent'])]).toEqual(['agent']);
  });

  it('a viewer may read dSources but not enable or link one', () => {
    expect(may(['viewer'], 'GET /api/v1/dsources')).toBe(true);
    expect(may(['viewer'], 'POST /api/v1/dsources/{id}/enable')).toBe(false);
    expect(may(['viewer'], 'POST /api/v1/dsources')).toBe(false);
  });

  it('an operator may take a SnapSync; only a backup-admin or admin may restore the suite', () => {
    expect(may(['operator'], 'POST /api/v1/snapsync')).toBe(true);
    expect(may(['operator'], 'POST /api/v1/restores')).toBe(false);
    expect(may(['backup-admin'], 'POST /api/v1/restores')).toBe(true);
    expect(may(['admin'], 'POST /api/v1/restores')).toBe(true);
  });

  it('the generated table holds every service section of docs/security.md', () => {
    expect(LEAST_ROLE['POST /api/v1/dsources']).toBe('admin');
    expect(LEAST_ROLE['POST /api/v1/snapsync']).toBeDefined();
    expect(LEAST_ROLE['POST /api/v1/plugins/{pluginId}/upgrades']).toBeDefined();
    expect(LEAST_ROLE['POST /api/v1/backups']).toBeDefined();
  });

  it('an operation the table does not list is never offered', () => {
    expect(may(['admin'], 'POST /api/v1/no-such-thing')).toBe(false);
  });
});
