-- The key ring of this service beside its installation key (ADR 0090): keys added by a rotation or
-- by a restore of another installation's backup. Each key is kept wrapped (AES-256-GCM) by the
-- installation key (timeflow.encryption.key) named in wrapped_by; material is null for the row of a
-- configured key (its state alone) and once a key is retired (erased). backup-service writes the
-- rows of every service's schema (a rotation, a restore); the service's own re-seal pass moves
-- values off RETIRING keys and retires them once nothing of this schema is sealed with them.
create table data_key (
    key_id       text         primary key,
    state        text         not null check (state in ('ACTIVE', 'RETAINED', 'RETIRING', 'DIGEST_ONLY', 'RETIRED')),
    material     text,
    wrapped_by   text,
    origin       text         not null,
    added_at     timestamptz  not null default now(),
    resealed_at  timestamptz,
    retired_at   timestamptz,
    sealed_values bigint,
    digests      bigint,
    checked_at   timestamptz
);
create unique index data_key_one_active on data_key ((true)) where state = 'ACTIVE';

-- The key an API key's digest was made with (null: made before key ids, by the installation key of the time)
alter table api_key add column digest_key_id text;
