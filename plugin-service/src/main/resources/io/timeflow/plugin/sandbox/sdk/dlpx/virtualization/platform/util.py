"""Version of the platform API this stand-in provides."""

from dlpx.virtualization.common.util import to_str

__all__ = ["get_virtualization_api_version"]

_API_VERSION = "1.5.0"


def get_virtualization_api_version():
    return to_str(_API_VERSION)
