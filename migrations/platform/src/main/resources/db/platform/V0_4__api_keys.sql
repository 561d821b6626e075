-- API keys this service accepts (ADR 0060). staging-service issues them and writes this table in the
-- transaction that creates or revokes a key; every service (staging-service too) also applies the
-- api-key events of timeflow.staging.v1 to it. Only an HMAC of the key's secret is kept.
create table api_key (
    key_id        uuid         primary key,
    name          text         not null,
    role          text         not null,
    digest        text         not null,
    created_by    text         not null,
    created_at    timestamptz  not null,
    revoked_at    timestamptz,
    last_used_at  timestamptz
);
