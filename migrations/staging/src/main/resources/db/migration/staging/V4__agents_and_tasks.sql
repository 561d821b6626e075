-- A dSource's ingestion type (ONLINE-mode dSources convert between the two), the SnapSync policy
-- chosen at link, and the names of its database files (kept across a relink under a new database name).
alter table dsource add column ingestion_type text not null default 'STAGING_PUSH'
    check (ingestion_type in ('STAGING_PUSH', 'LINKED'));
alter table dsource add column sync_policy_id uuid;
alter table dsource add column database_file_names text[] not null default '{}';

-- The staging hosts' agents: each serves one environment and is alive while it keeps asking for work.
create table agent (
    name            text         primary key,
    environment_id  uuid         not null references environment (id) on delete cascade,
    version         text,
    shells          text         not null default '',
    registered_at   timestamptz  not null,
    last_seen_at    timestamptz  not null
);
create index agent_environment on agent (environment_id);

-- Work for an agent: attach (or create) a dSource's staging database on its mount. Claimed under a
-- lease; a lease that expires fails the task.
create table agent_task (
    id                uuid         primary key,
    dsource_id        uuid         not null references dsource (id) on delete cascade,
    environment_id    uuid         not null,
    kind              text         not null check (kind in ('LINK', 'ENABLE', 'ATTACH')),
    state             text         not null check (state in ('PENDING', 'CLAIMED', 'SUCCEEDED', 'FAILED', 'EXPIRED')),
    database_name     text         not null,
    mount_base        text         not null,
    database_state_mode text       not null,
    file_names        text[]       not null default '{}',
    agent_name        text,
    lease_expires_at  timestamptz,
    outcome_reason    text,
    files             text[],
    files_outside     text[],
    created_at        timestamptz  not null,
    finished_at       timestamptz
);
create index agent_task_waiting on agent_task (environment_id, created_at) where state = 'PENDING';
create index agent_task_claimed on agent_task (lease_expires_at) where state = 'CLAIMED';

-- SnapSync policies snapshot-service announced (sync-policy.created / .deleted): a dSource can be
-- linked with one of them as its default.
create table sync_policy_ref (
    policy_id   uuid         primary key,
    name        text         not null,
    created_at  timestamptz  not null
);
