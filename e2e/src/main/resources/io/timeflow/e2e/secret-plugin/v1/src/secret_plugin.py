from dlpx.virtualization.platform import Plugin, Status

plugin = Plugin()


@plugin.virtual.status()
def virtual_status(virtual_source, repository, source_config):
    return Status.ACTIVE
