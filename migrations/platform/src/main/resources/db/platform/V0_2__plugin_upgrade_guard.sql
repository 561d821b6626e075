-- Upgrades of plugins under way, as timeflow.plugin.v1 announced them: administrative operations on
-- objects bound to a plugin listed here are refused until its upgrade ends.
create table plugin_upgrade_guard (
    plugin_id   text         primary key,
    upgrade_id  text         not null,
    from_version text,
    to_version  text,
    started_at  timestamptz  not null
);
