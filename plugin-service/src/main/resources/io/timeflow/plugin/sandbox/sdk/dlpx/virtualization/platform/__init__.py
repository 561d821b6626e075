"""dlpx.virtualization.platform as Timeflow provides it to plugins.

Plugin with its decorator groups (discovery, linked, virtual, upgrade), the classes plugin
operations use (sources, Status, Mount, MountSpecification, OwnershipSpecification,
MigrationType) and the exceptions, with the platform's names. Only data migrations run here; the
other operations are recorded and listed, never called.
"""

from dlpx.virtualization.platform import exceptions  # noqa: F401 (platform.exceptions, as on the platform)
from dlpx.virtualization.platform._plugin_classes import *  # noqa: F401,F403
from dlpx.virtualization.platform._operations import *  # noqa: F401,F403
from dlpx.virtualization.platform._plugin import *  # noqa: F401,F403
from dlpx.virtualization.platform.operation import Operation  # noqa: F401
from dlpx.virtualization.platform.util import *  # noqa: F401,F403
