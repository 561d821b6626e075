"""Exceptions of dlpx.virtualization.platform, with the SDK's names and constructor arguments."""


class PluginException(Exception):
    """Base of the SDK's exceptions."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


class UserError(PluginException):
    """An error the plugin raises for the user to act on: a message, an action and an output."""

    def __init__(self, message, action="", error_string=""):
        super().__init__(message)
        self.action = action
        self.output = error_string


class PluginRuntimeError(PluginException):
    pass


class IncorrectReturnTypeError(PluginRuntimeError):
    pass


class IncorrectUpgradeObjectTypeError(PluginRuntimeError):
    pass


class IncorrectPluginCodeError(PluginException):
    pass


class OperationAlreadyDefinedError(PluginException):
    pass


class OperationNotDefinedError(PluginRuntimeError):
    pass


class MigrationIdIncorrectTypeError(PluginException):
    pass


class MigrationIdIncorrectFormatError(PluginException):
    pass


class MigrationIdAlreadyUsedError(PluginException):
    pass
