# Timeflow's stand-in for the Delphix Virtualization SDK, enough to load a plugin and run its data
# migrations: platform (Plugin, decorators, Status, Mount, ...), libs (platform libraries, which
# are not available to data migrations) and common (connection and credential classes).
