-- Who changed what (ADR 0061): one row per change, written by Outbox.publish in the transaction of
-- the change (and by ChangeHistory.record for changes no event announces). Kept: unlike the outbox,
-- this table is never pruned. Summaries never hold values a user sent.
create table change_history (
    id                bigserial    primary key,
    aggregate_type    text         not null,
    aggregate_id      text         not null,
    action            text         not null,
    summary           text         not null,
    event_id          uuid,
    event_type        text,
    actor             text         not null,
    actor_role        text         not null,
    actor_credential  text,
    occurred_at       timestamptz  not null default now()
);
create index change_history_aggregate on change_history (aggregate_type, aggregate_id, id);
