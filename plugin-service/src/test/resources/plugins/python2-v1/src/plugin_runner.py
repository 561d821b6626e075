# A plugin of the Python 2 era: built with a Virtualization SDK before 4.0.0.
from dlpx.virtualization.platform import Plugin

from helpers import legacy

plugin = Plugin()
print "loaded", legacy.NAME


@plugin.upgrade.repository("2019.10.01")
def add_name(old_repository):
    return dict(old_repository, name=u"unnamed")
