"""dlpx.virtualization.common: the classes plugin operations receive (connections, environments,
hosts, users, credentials). Data migrations get plain dictionaries; these classes exist so that
plugin modules import, subclass and construct them as they do on the platform."""

from dlpx.virtualization.common._common_classes import (  # noqa: F401 (the package's public names)
    Credentials,
    KeyPairCredentials,
    PasswordCredentials,
    RemoteConnection,
    RemoteEnvironment,
    RemoteHost,
    RemoteUser,
)

__all__ = ["RemoteConnection", "RemoteEnvironment", "RemoteHost", "RemoteUser", "Credentials",
           "PasswordCredentials", "KeyPairCredentials"]
