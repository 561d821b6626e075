"""The decorator groups of a Plugin: discovery, linked, virtual and upgrade.

Every decorator of the platform is here, and only those: an unknown one is an AttributeError at
import, as on the platform. Defining an operation twice, or decorating something that is not a
function, fails at import too. Operations other than data migrations are recorded (the service
lists them) but never called: this service runs no discovery, linking or provisioning.
"""

import re
import sys
import types

from dlpx.virtualization.platform._plugin_classes import MigrationType
from dlpx.virtualization.platform.exceptions import (
    DecoratorNotFunctionError,
    MigrationIdAlreadyUsedError,
    MigrationIdIncorrectFormatError,
    MigrationIdIncorrectTypeError,
    OperationAlreadyDefinedError,
    UnknownMigrationTypeError,
)
from dlpx.virtualization.platform.operation import Operation

__all__ = ["DiscoveryOperations", "LinkedOperations", "VirtualOperations", "UpgradeOperations"]


def _check_function(impl, operation):
    if not isinstance(impl, (types.FunctionType, types.MethodType)):
        raise DecoratorNotFunctionError(getattr(impl, "__name__", repr(impl)), operation.value)
    return impl


class _Operations(object):

    def __init__(self):
        self._impls = {}

    def _define(self, operation):
        def decorator(impl):
            if operation in self._impls:
                raise OperationAlreadyDefinedError(operation)
            self._impls[operation] = _check_function(impl, operation)
            return impl
        return decorator

    def _defined(self):
        """The operations defined, as decorators without parentheses (e.g. linked.pre_snapshot)."""
        return [operation.value[:-2] for operation in self._impls]


class DiscoveryOperations(_Operations):

    def repository(self):
        return self._define(Operation.DISCOVERY_REPOSITORY)

    def source_config(self):
        return self._define(Operation.DISCOVERY_SOURCE_CONFIG)


class LinkedOperations(_Operations):

    def pre_snapshot(self):
        return self._define(Operation.LINKED_PRE_SNAPSHOT)

    def post_snapshot(self):
        return self._define(Operation.LINKED_POST_SNAPSHOT)

    def start_staging(self):
        return self._define(Operation.LINKED_START_STAGING)

    def stop_staging(self):
        return self._define(Operation.LINKED_STOP_STAGING)

    def status(self):
        return self._define(Operation.LINKED_STATUS)

    def worker(self):
        return self._define(Operation.LINKED_WORKER)

    def mount_specification(self):
        return self._define(Operation.LINKED_MOUNT_SPEC)

    def source_size(self):
        return self._define(Operation.LINKED_SOURCE_SIZE)


class VirtualOperations(_Operations):

    def configure(self):
        return self._define(Operation.VIRTUAL_CONFIGURE)

    def unconfigure(self):
        return self._define(Operation.VIRTUAL_UNCONFIGURE)

    def reconfigure(self):
        return self._define(Operation.VIRTUAL_RECONFIGURE)

    def cleanup(self):
        return self._define(Operation.VIRTUAL_CLEANUP)

    def start(self):
        return self._define(Operation.VIRTUAL_START)

    def stop(self):
        return self._define(Operation.VIRTUAL_STOP)

    def pre_snapshot(self):
        return self._define(Operation.VIRTUAL_PRE_SNAPSHOT)

    def post_snapshot(self):
        return self._define(Operation.VIRTUAL_POST_SNAPSHOT)

    def status(self):
        return self._define(Operation.VIRTUAL_STATUS)

    def initialize(self):
        return self._define(Operation.VIRTUAL_INITIALIZE)

    def mount_specification(self):
        return self._define(Operation.VIRTUAL_MOUNT_SPEC)

    def source_size(self):
        return self._define(Operation.VIRTUAL_SOURCE_SIZE)


_LUA_VERSION = re.compile(r"^\d+\.\d+$")


class UpgradeOperations(object):
    """plugin.upgrade: data migrations of the five object types, each with its migration id.

    Platform migrations are recorded with the file and line of their decorator; the service checks
    their ids (format, uniqueness across types) and runs the new ones in numeric id order. Lua
    migrations (MigrationType.LUA) upgrade objects of the platform's older Lua toolkits, which this
    service never holds: their versions are checked as on the platform, and they are never run.
    """

    def __init__(self):
        self._platform = []
        self._lua = {}

    def repository(self, migration_id, migration_type=MigrationType.PLATFORM):
        return self._decorator("repository", migration_id, migration_type, sys._getframe(1))

    def source_config(self, migration_id, migration_type=MigrationType.PLATFORM):
        return self._decorator("source_config", migration_id, migration_type, sys._getframe(1))

    def linked_source(self, migration_id, migration_type=MigrationType.PLATFORM):
        return self._decorator("linked_source", migration_id, migration_type, sys._getframe(1))

    def virtual_source(self, migration_id, migration_type=MigrationType.PLATFORM):
        return self._decorator("virtual_source", migration_id, migration_type, sys._getframe(1))

    def snapshot(self, migration_id, migration_type=MigrationType.PLATFORM):
        return self._decorator("snapshot", migration_id, migration_type, sys._getframe(1))

    @property
    def migration_id_list(self):
        def key(entry):
            parts = [int(p) for p in entry["id"].split(".")]
            while parts and parts[-1] == 0:
                parts.pop()
            return parts
        valid = [m for m in self._platform if isinstance(m["id"], str) and re.match(r"^\d+(\.\d+)*$", m["id"])]
        return [".".join(str(p) for p in key(m)) for m in sorted(valid, key=key)]

    def _decorator(self, object_type, migration_id, migration_type, caller):
        operation = Operation["UPGRADE_" + object_type.upper()]
        where = (caller.f_code.co_filename, caller.f_lineno)

        def decorator(impl):
            _check_function(impl, operation)
            name = impl.__name__
            if migration_type == MigrationType.PLATFORM:
                self._platform.append({"id": migration_id, "type": object_type, "function": name,
                                       "file": where[0], "line": where[1], "func": impl})
            elif migration_type == MigrationType.LUA:
                self._add_lua(object_type, migration_id, name, operation, impl)
            else:
                raise UnknownMigrationTypeError(migration_type)
            return impl
        return decorator

    def _add_lua(self, object_type, version, name, operation, impl):
        if not isinstance(version, str):
            raise MigrationIdIncorrectTypeError(version, name)
        versions = self._lua.setdefault(object_type, {})
        if version in versions:
            raise MigrationIdAlreadyUsedError.fromLuaVersion(version, name, operation.value)
        if not _LUA_VERSION.match(version):
            raise MigrationIdIncorrectFormatError.from_fields(version, name, _LUA_VERSION.pattern)
        versions[".".join(str(int(p)) for p in version.split("."))] = impl
