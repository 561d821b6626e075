"""dlpx.virtualization.libs as data migrations see it.

Data migrations have no access to platform libraries or remote hosts: every library call fails the
migration with a clear error, and the upgrade fails even if the plugin catches the exception. The
one exception is upgrade_password, which exists for data migrations. PlatformHandler, the logging
handler plugins attach to their loggers, sends what they log to the service (see _logging).
"""

from dlpx.virtualization.libs import exceptions  # noqa: F401 (libs.exceptions, as on the platform)
from dlpx.virtualization.libs.libs import *  # noqa: F401,F403
from dlpx.virtualization.libs._logging import *  # noqa: F401,F403
