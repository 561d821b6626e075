"""dlpx.virtualization.platform as Timeflow provides it to plugins.

The Plugin object accepts every decorator of the SDK. Only data migrations (plugin.upgrade.*) are
recorded, for the service to run at upgrade time; the other operations register without effect,
since this service runs no discovery, linking or provisioning.
"""

import enum
import sys

from dlpx.virtualization.platform.exceptions import (  # noqa: F401 (re-exported as in the SDK)
    IncorrectPluginCodeError,
    IncorrectReturnTypeError,
    IncorrectUpgradeObjectTypeError,
    MigrationIdAlreadyUsedError,
    MigrationIdIncorrectFormatError,
    MigrationIdIncorrectTypeError,
    OperationAlreadyDefinedError,
    OperationNotDefinedError,
    PluginException,
    PluginRuntimeError,
    UserError,
)


class Status(enum.Enum):
    ACTIVE = 0
    INACTIVE = 1


class Mount(object):
    def __init__(self, remote_environment, mount_path, shared_path=None):
        self.remote_environment = remote_environment
        self.mount_path = mount_path
        self.shared_path = shared_path


class OwnershipSpecification(object):
    def __init__(self, uid, gid):
        self.uid = uid
        self.gid = gid


class MountSpecification(object):
    def __init__(self, mounts, ownership_specification=None):
        self.mounts = mounts
        self.ownership_specification = ownership_specification


class _Operations(object):
    """A namespace of plugin operations (discovery, linked, virtual, ...): any decorator registers."""

    def __init__(self, namespace, registered):
        self._namespace = namespace
        self._registered = registered

    def __getattr__(self, name):
        if name.startswith("_"):
            raise AttributeError(name)

        def decorator_factory(*args, **kwargs):
            def decorator(function):
                self._registered.append(self._namespace + "." + name)
                return function
            return decorator
        return decorator_factory


class _Upgrade(object):
    """plugin.upgrade: the data migrations of the five object types, each with its migration id."""

    def __init__(self, migrations):
        self._migrations = migrations

    def repository(self, migration_id):
        return self._register("repository", migration_id)

    def source_config(self, migration_id):
        return self._register("source_config", migration_id)

    def linked_source(self, migration_id):
        return self._register("linked_source", migration_id)

    def virtual_source(self, migration_id):
        return self._register("virtual_source", migration_id)

    def snapshot(self, migration_id):
        return self._register("snapshot", migration_id)

    def _register(self, object_type, migration_id):
        caller = sys._getframe(2)
        where = (caller.f_code.co_filename, caller.f_lineno)

        def decorator(function):
            self._migrations.append({
                "id": migration_id,
                "type": object_type,
                "function": getattr(function, "__name__", repr(function)),
                "file": where[0],
                "line": where[1],
                "func": function,
            })
            return function
        return decorator


class Plugin(object):
    """The object a plugin's entry point names; its decorators tag the plugin's operations."""

    def __init__(self):
        self.__migrations = []
        self.__operations = []
        self.discovery = _Operations("discovery", self.__operations)
        self.linked = _Operations("linked", self.__operations)
        self.virtual = _Operations("virtual", self.__operations)
        self.upgrade = _Upgrade(self.__migrations)

    def __getattr__(self, name):
        if name.startswith("_"):
            raise AttributeError(name)
        namespace = _Operations(name, self.__operations)
        setattr(self, name, namespace)
        return namespace

    def _migrations(self):
        return self.__migrations

    def _operations(self):
        return list(self.__operations)
