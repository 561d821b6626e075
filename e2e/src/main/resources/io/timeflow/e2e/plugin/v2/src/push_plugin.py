from dlpx.virtualization.platform import Plugin, Status

plugin = Plugin()


@plugin.virtual.status()
def virtual_status(virtual_source, repository, source_config):
    return Status.ACTIVE


@plugin.upgrade.linked_source("2026.11.1")
def add_restore_checksum(old_linked_source):
    # Restores verify checksums from this version on; existing dSources keep the old behaviour.
    # The loop stands for a migration that takes a moment, so that the story can watch the
    # suite refuse SnapSync for this plugin's dSources while the upgrade runs.
    total = 0
    for i in range(150000):
        total += i
    old_linked_source["restoreChecksum"] = total < 0
    return old_linked_source
