"""Connection, host, user and credential classes with the platform's constructor arguments.

Each keeps its arguments as read-only properties. The constructors check the types the platform
checks (a connection's environment and user, an environment's host), so that plugin code that
builds them wrongly fails here as it would on the platform.
"""

from dlpx.virtualization.common.exceptions import IncorrectTypeError

__all__ = ["RemoteConnection", "RemoteEnvironment", "RemoteHost", "RemoteUser", "Credentials",
           "PasswordCredentials", "KeyPairCredentials"]


def _expect(owner, name, value, expected):
    if not isinstance(value, expected):
        raise IncorrectTypeError(owner, name, type(value), expected)
    return value


class RemoteHost(object):
    def __init__(self, name, reference, binary_path, scratch_path):
        self._name = _expect(RemoteHost, "name", name, str)
        self._reference = _expect(RemoteHost, "reference", reference, str)
        self._binary_path = _expect(RemoteHost, "binary_path", binary_path, str)
        self._scratch_path = _expect(RemoteHost, "scratch_path", scratch_path, str)

    name = property(lambda self: self._name)
    reference = property(lambda self: self._reference)
    binary_path = property(lambda self: self._binary_path)
    scratch_path = property(lambda self: self._scratch_path)


class RemoteEnvironment(object):
    def __init__(self, name, reference, host):
        self._name = _expect(RemoteEnvironment, "name", name, str)
        self._reference = _expect(RemoteEnvironment, "reference", reference, str)
        self._host = _expect(RemoteEnvironment, "host", host, RemoteHost)

    name = property(lambda self: self._name)
    reference = property(lambda self: self._reference)
    host = property(lambda self: self._host)


class RemoteUser(object):
    def __init__(self, name, reference):
        self._name = _expect(RemoteUser, "name", name, str)
        self._reference = _expect(RemoteUser, "reference", reference, str)

    name = property(lambda self: self._name)
    reference = property(lambda self: self._reference)


class RemoteConnection(object):
    def __init__(self, environment, user):
        self._environment = _expect(RemoteConnection, "environment", environment, RemoteEnvironment)
        self._user = _expect(RemoteConnection, "user", user, RemoteUser)

    environment = property(lambda self: self._environment)
    user = property(lambda self: self._user)


class Credentials(object):
    def __init__(self, username):
        self._username = _expect(Credentials, "username", username, str)

    username = property(lambda self: self._username)


class PasswordCredentials(Credentials):
    def __init__(self, username, password):
        super(PasswordCredentials, self).__init__(username)
        self._password = _expect(PasswordCredentials, "password", password, str)

    password = property(lambda self: self._password)


class KeyPairCredentials(Credentials):
    def __init__(self, username, private_key, public_key):
        super(KeyPairCredentials, self).__init__(username)
        self._private_key = _expect(KeyPairCredentials, "private_key", private_key, str)
        self._public_key = public_key

    private_key = property(lambda self: self._private_key)
    public_key = property(lambda self: self._public_key)
