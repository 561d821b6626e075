"""Exceptions of dlpx.virtualization.platform, with the platform's names and constructor arguments.

Plugins raise UserError (and subclasses of it) from their own code, and subclass these at import.
"""

from dlpx.virtualization.common.exceptions import PlatformError, PluginRuntimeError  # noqa: F401


class UserError(Exception):
    """An error for the user to act on: a message, a suggested action and an output."""

    @property
    def message(self):
        return self.args[0]

    @property
    def action(self):
        return self.args[1]

    @property
    def output(self):
        return self.args[2]

    def __init__(self, message, action="", output=""):
        super(UserError, self).__init__(message, action, output)


def _operation_name(operation):
    return getattr(operation, "value", operation)


class IncorrectReturnTypeError(PluginRuntimeError):
    def __init__(self, operation, actual_type, expected_type):
        actual, expected = self.get_actual_and_expected_type(actual_type, expected_type)
        super(IncorrectReturnTypeError, self).__init__(
            "The returned object for the %s operation was %s but should be of %s."
            % (_operation_name(operation), actual, expected))


class IncorrectUpgradeObjectTypeError(PluginRuntimeError):
    def __init__(self, actual_type, expected_type):
        super(IncorrectUpgradeObjectTypeError, self).__init__(
            "The upgrade operation received objects of type %s but should have received %s."
            % (actual_type, expected_type))


class UnknownMigrationTypeError(PlatformError):
    def __init__(self, actual_type, expected_type=None):
        super(UnknownMigrationTypeError, self).__init__(
            "The migration type %r is not a MigrationType (PLATFORM or LUA)." % (actual_type,))


class OperationAlreadyDefinedError(PlatformError):
    def __init__(self, operation):
        super(OperationAlreadyDefinedError, self).__init__(
            "%s has already been defined." % _operation_name(operation))


class OperationNotDefinedError(PlatformError):
    def __init__(self, operation):
        super(OperationNotDefinedError, self).__init__(
            "%s has not been defined yet." % _operation_name(operation))


class MigrationIdIncorrectTypeError(PlatformError):
    def __init__(self, migration_id, function_name):
        super(MigrationIdIncorrectTypeError, self).__init__(
            "The migration id '%s' used in the function '%s' should be a string." % (migration_id, function_name))


class MigrationIdIncorrectFormatError(PlatformError):
    def __init__(self, message):
        super(MigrationIdIncorrectFormatError, self).__init__(message)

    @classmethod
    def from_fields(cls, migration_id, function_name, format):
        return cls("The migration id '%s' used in the function '%s' does not follow the correct format '%s'."
                   % (migration_id, function_name, format))


class MigrationIdAlreadyUsedError(PlatformError):
    def __init__(self, message):
        super(MigrationIdAlreadyUsedError, self).__init__(message)

    @classmethod
    def fromMigrationId(cls, migration_id, std_migration_id, function_name):
        return cls("The migration id '%s' used in the function '%s' has the same canonical form '%s' as another "
                   "migration." % (migration_id, function_name, std_migration_id))

    @classmethod
    def fromLuaVersion(cls, migration_id, function_name, decorator_name):
        return cls("The lua major minor version '%s' used in the function '%s' decorated by '%s' has already "
                   "been used." % (migration_id, function_name, decorator_name))


class DecoratorNotFunctionError(PlatformError):
    def __init__(self, object_name, decorator_name):
        super(DecoratorNotFunctionError, self).__init__(
            "The object '%s' decorated by '%s' is not a function." % (object_name, decorator_name))


class IncorrectReferenceFormatError(PluginRuntimeError):
    def __init__(self, reference):
        super(IncorrectReferenceFormatError, self).__init__(
            "Reference '%s' is not a correctly formatted host environment reference." % (reference,))


class IncorrectPluginCodeError(PluginRuntimeError):
    def __init__(self, message):
        super(IncorrectPluginCodeError, self).__init__(message)
