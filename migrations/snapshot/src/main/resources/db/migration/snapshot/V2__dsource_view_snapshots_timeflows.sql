-- snapshot-service's own view of staging-push dSources and their restores, fed only by
-- timeflow.staging.v1 (each event applied once, through the inbox, in order per dSource), and what
-- snapshot-service itself owns: timeflows, snapshots, SnapSync jobs, sync policies and VDBs.

create table dsource (
    id                     uuid         primary key,
    name                   text         not null,
    staging_database_name  text         not null,
    database_state_mode    text         not null check (database_state_mode in ('RESTORING', 'ONLINE')),
    environment_id         text         not null,
    repository_id          text,
    plugin_id              text,
    mount_base             text         not null,
    time_zone              text         not null,
    linked                 boolean      not null,
    enabled                boolean      not null,
    database_state         text,
    state_supported        boolean      not null,
    data_mounted           boolean      not null,
    files_under_mount_dir  boolean      not null,
    restore_in_progress_id text,
    first_snapshot_pending boolean      not null default false,
    linked_at              timestamptz  not null,
    deleted_at             timestamptz,
    last_event_id          text         not null,
    updated_at             timestamptz  not null
);

-- Faults staging-service reports as active on a dSource (CANNOT_MONITOR and the like).
create table dsource_fault (
    dsource_id  uuid         not null,
    fault_id    text         not null,
    code        text         not null,
    severity    text         not null,
    message     text,
    raised_at   timestamptz  not null,
    primary key (dsource_id, fault_id)
);

-- Restores as staging-service reported them; completion_seq orders completions per dSource in the
-- order the events were applied, so "the last restored backup" is the completed row with the highest one.
create sequence restore_completion_seq;
create table restore (
    id                    text          primary key,
    dsource_id            uuid          not null,
    status                text          not null check (status in ('IN_PROGRESS', 'COMPLETED', 'FAILED')),
    backup_type           text          not null,
    backup_file_location  text,
    first_lsn             numeric(25,0),
    last_lsn              numeric(25,0),
    checkpoint_lsn        numeric(25,0),
    database_backup_lsn   numeric(25,0),
    recovery_fork_guid    text,
    backup_started_at     timestamptz,
    backup_finished_at    timestamptz,
    source_read_only      boolean       not null default false,
    started_at            timestamptz,
    finished_at           timestamptz,
    failure_reason        text,
    completion_seq        bigint,
    recorded_at           timestamptz   not null
);
create index restore_last_completed on restore (dsource_id, completion_seq desc) where status = 'COMPLETED';

create table timeflow (
    id                  uuid         primary key,
    dsource_id          uuid         not null,
    ordinal             integer      not null,
    recovery_fork_guid  text,
    reason              text         not null check (reason in ('LINKED', 'RECOVERY_FORK_CHANGED')),
    previous_timeflow_id uuid,
    is_current          boolean      not null,
    created_at          timestamptz  not null,
    unique (dsource_id, ordinal)
);
create unique index timeflow_one_current on timeflow (dsource_id) where is_current;

create table snapshot (
    id                    uuid          primary key,
    dsource_id            uuid          not null,
    timeflow_id           uuid          not null references timeflow (id),
    snapsync_job_id       uuid          not null,
    restore_id            text,
    backup_key            text,
    backup_type           text,
    backup_file_location  text,
    first_lsn             numeric(25,0),
    last_lsn              numeric(25,0),
    checkpoint_lsn        numeric(25,0),
    database_backup_lsn   numeric(25,0),
    recovery_fork_guid    text,
    backup_started_at     timestamptz,
    backup_finished_at    timestamptz,
    source_read_only      boolean       not null,
    empty_database        boolean       not null,
    database_state_mode   text          not null,
    taken_at              timestamptz   not null,
    time_zone             text          not null
);
create index snapshot_by_dsource on snapshot (dsource_id, taken_at desc);
-- the database's own guard of "one snapshot per backup in a timeflow" (SNAPSHOT_EXISTS_FOR_BACKUP)
create unique index snapshot_one_per_backup_in_timeflow on snapshot (timeflow_id, backup_key) where backup_key is not null;

create table sync_policy (
    id            uuid         primary key,
    name          text         not null,
    cron          text         not null,
    time_zone     text         not null,
    keep_last     integer      check (keep_last is null or keep_last >= 1),
    keep_days     integer      check (keep_days is null or keep_days >= 1),
    created_at    timestamptz  not null,
    updated_at    timestamptz  not null,
    version       integer      not null
);
create unique index sync_policy_name on sync_policy (lower(name));

-- A dSource follows at most one sync policy.
create table sync_policy_assignment (
    dsource_id   uuid         primary key,
    policy_id    uuid         not null references sync_policy (id),
    assigned_at  timestamptz  not null
);
create index sync_policy_assignment_by_policy on sync_policy_assignment (policy_id);

-- One row per scheduled run of a policy, whichever replica's scheduler fired it: a second firing of
-- the same scheduled time (which clustered Quartz should never do) finds the row and does nothing.
create table sync_policy_run (
    policy_id      uuid         not null references sync_policy (id) on delete cascade,
    scheduled_for  timestamptz  not null,
    fired_by       text         not null,
    fired_at       timestamptz  not null,
    primary key (policy_id, scheduled_for)
);

create table snapsync_job (
    id                   uuid         primary key,
    dsource_id           uuid         not null,
    trigger              text         not null check (trigger in ('LINK', 'REQUEST', 'POLICY')),
    policy_id            uuid,
    scheduled_for        timestamptz,
    requested_restore_id text,
    state                text         not null check (state in ('PENDING', 'RUNNING', 'SUCCEEDED', 'FAILED', 'SKIPPED', 'CANCELLED')),
    result_code          text,
    result_detail        text,
    snapshot_id          uuid,
    existing_snapshot_id uuid,
    warnings             text         not null default '[]',
    steps                text         not null default '[]',
    requested_by         text         not null,
    requested_role       text         not null,
    created_at           timestamptz  not null,
    started_at           timestamptz,
    finished_at          timestamptz
);
create index snapsync_job_by_dsource on snapsync_job (dsource_id, created_at desc);
create index snapsync_job_pending on snapsync_job (created_at) where state = 'PENDING';
-- at most one SnapSync under way per dSource, whatever started it and whichever replica runs it
create unique index snapsync_job_one_active on snapsync_job (dsource_id) where state in ('PENDING', 'RUNNING');
-- at most one job per dSource and scheduled run of a policy
create unique index snapsync_job_one_per_scheduled_run on snapsync_job (dsource_id, policy_id, scheduled_for)
    where policy_id is not null;

create table vdb (
    id                     uuid         primary key,
    name                   text         not null,
    snapshot_id            uuid         not null references snapshot (id),
    dsource_id             uuid         not null,
    timeflow_id            uuid         not null,
    target_environment_id  uuid         not null,
    warnings               text         not null default '[]',
    provisioned_at         timestamptz  not null,
    provisioned_by         text         not null
);
create unique index vdb_name on vdb (lower(name));
create index vdb_by_snapshot on vdb (snapshot_id);
