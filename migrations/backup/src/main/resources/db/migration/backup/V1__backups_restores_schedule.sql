-- backup-service's own bookkeeping: the catalogue of archives, restore jobs, the schedule and the
-- lock that keeps backups and restores from running at the same time. This schema describes the
-- archives; it is not itself restored (see docs/adr/0041-what-a-restore-replaces.md).

create table backup (
    id                   uuid         primary key,
    trigger              text         not null check (trigger in ('MANUAL', 'SCHEDULED', 'SAFETY', 'UPLOADED')),
    state                text         not null check (state in ('PENDING', 'RUNNING', 'SUCCEEDED', 'FAILED', 'SKIPPED', 'CANCELLED')),
    requested_by         text         not null,
    created_at           timestamptz  not null,
    started_at           timestamptz,
    finished_at          timestamptz,
    snapshot_at          timestamptz,
    storage              text,
    storage_key          text,
    size_bytes           bigint,
    app_version          text,
    format_version       integer,
    key_fingerprint      text,
    data_key_fingerprint text,
    total_rows           bigint,
    schemas              jsonb,
    steps                jsonb        not null default '[]',
    warnings             jsonb        not null default '[]',
    error_code           text,
    error_message        text,
    scheduled_fire_time  timestamptz,
    scheduler_instance   text,
    last_verified_at     timestamptz,
    version              bigint       not null default 0
);
create index backup_created_at on backup (created_at desc);
create index backup_trigger_state on backup (trigger, state, created_at desc);

create table restore (
    id                uuid         primary key,
    backup_id         uuid         not null,
    state             text         not null check (state in ('PENDING', 'RUNNING', 'SUCCEEDED', 'FAILED', 'SKIPPED', 'CANCELLED')),
    requested_by      text         not null,
    created_at        timestamptz  not null,
    started_at        timestamptz,
    finished_at       timestamptz,
    safety_backup_id  uuid,
    backup_version    text,
    running_version   text,
    upgraded          boolean,
    schemas           jsonb,
    swapped_at        timestamptz,
    steps             jsonb        not null default '[]',
    warnings          jsonb        not null default '[]',
    error_code        text,
    error_message     text,
    version           bigint       not null default 0
);
create index restore_created_at on restore (created_at desc);

-- One backup or restore at a time, across replicas: the holder renews its heartbeat; a holder that
-- stops renewing (its process died) is taken over and its job recovered.
create table operation_lock (
    id            smallint     primary key default 1 check (id = 1),
    kind          text         not null check (kind in ('BACKUP', 'RESTORE')),
    job_id        uuid         not null,
    holder        text         not null,
    acquired_at   timestamptz  not null,
    heartbeat_at  timestamptz  not null
);

create table backup_schedule (
    id          smallint     primary key default 1 check (id = 1),
    enabled     boolean      not null,
    cron        text         not null,
    time_zone   text         not null,
    keep        integer      not null check (keep >= 1),
    updated_at  timestamptz  not null,
    updated_by  text         not null,
    version     bigint       not null default 0
);
