import { describe, expect, it } from 'vitest';
import { Problem } from './problem';

describe('a refusal as the console shows it', () => {
  it('keeps the title, detail, code and the named fields of a problem document', () => {
    const p = Problem.of(400, {
      type: 'urn:timeflow:problem:validation-failed', title: 'Request is not valid', status: 400,
      detail: 'name must not be blank; backupSet.firstLsn must be a number', code: 'VALIDATION_FAILED',
      errors: [{ field: 'name', message: 'must not be blank' }, { field: 'backupSet.firstLsn', message: 'must be a number' }],
    });
    expect([p.status, p.title, p.code]).toEqual([400, 'Request is not valid', 'VALIDATION_FAILED']);
    expect(p.detail).toContain('name must not be blank');
    expect(p.fieldError('name')).toBe('must not be blank');
    expect(p.fieldError('backupSet.firstLsn')).toBe('must be a number');
    expect(p.fieldError('firstLsn')).toBe('must be a number');
    expect(p.fieldError('environmentId')).toBeUndefined();
  });

  it('an answer that is not a problem document still says what happened', () => {
    const p = Problem.of(502, null, 'Bad Gateway');
    expect([p.status, p.title, p.code]).toEqual([502, 'Bad Gateway', 'HTTP_502']);
  });
});
