"""dlpx.virtualization.libs as data migrations see it.

Data migrations have no access to platform libraries or remote hosts: every call fails the
migration with a clear error, and the upgrade fails even if the plugin catches the exception. The
one exception is upgrade_password, which exists for data migrations.
"""

import _timeflow_runtime

from dlpx.virtualization.libs.exceptions import (  # noqa: F401 (re-exported as in the SDK)
    IncorrectArgumentTypeError,
    LibraryError,
    PlatformLibraryNotAvailableError,
    PluginScriptError,
)


def _not_available(name):
    message = ("%s is not available during a data migration: data migrations have no access to "
               "platform libraries or remote hosts" % name)
    _timeflow_runtime.record_violation(message)
    raise PlatformLibraryNotAvailableError(message)


def run_bash(remote_connection, command, variables=None, use_login_shell=False, check=False):
    _not_available("run_bash")


def run_powershell(remote_connection, command, variables=None, check=False):
    _not_available("run_powershell")


def run_expect(remote_connection, command, variables=None):
    _not_available("run_expect")


def run_sync(remote_connection, source_directory, rsync_user=None, exclude_paths=None, sym_links_to_follow=None):
    _not_available("run_sync")


def retrieve_credentials(credentials_supplier):
    _not_available("retrieve_credentials")


def upgrade_password(password, username=None):
    """Turns a plain password (and optionally a user name) into a credentials-supplier object."""
    if not isinstance(password, str):
        raise IncorrectArgumentTypeError("upgrade_password: password must be a string, not %s"
                                         % type(password).__name__)
    if username is not None and not isinstance(username, str):
        raise IncorrectArgumentTypeError("upgrade_password: username must be a string, not %s"
                                         % type(username).__name__)
    supplier = {"type": "NamedPasswordCredential", "password": password}
    if username is not None:
        supplier["username"] = username
    return supplier
