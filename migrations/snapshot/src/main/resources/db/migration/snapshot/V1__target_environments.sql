-- snapshot-service's own view of the staging environments, fed only by timeflow.staging.v1.
create table target_environment (
    id              uuid         primary key,
    name            text         not null,
    host            text         not null,
    os_type         text         not null,
    time_zone       text         not null,
    connector_path  text         not null,
    registered_at   timestamptz  not null,
    last_event_id   text         not null,
    updated_at      timestamptz  not null
);
