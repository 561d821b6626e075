"""Version 3: the migrations of version 2 (released, so never deleted) and three new ones per type."""
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


def _version_three(old):
    new = dict(old)
    new["schemaVersion"] = 3
    return new


def _trim(old):
    new = dict(old)
    new["description"] = new.get("description", "").strip()
    return new


@plugin.upgrade.repository("2024.1.4")
def repository_version_three(old):
    return _version_three(old)


@plugin.upgrade.repository("2024.1.5")
def repository_trim(old):
    return _trim(old)


@plugin.upgrade.repository("2024.1.6")
def repository_tags_again(old):
    return _tidy_tags(old)


@plugin.upgrade.source_config("2024.2.4")
def source_config_version_three(old):
    return _version_three(old)


@plugin.upgrade.source_config("2024.2.5")
def source_config_trim(old):
    return _trim(old)


@plugin.upgrade.source_config("2024.2.6")
def source_config_tags_again(old):
    return _tidy_tags(old)


@plugin.upgrade.linked_source("2024.3.4")
def linked_source_version_three(old):
    return _version_three(old)


@plugin.upgrade.linked_source("2024.3.5")
def linked_source_trim(old):
    return _trim(old)


@plugin.upgrade.linked_source("2024.3.6")
def linked_source_tags_again(old):
    return _tidy_tags(old)


@plugin.upgrade.virtual_source("2024.4.4")
def virtual_source_version_three(old):
    return _version_three(old)


@plugin.upgrade.virtual_source("2024.4.5")
def virtual_source_trim(old):
    return _trim(old)


@plugin.upgrade.virtual_source("2024.4.6")
def virtual_source_tags_again(old):
    return _tidy_tags(old)


@plugin.upgrade.snapshot("2024.5.4")
def snapshot_version_three(old):
    return _version_three(old)


@plugin.upgrade.snapshot("2024.5.5")
def snapshot_trim(old):
    return _trim(old)


@plugin.upgrade.snapshot("2024.5.6")
def snapshot_tags_again(old):
    return _tidy_tags(old)
