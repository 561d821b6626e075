-- SQL Server instances (repositories) on staging environments.
create table sql_instance (
    id              uuid         primary key,
    environment_id  uuid         not null references environment (id) on delete cascade,
    name            text         not null,
    version         text,
    port            integer      check (port between 1 and 65535),
    created_at      timestamptz  not null
);
create unique index sql_instance_name on sql_instance (environment_id, lower(name));

-- This engine's identity: the <engine id> of every mount base. One row, written on first start
-- unless timeflow.engine-id is configured.
create table engine_identity (
    singleton   boolean      primary key default true check (singleton),
    engine_id   uuid         not null,
    created_at  timestamptz  not null default now()
);

-- The <container id> of mount bases: one number per dSource, never reused.
create sequence dsource_container_id;

create table dsource (
    id                        uuid          primary key,
    name                      text          not null,
    plugin_id                 text          not null,
    staging_database_name     text          not null,
    database_state_mode       text          not null check (database_state_mode in ('RESTORING', 'ONLINE')),
    attached_state_mode       text          not null check (attached_state_mode in ('RESTORING', 'ONLINE')),
    environment_id            uuid          not null references environment (id),
    repository_id             uuid          not null references sql_instance (id),
    target_group              text,
    notes                     text,
    hooks                     text,
    container_id              bigint        not null unique,
    mount_os                  text          not null check (mount_os in ('WINDOWS', 'LINUX')),
    mount_base                text          not null,
    enabled                   boolean       not null,
    attached                  boolean       not null,
    attach_status             text          not null check (attach_status in ('PENDING', 'ATTACHED', 'FAILED')),
    attach_failure            text,
    attach_reported_at        timestamptz,
    storage_state             text          not null check (storage_state in ('RUNNING', 'PAUSED_AT_CRITICAL_THRESHOLD')),
    storage_changed_at        timestamptz,
    chain_base_type           text          check (chain_base_type in ('FULL', 'BACPAC')),
    chain_base_checkpoint_lsn numeric(25,0),
    chain_last_type           text          check (chain_last_type in ('FULL', 'DIFFERENTIAL', 'LOG', 'BACPAC')),
    chain_position_lsn        numeric(25,0),
    chain_recovered           boolean       not null default false,
    log_restore_needs_rebase  boolean       not null default false,
    restore_count             bigint        not null default 0,
    last_restore_id           uuid,
    created_at                timestamptz   not null,
    updated_at                timestamptz   not null,
    version                   bigint        not null default 0
);
create unique index dsource_name on dsource (lower(name));
-- two attached dSources cannot share a staging database on one SQL Server instance
create unique index dsource_staging_database on dsource (repository_id, lower(staging_database_name)) where attached;
create index dsource_environment on dsource (environment_id);
create index dsource_plugin on dsource (plugin_id);

-- Restores reported into a staging database, newest first by number.
create table restore (
    id                    uuid           primary key,
    dsource_id            uuid           not null references dsource (id) on delete cascade,
    number                bigint         not null,
    status                text           not null check (status in ('IN_PROGRESS', 'COMPLETED', 'FAILED')),
    backup_type           text           not null check (backup_type in ('FULL', 'DIFFERENTIAL', 'LOG', 'BACPAC')),
    backup_file_location  text,
    first_lsn             numeric(25,0),
    last_lsn              numeric(25,0),
    checkpoint_lsn        numeric(25,0),
    database_backup_lsn   numeric(25,0),
    recovery_fork_guid    uuid,
    backup_started_at     timestamptz,
    backup_finished_at    timestamptz,
    source_read_only      boolean        not null,
    replace_database      boolean        not null,
    norecovery            boolean        not null,
    files                 text[],
    started_at            timestamptz    not null,
    finished_at           timestamptz,
    failure_reason        text,
    reported_by           text,
    unique (dsource_id, number)
);
-- only one restore in progress per dSource, whatever the application does
create unique index restore_one_in_progress on restore (dsource_id) where status = 'IN_PROGRESS';

create table restore_move (
    restore_id     uuid     not null references restore (id) on delete cascade,
    position       integer  not null,
    logical_name   text     not null,
    physical_name  text     not null,
    primary key (restore_id, position)
);

-- The staging database as the agent last observed it.
create table staging_database (
    dsource_id    uuid         primary key references dsource (id) on delete cascade,
    state         text         not null check (state in ('ONLINE', 'RESTORING', 'READ_ONLY', 'STANDBY', 'EMERGENCY', 'OFFLINE', 'MISSING')),
    data_mounted  boolean      not null,
    files         text[]       not null,
    observed_at   timestamptz  not null,
    reported_at   timestamptz  not null
);

-- Faults (DCT's model): severity, status, first and last seen.
create table fault (
    id           uuid         primary key,
    dsource_id   uuid         not null references dsource (id) on delete cascade,
    code         text         not null,
    severity     text         not null check (severity in ('WARNING', 'CRITICAL')),
    status       text         not null check (status in ('ACTIVE', 'RESOLVED', 'IGNORED')),
    open         boolean      not null,
    title        text         not null,
    message      text         not null,
    first_seen   timestamptz  not null,
    last_seen    timestamptz  not null,
    resolved_at  timestamptz,
    resolved_by  text,
    version      bigint       not null default 0
);
-- one open fault (active, or ignored while its condition lasts) per condition of a dSource
create unique index fault_one_open on fault (dsource_id, code) where open;
create index fault_status on fault (status, severity);
create index fault_dsource on fault (dsource_id, first_seen desc);
