from dlpx.virtualization.platform import Plugin
from generated.definitions import RepositoryDefinition

plugin = Plugin()


@plugin.discovery.repository()
def repository_discovery(source_connection):
    return [RepositoryDefinition(name="main")]


@plugin.discovery.source_config()
def source_config_discovery(source_connection, repository):
    return []
