import { describe, expect, it } from 'vitest';
import { staleKeys } from './live';

describe('what a change on the topics makes the console read again', () => {
  it('a staging change: staging-service and snapshot-service, which reads its topic', () => {
    expect(staleKeys({ service: 'staging', type: 'io.timeflow.staging.restore.completed.v1', subject: 'd', time: '' }))
      .toEqual([['staging'], ['snapshot']]);
  });

  it('a plugin upgrade: plugins, the dSources it locks and SnapSync readiness', () => {
    expect(staleKeys({ service: 'plugin', type: 'io.timeflow.plugin.upgrade.started.v1', subject: 'p', time: '' }))
      .toEqual([['plugin'], ['staging', 'dsources'], ['snapshot', 'readiness']]);
  });

  it('a restore of the suite: everything', () => {
    expect(staleKeys({ service: 'backup', type: 'io.timeflow.backup.restore.completed.v1', subject: 'r', time: '' }))
      .toEqual([[]]);
  });

  it('a backup taken: backups only', () => {
    expect(staleKeys({ service: 'backup', type: 'io.timeflow.backup.backup.created.v1', subject: 'b', time: '' }))
      .toEqual([['backup']]);
  });
});
