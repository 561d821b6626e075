#
# A plugin that syncs a directory tree of text files, written for the Delphix Virtualization SDK.
#
import logging

from dlpx.virtualization.platform import Mount, MountSpecification, Plugin, Status
from generated.definitions import RepositoryDefinition, SnapshotDefinition, SourceConfigDefinition

from textfiles import sync

plugin = Plugin()
logger = logging.getLogger(__name__)


@plugin.discovery.repository()
def repository_discovery(source_connection):
    return [RepositoryDefinition(name="Text files")]


@plugin.discovery.source_config()
def source_config_discovery(source_connection, repository):
    return [SourceConfigDefinition(path="/var/text")]


@plugin.linked.pre_snapshot()
def linked_pre_snapshot(direct_source, repository, source_config, optional_snapshot_parameters):
    sync.sync_files(direct_source.connection, source_config.path,
                    direct_source.parameters.skip_hidden_and_backup)


@plugin.linked.post_snapshot()
def linked_post_snapshot(direct_source, repository, source_config, optional_snapshot_parameters):
    return SnapshotDefinition()


@plugin.virtual.configure()
def configure(virtual_source, snapshot, repository):
    logger.info("configuring %s", virtual_source.parameters.mount_location)
    return SourceConfigDefinition(path=virtual_source.parameters.mount_location)


@plugin.virtual.mount_specification()
def virtual_mount_specification(virtual_source, repository):
    mount = Mount(virtual_source.connection.environment, virtual_source.parameters.mount_location)
    return MountSpecification([mount])


@plugin.virtual.status()
def virtual_status(virtual_source, repository, source_config):
    return Status.ACTIVE


@plugin.upgrade.linked_source("2019.11.20")
def add_skip_option(old_linked_source):
    return {
        "skipHiddenAndBackup": False
    }
