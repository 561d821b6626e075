from dlpx.virtualization import libs

_HIDDEN_AND_BACKUP_SPECS = [
    "*~",  # Backup files from certain editors
    ".*"  # Unix-style hidden files
]


def sync_files(connection, source_directory, skip_hidden_and_backup):
    exclude_spec = _HIDDEN_AND_BACKUP_SPECS if skip_hidden_and_backup else []
    libs.run_sync(
        remote_connection=connection,
        source_directory=source_directory,
        exclude_paths=exclude_spec)
