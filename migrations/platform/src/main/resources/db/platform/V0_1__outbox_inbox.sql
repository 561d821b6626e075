-- Shared by every service: runs in the service's own schema (its role's search_path) before the
-- service's own migrations (V1 and up).

-- Transactional outbox: a row is written in the same transaction as the change it announces.
create table outbox (
    seq               bigserial    primary key,
    event_id          uuid         not null unique,
    topic             text         not null,
    event_type        text         not null,
    aggregate_type    text         not null,
    aggregate_id      text         not null,
    bucket            smallint     not null,
    payload           jsonb        not null,
    trace_parent      text,
    actor             text,
    actor_role        text,
    actor_credential  text,
    created_at        timestamptz  not null default now(),
    published_at      timestamptz
);
create index outbox_unpublished on outbox (bucket, seq) where published_at is null;
create index outbox_published_at on outbox (published_at) where published_at is not null;

-- Relay replicas lock buckets with FOR UPDATE SKIP LOCKED; events of one aggregate always fall in
-- the same bucket, so one replica at a time relays them, in order.
create table outbox_bucket (
    id smallint primary key
);
insert into outbox_bucket (id) select generate_series(0, 15);

-- Idempotent inbox: the id of an applied event is recorded in the same transaction as its effect.
create table inbox (
    consumer      text         not null,
    event_id      text         not null,
    event_type    text         not null,
    processed_at  timestamptz  not null default now(),
    primary key (consumer, event_id)
);
create index inbox_processed_at on inbox (processed_at);
