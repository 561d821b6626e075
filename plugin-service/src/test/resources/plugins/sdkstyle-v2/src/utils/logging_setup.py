"""Logging set-up as SDK plugins do it: a PlatformHandler on the root logger, at DEBUG, at import.

This module is imported twice (as utils.logging_setup and, through the directories the platform
puts on sys.path, as logging_setup), so set_up runs twice and the root logger ends up with two
PlatformHandlers, as it does on the platform.
"""

import logging

from dlpx.virtualization import libs

FORMAT = "[%(levelname)s] [%(filename)s:%(lineno)d] %(message)s"


def _level(name):
    return eval("logging." + name)


def set_up(level="DEBUG"):
    handler = libs.PlatformHandler()
    handler.setFormatter(logging.Formatter(FORMAT))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(_level(level))


set_up()
