-- Maintenance of the whole suite (a restore under way): while the row is present and its heartbeat
-- is fresh, the service refuses writes with 503 MAINTENANCE_IN_PROGRESS; reads go on. backup-service
-- writes it into every service's schema (its role is a member of the services' roles) and removes it
-- when the restore ends. At most one row.
create table maintenance (
    id            smallint     primary key default 1 check (id = 1),
    operation     text         not null,
    operation_id  text         not null,
    reason        text         not null,
    started_at    timestamptz  not null,
    heartbeat_at  timestamptz  not null
);
