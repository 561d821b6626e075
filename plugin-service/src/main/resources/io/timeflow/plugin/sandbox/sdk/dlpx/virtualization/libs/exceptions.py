"""Exceptions of dlpx.virtualization.libs, with the SDK's names."""


class LibraryError(Exception):
    def __init__(self, message):
        super().__init__(message)
        self.message = message


class PluginScriptError(Exception):
    def __init__(self, message):
        super().__init__(message)
        self.message = message


class IncorrectArgumentTypeError(LibraryError):
    pass


class PlatformLibraryNotAvailableError(LibraryError):
    """A platform library was called where it is not available, such as in a data migration."""
