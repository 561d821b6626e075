-- Staging environments: hosts with SQL Server instances, where staging databases live.
create table environment (
    id              uuid         primary key,
    name            text         not null,
    host            text         not null,
    os_type         text         not null check (os_type in ('WINDOWS', 'LINUX')),
    time_zone       text         not null,
    connector_path  text         not null,
    created_at      timestamptz  not null,
    updated_at      timestamptz  not null,
    version         bigint       not null default 0
);
create unique index environment_name on environment (lower(name));
