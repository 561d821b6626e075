"""The non-generated classes of plugin operations: sources, status, mounts and migration types.

Plugin operations receive and return these on the platform. This service runs only data
migrations, which get plain dictionaries; the classes exist so that plugin modules import,
subclass and build them as they do on the platform.
"""

import re
from enum import Enum

from dlpx.virtualization.common import RemoteConnection, RemoteEnvironment, RemoteHost
from dlpx.virtualization.common.exceptions import IncorrectTypeError
from dlpx.virtualization.platform.exceptions import IncorrectReferenceFormatError

__all__ = ["VirtualSource", "StagedSource", "DirectSource", "Status", "MigrationType", "Mount",
           "OwnershipSpecification", "MountSpecification"]


def _connection(owner, name, value):
    if not isinstance(value, RemoteConnection):
        raise IncorrectTypeError(owner, name, type(value), RemoteConnection)
    return value


class VirtualSource(object):
    def __init__(self, guid, connection, parameters, mounts):
        self._guid = guid
        self._connection = _connection(VirtualSource, "connection", connection)
        self._parameters = parameters
        self._mounts = mounts

    guid = property(lambda self: self._guid)
    connection = property(lambda self: self._connection)
    parameters = property(lambda self: self._parameters)
    mounts = property(lambda self: self._mounts)


class StagedSource(object):
    def __init__(self, guid, source_connection, parameters, mount, staged_connection, mounts):
        self._guid = guid
        self._source_connection = _connection(StagedSource, "source_connection", source_connection)
        self._parameters = parameters
        self._mount = mount
        self._staged_connection = _connection(StagedSource, "staged_connection", staged_connection)
        self._mounts = mounts

    guid = property(lambda self: self._guid)
    source_connection = property(lambda self: self._source_connection)
    parameters = property(lambda self: self._parameters)
    mount = property(lambda self: self._mount)
    staged_connection = property(lambda self: self._staged_connection)
    mounts = property(lambda self: self._mounts)


class DirectSource(object):
    def __init__(self, guid, connection, parameters):
        self._guid = guid
        self._connection = _connection(DirectSource, "connection", connection)
        self._parameters = parameters

    guid = property(lambda self: self._guid)
    connection = property(lambda self: self._connection)
    parameters = property(lambda self: self._parameters)


class Status(Enum):
    ACTIVE = 0
    INACTIVE = 1


class MigrationType(Enum):
    PLATFORM = 0
    LUA = 1


_ENVIRONMENT_REFERENCE = re.compile(r"^(UNIX|WINDOWS)_HOST_ENVIRONMENT-\d+$")


class Mount(object):
    """A mount of the platform's storage on a host: an environment (or its reference) and a path."""

    def __init__(self, remote_environment, mount_path, shared_path=None):
        if isinstance(remote_environment, str):
            if not _ENVIRONMENT_REFERENCE.match(remote_environment):
                raise IncorrectReferenceFormatError(remote_environment)
            remote_environment = RemoteEnvironment(
                "environment", remote_environment, RemoteHost("host", "host", "binary path", "scratch path"))
        elif not isinstance(remote_environment, RemoteEnvironment):
            raise IncorrectTypeError(Mount, "remote_environment", type(remote_environment), [RemoteEnvironment, str])
        if not isinstance(mount_path, str):
            raise IncorrectTypeError(Mount, "mount_path", type(mount_path), str)
        if shared_path and not isinstance(shared_path, str):
            raise IncorrectTypeError(Mount, "shared_path", type(shared_path), str, False)
        self._remote_environment = remote_environment
        self._mount_path = mount_path
        self._shared_path = shared_path

    remote_environment = property(lambda self: self._remote_environment)
    mount_path = property(lambda self: self._mount_path)
    shared_path = property(lambda self: self._shared_path)


class OwnershipSpecification(object):
    def __init__(self, uid, gid):
        if not isinstance(uid, int):
            raise IncorrectTypeError(OwnershipSpecification, "uid", type(uid), int)
        if not isinstance(gid, int):
            raise IncorrectTypeError(OwnershipSpecification, "gid", type(gid), int)
        self._uid = uid
        self._gid = gid

    uid = property(lambda self: self._uid)
    gid = property(lambda self: self._gid)


class MountSpecification(object):
    def __init__(self, mounts, ownership_specification=None):
        if not isinstance(mounts, list) or not all(isinstance(m, Mount) for m in mounts):
            raise IncorrectTypeError(MountSpecification, "mounts", type(mounts), [Mount])
        if ownership_specification and not isinstance(ownership_specification, OwnershipSpecification):
            raise IncorrectTypeError(MountSpecification, "ownership_specification", type(ownership_specification),
                                     OwnershipSpecification, False)
        self._mounts = mounts
        self._ownership_specification = ownership_specification

    mounts = property(lambda self: self._mounts)
    ownership_specification = property(lambda self: self._ownership_specification)
