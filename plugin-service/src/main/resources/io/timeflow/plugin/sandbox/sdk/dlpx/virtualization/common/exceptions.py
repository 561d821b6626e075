"""Base exceptions shared by the platform and library modules, with the platform's names."""


def _type_name(t):
    if isinstance(t, (list, tuple, set)):
        return "[" + ", ".join(sorted(_type_name(x) for x in t)) + "]"
    return getattr(t, "__name__", str(t))


class PlatformError(Exception):
    """An error of the platform itself (an operation defined twice, a bad migration id ...)."""

    @property
    def message(self):
        return self.args[0]

    def __init__(self, message):
        super(PlatformError, self).__init__(message)


class PluginRuntimeError(Exception):
    """An error in how plugin code used the platform's classes or libraries."""

    @property
    def message(self):
        return self.args[0]

    def __init__(self, message):
        super(PluginRuntimeError, self).__init__(message)

    @staticmethod
    def get_actual_and_expected_type(actual_type, expected_type):
        return "type '%s'" % _type_name(actual_type), "type '%s'" % _type_name(expected_type)


class IncorrectTypeError(PluginRuntimeError):
    """A platform class was given an argument of the wrong type."""

    def __init__(self, object_type, parameter_name, actual_type, expected_type, required=True):
        actual, expected = self.get_actual_and_expected_type(actual_type, expected_type)
        super(IncorrectTypeError, self).__init__(
            "%s's parameter '%s' was %s but should be of %s%s." % (
                _type_name(object_type), parameter_name, actual, expected, "" if required else " if defined"))
