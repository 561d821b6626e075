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
DEFAULT_REPOSITORY = RepositoryDefinition(name="default", install_path="/opt/cluster")
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
