#
# A test plugin written the way public Virtualization SDK plugins are written: its entry point sets
# logging up at import, imports helpers from sub-directories by their bare names (some of them in
# folders without __init__.py), builds generated classes at module level, and defines an operation
# of every decorator group the SDK has.
#
import configparser
import logging
import os
import sys
import typing
import urllib.parse
from abc import ABC, abstractmethod

sys.path.append(os.path.join(os.getcwd() if sys.path[0] == "" else sys.path[0], "libs"))

from dlpx.virtualization import libs
from dlpx.virtualization.platform import DirectSource, MigrationType, Plugin, Status, VirtualSource
from dlpx.virtualization.platform.exceptions import UserError
from generated.definitions import (RepositoryDefinition, SnapshotDefinition, SourceConfigDefinition,
                                   VirtualSourceDefinitionNodes)

import logging_setup  # noqa: F401 (the second import of the set-up, by its bare name)
from operations import linked
from store.catalog import DEFAULT_BUCKET, next_token
from utils import logging_setup as setup  # noqa: F401

logger = logging.getLogger(__name__)
PLUGIN_FILE = sys._getframe(0).f_code.co_filename
PLACEHOLDER_NODE = VirtualSourceDefinitionNodes(hostname="placeholder", port=0, enabled=False)
DEFAULT_REPOSITORY = RepositoryDefinition(name="default", install_path="/opt/cluster", os="linux")
SETTINGS = configparser.ConfigParser()
SETTINGS.read_string("[cluster]\nport = 8091\n")
QUOTED = urllib.parse.quote("a b")
Token = typing.NewType("Token", str)


logger.info("sdk-style plugin loaded from %s", os.path.basename(PLUGIN_FILE))


class Step(ABC):
    @abstractmethod
    def run(self):
        pass


plugin = Plugin()


@plugin.discovery.repository()
def repository_discovery(source_connection):
    return [DEFAULT_REPOSITORY]


@plugin.discovery.source_config()
def source_config_discovery(source_connection, repository):
    return [SourceConfigDefinition(name=repository.name)]


@plugin.linked.pre_snapshot()
def linked_pre_snapshot(staged_source, repository, source_config, optional_snapshot_parameters):
    libs.run_bash(staged_source.staged_connection, "sync")


@plugin.linked.post_snapshot()
def linked_post_snapshot(staged_source, repository, source_config, optional_snapshot_parameters):
    return SnapshotDefinition(snapshot_id=next_token(), size_mb=1)


@plugin.linked.start_staging()
def start_staging(staged_source, repository, source_config):
    pass


@plugin.linked.stop_staging()
def stop_staging(staged_source, repository, source_config):
    pass


@plugin.linked.status()
def linked_status(staged_source, repository, source_config):
    return linked.status(staged_source)


@plugin.linked.worker()
def worker(staged_source, repository, source_config):
    pass


@plugin.linked.mount_specification()
def linked_mount_specification(staged_source, repository):
    return linked.mount_specification(staged_source, repository)


@plugin.linked.source_size()
def linked_source_size(staged_source, repository, source_config):
    return 0


@plugin.virtual.configure()
def configure(virtual_source, snapshot, repository):
    return SourceConfigDefinition(name=DEFAULT_BUCKET)


@plugin.virtual.unconfigure()
def unconfigure(virtual_source, repository, source_config):
    pass


@plugin.virtual.reconfigure()
def reconfigure(virtual_source, repository, source_config, snapshot):
    return source_config


@plugin.virtual.cleanup()
def cleanup(virtual_source, repository, source_config):
    pass


@plugin.virtual.start()
def start(virtual_source, repository, source_config):
    pass


@plugin.virtual.stop()
def stop(virtual_source, repository, source_config):
    pass


@plugin.virtual.pre_snapshot()
def virtual_pre_snapshot(virtual_source, repository, source_config):
    pass


@plugin.virtual.post_snapshot()
def virtual_post_snapshot(virtual_source, repository, source_config):
    return SnapshotDefinition(snapshot_id=next_token())


@plugin.virtual.status()
def virtual_status(virtual_source, repository, source_config):
    return Status.ACTIVE


@plugin.virtual.initialize()
def initialize(virtual_source, repository):
    pass


