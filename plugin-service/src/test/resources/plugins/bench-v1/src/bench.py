from dlpx.virtualization.platform import Plugin

plugin = Plugin()
