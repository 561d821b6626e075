"""Linked-source operations; the service never calls them, but the module imports SDK classes."""

import logging
import os.path

from dlpx.virtualization import libs
from dlpx.virtualization.common import RemoteConnection, RemoteEnvironment, RemoteHost, RemoteUser
from dlpx.virtualization.platform import Mount, MountSpecification, OwnershipSpecification, StagedSource, Status

from internal.errors import ClusterError

logger = logging.getLogger(__name__)


def mount_specification(staged_source, repository):
    environment = staged_source.staged_connection.environment
    return MountSpecification([Mount(environment, staged_source.parameters.mount_path)],
                              OwnershipSpecification(1000, 1000))


def status(staged_source):
    result = libs.run_bash(staged_source.staged_connection, "pgrep cluster")
    return Status.ACTIVE if result.exit_code == 0 else Status.INACTIVE


def describe(connection):
    if not isinstance(connection, RemoteConnection):
        raise ClusterError("not a connection")
    return os.path.join(connection.environment.host.binary_path, "bin")


EXAMPLE = RemoteConnection(
    RemoteEnvironment("staging", "UNIX_HOST_ENVIRONMENT-1", RemoteHost("host", "HOST-1", "/opt", "/tmp")),
    RemoteUser("delphix", "HOST_USER-1"))
SOURCE_CLASS = StagedSource