@plugin.virtual.mount_specification()
def virtual_mount_specification(virtual_source, repository):
    return linked.mount_specification(virtual_source, repository)


@plugin.virtual.source_size()
def virtual_source_size(virtual_source, repository, source_config):
    return 0


@plugin.upgrade.repository("2023.01.05")
def tidy(old_repository):
    new_repository = dict(old_repository)
    new_repository["name"] = new_repository["name"].strip()
    return new_repository


@plugin.upgrade.virtual_source("2023.01.10")
def default_port(old_virtual_source):
    new_virtual_source = dict(old_virtual_source)
    new_virtual_source.setdefault("port", 5432)
    return new_virtual_source


# ---- new in 2.0.0: declared out of numeric order, as plugins do when they add them over time


@plugin.upgrade.linked_source("2024.02.01.2")
def rename_sync_lag(old_linked_source):
    logger.debug("renaming the sync lag of %s", old_linked_source)
    print("linked source before the rename:", old_linked_source)
    new_linked_source = dict(old_linked_source)
    new_linked_source["lagSeconds"] = new_linked_source.pop("syncLag")
    return new_linked_source


@plugin.upgrade.linked_source("2024.02.01.1")
def add_sync_lag(old_linked_source):
    new_linked_source = dict(old_linked_source)
    new_linked_source["syncLag"] = "NA"
    if isinstance(new_linked_source["bucketQuota"], int):
        quota = new_linked_source.pop("bucketQuota")
        new_linked_source["buckets"] = [] if quota == 0 else [{"name": DEFAULT_BUCKET, "quotaMb": quota}]
    return new_linked_source


@plugin.upgrade.linked_source("2024.02.01.10")
def lag_unknown(old_linked_source):
    new_linked_source = dict(old_linked_source)
    if new_linked_source["lagSeconds"] == "NA":
        new_linked_source["lagSeconds"] = None
    return new_linked_source


@plugin.upgrade.linked_source("2024.02.02")
def split_backup_location(old_linked_source):
    logger.debug(f"Started split_backup_location: {old_linked_source}")
    new_linked_source = dict(old_linked_source)
    location = new_linked_source.pop("backupLocation")
    new_linked_source["backupDir"] = os.path.dirname(location)
    new_linked_source["archiveName"] = os.path.basename(location)
    logger.debug(f"Completed split_backup_location: {new_linked_source}")
    return new_linked_source


@plugin.upgrade.linked_source("1.1", MigrationType.LUA)
def from_lua_toolkit(old_linked_source):
    raise RuntimeError("a Lua toolkit migration ran")


@plugin.upgrade.virtual_source("2024.04.01")
def credentials_from_password(old_virtual_source):
    new_virtual_source = dict(old_virtual_source)
    new_virtual_source["dbCredentials"] = libs.upgrade_password(new_virtual_source.pop("dbPassword"),
                                                                username="postgres")
    logger.info("virtual source is now %s", new_virtual_source)
    return new_virtual_source


@plugin.upgrade.repository("2024.03.01")
def tidy(old_repository):  # noqa: F811 (another function of this name, with another id)
    new_repository = dict(old_repository)
    new_repository["os"] = "linux" if new_repository["installPath"].startswith("/") else "unknown"
    return new_repository


@plugin.upgrade.source_config("2024.03.02")
def tidy(old_source_config):  # noqa: F811
    new_source_config = dict(old_source_config)
    new_source_config["discoveryType"] = "Manual"
    return new_source_config


def _shape(value):
    if isinstance(value, list):
        return "list[" + ",".join(_shape(v) for v in value) + "]"
    if isinstance(value, dict):
        return "dict{" + ",".join(k + ":" + _shape(v) for k, v in sorted(value.items())) + "}"
    return type(value).__name__


@plugin.upgrade.snapshot("2024.06.01")
def record_types(old_snapshot):
    new_snapshot = dict(old_snapshot)
    new_snapshot["checks"] = {key: _shape(value) for key, value in old_snapshot.items()}
    if isinstance(old_snapshot.get("sizeMb"), int) and old_snapshot["sizeMb"] < 1 << 40:
        new_snapshot["sizeKb"] = old_snapshot["sizeMb"] * 1024
    return new_snapshot
