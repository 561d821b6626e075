# Timeflow's stand-in for the Delphix Virtualization SDK, the public surface plugins use at import
# time and in data migrations: platform (Plugin, decorators, sources, mounts, exceptions), libs
# (platform libraries, which data migrations may not use, and PlatformHandler for logging) and
# common (connections, hosts, users, credentials).
