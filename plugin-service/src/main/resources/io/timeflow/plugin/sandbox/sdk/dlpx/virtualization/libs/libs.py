"""The platform library calls. Only upgrade_password works during a data migration."""

import logging

import _timeflow_runtime

from dlpx.virtualization.libs.exceptions import IncorrectArgumentTypeError, PlatformLibraryNotAvailableError

__all__ = ["run_bash", "run_sync", "run_powershell", "run_expect", "retrieve_credentials", "upgrade_password"]


def _not_available(name):
    message = ("%s is not available during a data migration: data migrations have no access to "
               "platform libraries or remote hosts" % name)
    _timeflow_runtime.record_violation(message)
    raise PlatformLibraryNotAvailableError(message)


def run_bash(remote_connection, command, variables=None, use_login_shell=False, check=False):
    _not_available("run_bash")


def run_sync(remote_connection, source_directory, rsync_user=None, exclude_paths=None, sym_links_to_follow=None):
    _not_available("run_sync")


def run_powershell(remote_connection, command, variables=None, check=False):
    _not_available("run_powershell")


def run_expect(remote_connection, command, variables=None, check=False):
    _not_available("run_expect")


def retrieve_credentials(credentials_supplier):
    _not_available("retrieve_credentials")


def upgrade_password(password, username=None):
    """Turns a plain password (and optionally a user name) into a credentials-supplier object."""
    if not isinstance(password, str):
        raise IncorrectArgumentTypeError("password", type(password), str)
    if username and not isinstance(username, str):
        raise IncorrectArgumentTypeError("username", type(username), str, required=False)
    supplier = {"type": "NamedPasswordCredential", "password": password}
    if username:
        supplier["username"] = username
    return supplier


def _log_request(message, log_level):
    """Hands one formatted log record to the service (its log and the upgrade's output)."""
    if not isinstance(log_level, int):
        log_level = logging.INFO
    _timeflow_runtime.log(log_level, message if isinstance(message, str) else str(message))
