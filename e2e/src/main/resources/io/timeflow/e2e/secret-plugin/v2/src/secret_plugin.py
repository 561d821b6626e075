from dlpx.virtualization.platform import Plugin, Status

plugin = Plugin()


@plugin.virtual.status()
def virtual_status(virtual_source, repository, source_config):
    return Status.ACTIVE


@plugin.upgrade.linked_source("2026.12.1")
def record_password_check(old_linked_source):
    # The migration reads the stored password (the service opens it for the sandbox) and records two
    # figures derived from it that are not secret: its length and a weighted sum of its characters. They
    # show that the installation running the upgrade could open the password, without showing it.
    password = old_linked_source["sqlPassword"]
    old_linked_source["passwordLength"] = len(password)
    old_linked_source["passwordCheck"] = sum((i + 1) * ord(c) for i, c in enumerate(password)) % 1000003
    return old_linked_source
