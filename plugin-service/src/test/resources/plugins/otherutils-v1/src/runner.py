from dlpx.virtualization.platform import Plugin

from utils.naming import label

plugin = Plugin()
DEFAULT_LABEL = label("default")
