from dlpx.virtualization import libs


def sync_files(connection, source_directory, exclude_paths=None):
    libs.run_sync(
        remote_connection=connection,
        source_directory=source_directory,
        exclude_paths=exclude_paths or [])
