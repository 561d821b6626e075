from dlpx.virtualization.platform import Plugin

from utils.naming import label

plugin = Plugin()
DEFAULT_LABEL = label("default")


@plugin.upgrade.repository("2")
def add_label(old_repository):
    new_repository = dict(old_repository)
    new_repository["label"] = label(old_repository["name"])
    return new_repository
