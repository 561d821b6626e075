import logging

from dlpx.virtualization.libs import PlatformHandler
from dlpx.virtualization.platform import Plugin, Status
from dlpx.virtualization.platform.exceptions import UserError

# logging as the SDK's Logging section sets it up: the platform's handler on the root logger
_handler = PlatformHandler()
_handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
logging.getLogger().addHandler(_handler)
logging.getLogger().setLevel(logging.DEBUG)

plugin = Plugin()
logger = logging.getLogger(__name__)


@plugin.virtual.status()
def virtual_status(virtual_source, repository, source_config):
    return Status.ACTIVE


@plugin.virtual.reconfigure()
def virtual_reconfigure(virtual_source, repository, source_config, snapshot):
    if virtual_source.parameters.port == 0:
        raise UserError('VDB "{}" cannot function properly. Please choose a '
                        'port number for this VDB to use.'.format(virtual_source.parameters.name))


@plugin.upgrade.virtual_source("2019.11.20")
def add_dummy_port(old_virtual_source):
    # Set the "port" property to 0 to act as a placeholder.
    old_virtual_source["port"] = 0
    logger.debug("Migration 2019.11.20 returning %s", old_virtual_source)
    return old_virtual_source
