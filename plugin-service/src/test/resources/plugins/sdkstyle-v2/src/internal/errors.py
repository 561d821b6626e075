"""The plugin's own exceptions, built on the SDK's at import."""

from dlpx.virtualization.libs.exceptions import LibraryError, PluginScriptError
from dlpx.virtualization.platform.exceptions import UserError


class ConvertibleError(Exception):
    def __init__(self, message, action, output):
        super(ConvertibleError, self).__init__(message)
        self.user_error = UserError(message, action, output)


class ClusterError(ConvertibleError):
    def __init__(self, message=""):
        super(ClusterError, self).__init__("cluster failed: " + message, "check the cluster", "no output")


RETRYABLE = (LibraryError, PluginScriptError)
