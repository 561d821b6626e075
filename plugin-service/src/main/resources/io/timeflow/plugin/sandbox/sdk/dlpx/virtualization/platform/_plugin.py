"""Plugin: the object a plugin's entry point names, carrying its four decorator groups."""

from dlpx.virtualization.platform._operations import (
    DiscoveryOperations,
    LinkedOperations,
    UpgradeOperations,
    VirtualOperations,
)

__all__ = ["Plugin"]


class Plugin(object):

    def __init__(self):
        self.__discovery = DiscoveryOperations()
        self.__linked = LinkedOperations()
        self.__virtual = VirtualOperations()
        self.__upgrade = UpgradeOperations()

    @property
    def discovery(self):
        return self.__discovery

    @property
    def linked(self):
        return self.__linked

    @property
    def virtual(self):
        return self.__virtual

    @property
    def upgrade(self):
        return self.__upgrade

    def _migrations(self):
        """The platform data migrations, in the order the plugin declared them (for the service)."""
        return self.__upgrade._platform

    def _operations(self):
        """The other operations the plugin defined, e.g. linked.pre_snapshot (for the service)."""
        return self.__discovery._defined() + self.__linked._defined() + self.__virtual._defined()
