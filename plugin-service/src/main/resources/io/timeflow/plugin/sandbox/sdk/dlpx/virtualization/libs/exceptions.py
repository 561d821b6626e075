"""Exceptions of dlpx.virtualization.libs, with the platform's names and constructor arguments."""

import sys

from dlpx.virtualization.common.exceptions import PluginRuntimeError


class LibraryError(Exception):
    """A library call failed in a way plugin code may act on."""

    @property
    def message(self):
        return self.args[0]

    def __init__(self, id, message):
        self._id = id
        super(LibraryError, self).__init__(message)


class PluginScriptError(Exception):
    """A library call made with check=True ran a script that exited with a non-zero code."""

    @property
    def message(self):
        return self.args[0]

    def __init__(self, message):
        super(PluginScriptError, self).__init__(message)


class IncorrectArgumentTypeError(PluginRuntimeError):
    """A library call was given an argument of the wrong type."""

    def __init__(self, parameter_name, actual_type, expected_type, required=True):
        actual, expected = self.get_actual_and_expected_type(actual_type, expected_type)
        caller = sys._getframe(1).f_code.co_name
        super(IncorrectArgumentTypeError, self).__init__(
            "The function %s's argument '%s' was %s but should be of %s%s." % (
                caller, parameter_name, actual, expected, "" if required else " if defined"))


class PlatformLibraryNotAvailableError(LibraryError):
    """A platform library was called where there is none: during a data migration."""

    def __init__(self, message):
        super(PlatformLibraryNotAvailableError, self).__init__("platform-library-not-available", message)
