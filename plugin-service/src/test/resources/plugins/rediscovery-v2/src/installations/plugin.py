from dlpx.virtualization import libs
from dlpx.virtualization.platform import Plugin
from dlpx.virtualization.platform.exceptions import UserError
from generated.definitions import RepositoryDefinition

plugin = Plugin()

# Marks a repository discovered before the upgrade: its installation path is unknown until the
# host is rediscovered. It can never be mistaken for a real path.
_REDISCOVERY_TOKEN = "###_REDISCOVERY_REQUIRED_###"


@plugin.discovery.repository()
def repository_discovery(source_connection):
    path = libs.run_bash(source_connection, "dirname $(which postgres)").stdout.strip()
    return [RepositoryDefinition(name="main", installation_path=path)]


@plugin.discovery.source_config()
def source_config_discovery(source_connection, repository):
    return []


@plugin.virtual.configure()
def configure(virtual_source, snapshot, repository):
    if repository.installation_path == _REDISCOVERY_TOKEN:
        # We cannot use this repository as/is -- it must be rediscovered.
        msg = 'Unable to use repository "{}" because it has not been updated ' \
              'since upgrade. Please re-run discovery and try again'
        raise UserError(msg.format(repository.name))


@plugin.upgrade.repository("2019.12.15")
def repo_path(old_repository):
    # We need to add in a repository path, but there is no way for us to know
    # what the correct path is here, so we cannot set this to anything useful.
    # Instead, we'll set a special sentinel value that will indicate that the
    # repository is unusable until the remote host is rediscovered.
    old_repository["installationPath"] = _REDISCOVERY_TOKEN
    return old_repository
