import type { components as Staging } from '../generated/staging';
import type { components as Snap } from '../generated/snapshot';
import type { components as Plug } from '../generated/plugin';
import type { components as Back } from '../generated/backup';

export type Environment = Staging['schemas']['Environment'];
export type Repository = Staging['schemas']['Repository'];
export type DSource = Staging['schemas']['DSource'];
export type StagingRestore = Staging['schemas']['Restore'];
export type Fault = Staging['schemas']['Fault'];
export type StagingDatabase = Staging['schemas']['StagingDatabase'];
export type ApiKey = Staging['schemas']['ApiKey'];
export type BackupType = Staging['schemas']['BackupType'];
export type DatabaseState = Staging['schemas']['DatabaseState'];

export type Snapshot = Snap['schemas']['Snapshot'];
export type Timeflow = Snap['schemas']['Timeflow'];
export type SnapSyncJob = Snap['schemas']['SnapSyncJob'];
export type SnapSyncReadiness = Snap['schemas']['SnapSyncReadiness'];
export type Vdb = Snap['schemas']['Vdb'];
export type SyncPolicy = Snap['schemas']['SyncPolicy'];
export type TargetEnvironment = Snap['schemas']['TargetEnvironment'];

export type Plugin = Plug['schemas']['Plugin'];
export type PluginVersion = Plug['schemas']['PluginVersion'];
export type PluginObject = Plug['schemas']['PluginObject'];
export type Upgrade = Plug['schemas']['Upgrade'];
export type UpgradeObject = Plug['schemas']['UpgradeObject'];

export type Backup = Back['schemas']['Backup'];
export type SuiteRestore = Back['schemas']['Restore'];
export type BackupSchedule = Back['schemas']['BackupSchedule'];
