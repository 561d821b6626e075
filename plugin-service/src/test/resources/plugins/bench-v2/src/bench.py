"""Three small, single-purpose migrations per object type, as the plugin upgrade rules recommend."""
from dlpx.virtualization.platform import Plugin

plugin = Plugin()


def _schema_version(old):
    new = dict(old)
    new["schemaVersion"] = 2
    return new


def _describe(old):
    new = dict(old)
    new["description"] = new.pop("notes", "")
    return new


def _tidy_tags(old):
    new = dict(old)
    new["tags"] = sorted(set(t.strip().lower() for t in new.get("tags", [])))
    return new


@plugin.upgrade.repository("2024.1.1")
def repository_version(old):
    return _schema_version(old)


@plugin.upgrade.repository("2024.1.2")
def repository_description(old):
    return _describe(old)


@plugin.upgrade.repository("2024.1.3")
def repository_installation(old):
    new = dict(old)
    new["installation"] = {"path": new.pop("installPath"), "version": new.pop("version", "unknown")}
    return new


@plugin.upgrade.source_config("2024.2.1")
def source_config_version(old):
    return _schema_version(old)


@plugin.upgrade.source_config("2024.2.2")
def source_config_description(old):
    return _describe(old)


@plugin.upgrade.source_config("2024.2.3")
def source_config_encoding(old):
    new = dict(old)
    new["encoding"] = new.get("encoding", "utf8").upper().replace("-", "")
    return new


@plugin.upgrade.linked_source("2024.3.1")
def linked_source_version(old):
    return _schema_version(old)


@plugin.upgrade.linked_source("2024.3.2")
def linked_source_description(old):
    return _describe(old)


@plugin.upgrade.linked_source("2024.3.3")
def linked_source_retention(old):
    new = dict(old)
    new["retention"] = max(1, new.get("retention", 7))
    return new


@plugin.upgrade.virtual_source("2024.4.1")
def virtual_source_version(old):
    return _schema_version(old)


@plugin.upgrade.virtual_source("2024.4.2")
def virtual_source_description(old):
    return _describe(old)


@plugin.upgrade.virtual_source("2024.4.3")
def virtual_source_tags(old):
    return _tidy_tags(old)


@plugin.upgrade.snapshot("2024.5.1")
def snapshot_version(old):
    return _schema_version(old)


@plugin.upgrade.snapshot("2024.5.2")
def snapshot_description(old):
    return _describe(old)


@plugin.upgrade.snapshot("2024.5.3")
def snapshot_tags(old):
    return _tidy_tags(old)
