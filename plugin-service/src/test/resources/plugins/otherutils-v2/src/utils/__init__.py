"""This plugin's own top-level utils package, which other plugins have too (with other contents)."""

OWNER = "other-utils"
