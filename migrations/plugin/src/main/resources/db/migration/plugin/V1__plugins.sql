-- Plugins, their installed versions, the objects they define, and upgrades with their per-object reports.

create table plugin (
    id                  text         primary key,
    name                text         not null,
    state               text         not null check (state in ('ACTIVE', 'UPGRADING')),
    current_version_id  uuid         not null,
    upgrade_id          uuid,
    created_at          timestamptz  not null,
    updated_at          timestamptz  not null,
    version             bigint       not null default 0,
    check ((state = 'UPGRADING') = (upgrade_id is not null))
);

-- Every version ever installed: the current one is plugin.current_version_id.
create table plugin_version (
    id                uuid         primary key,
    plugin_id         text         not null references plugin (id) deferrable initially deferred,
    external_version  text         not null,
    build_number      text         not null,
    language          text         not null,
    plugin_type       text         not null,
    host_types        jsonb        not null,
    entry_point       text         not null,
    src_dir           text         not null,
    schema_file       text         not null,
    schema_doc        jsonb        not null,
    migrations        jsonb        not null,
    operations        jsonb        not null,
    bundle            bytea        not null,
    installed_at      timestamptz  not null,
    installed_by      text,
    upgrade_id        uuid
);
create index plugin_version_plugin on plugin_version (plugin_id, installed_at);
alter table plugin add constraint plugin_current_version foreign key (current_version_id)
    references plugin_version (id) deferrable initially deferred;

-- Plugin-defined objects. Values of sensitive fields are sealed (SecretCipher) inside data.
create table plugin_object (
    id               uuid         primary key,
    plugin_id        text         not null references plugin (id),
    type             text         not null check (type in ('REPOSITORY', 'SOURCE_CONFIG', 'LINKED_SOURCE',
                                                           'VIRTUAL_SOURCE', 'SNAPSHOT')),
    name             text,
    data             jsonb        not null,
    sentinel_fields  jsonb,
    created_at       timestamptz  not null,
    updated_at       timestamptz  not null,
    version          bigint       not null default 0
);
create index plugin_object_by_type on plugin_object (plugin_id, type, id);
create index plugin_object_with_sentinels on plugin_object (plugin_id, type, id) where sentinel_fields is not null;

-- Upgrades (and dry runs) of a plugin to a new version: a job with a state machine.
create table upgrade (
    id               uuid         primary key,
    plugin_id        text         not null references plugin (id),
    state            text         not null check (state in ('PENDING', 'RUNNING', 'SUCCEEDED', 'FAILED')),
    dry_run          boolean      not null,
    from_version_id  uuid         not null references plugin_version (id),
    from_version     text         not null,
    from_build       text         not null,
    to_version       text         not null,
    to_build         text         not null,
    to_version_id    uuid,
    bundle           bytea,
    migrations       jsonb        not null,
    objects_total    bigint       not null default 0,
    objects_done     bigint       not null default 0,
    objects_failed   bigint       not null default 0,
    error_code       text,
    error_message    text,
    output           text,
    requested_by     text,
    created_at       timestamptz  not null,
    started_at       timestamptz,
    finished_at      timestamptz,
    version          bigint       not null default 0
);
create index upgrade_by_plugin on upgrade (plugin_id, created_at);
-- at most one real upgrade of a plugin under way, whatever the number of replicas
create unique index upgrade_one_running_per_plugin on upgrade (plugin_id)
    where state in ('PENDING', 'RUNNING') and not dry_run;

-- What the upgrade made (or would make) of each object; applied to plugin_object in the commit.
create table upgrade_object (
    upgrade_id       uuid         not null references upgrade (id) on delete cascade,
    object_id        uuid         not null,
    type             text         not null,
    seq              bigint       not null,
    outcome          text         not null check (outcome in ('MIGRATED', 'UNCHANGED', 'FAILED', 'NOT_RUN')),
    name             text,
    result           jsonb,
    sensitive_fields jsonb,
    sentinel_fields  jsonb,
    migration_id     text,
    error_code       text,
    error_message    text,
    primary key (upgrade_id, object_id)
);
create index upgrade_object_order on upgrade_object (upgrade_id, seq);
