"""dlpx.virtualization.common: the classes plugin operations receive (connections, hosts, users,
credentials). Data migrations get plain dictionaries; these exist so that plugin modules import."""


class RemoteHost(object):
    def __init__(self, name, reference, binary_path, scratch_path):
        self.name = name
        self.reference = reference
        self.binary_path = binary_path
        self.scratch_path = scratch_path


class RemoteEnvironment(object):
    def __init__(self, name, reference, host):
        self.name = name
        self.reference = reference
        self.host = host


class RemoteUser(object):
    def __init__(self, name, reference):
        self.name = name
        self.reference = reference


class RemoteConnection(object):
    def __init__(self, environment, user):
        self.environment = environment
        self.user = user


class Credentials(object):
    def __init__(self, username):
        self.username = username


class PasswordCredentials(Credentials):
    def __init__(self, username, password):
        super().__init__(username)
        self.password = password


class KeyPairCredentials(Credentials):
    def __init__(self, username, private_key, public_key=None):
        super().__init__(username)
        self.private_key = private_key
        self.public_key = public_key
