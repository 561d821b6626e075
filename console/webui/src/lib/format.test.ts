import { describe, expect, it } from 'vitest';
import { formatInstant, inZone, isOver } from './format';

describe('times as people read them', () => {
  it('shows an instant in the staging host\'s time zone', () => {
    expect(inZone('2026-11-23T08:00:00Z', 'Europe/Paris')).toBe('2026-11-23 09:00:00 Europe/Paris');
    expect(formatInstant('2026-07-01T08:00:00Z', 'America/New_York')).toBe('2026-07-01 04:00:00');
  });

  it('a job is over once it is no longer pending or running', () => {
    expect(isOver('RUNNING')).toBe(false);
    expect(isOver('PENDING')).toBe(false);
    expect(isOver('SKIPPED')).toBe(true);
  });
});
