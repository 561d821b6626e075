"""PlatformHandler: the logging handler plugins attach to their loggers (usually the root logger).

Each record it handles is formatted with the handler's formatter and handed to the service, which
writes it to its own log and to the output of the upgrade that is running, with every sensitive
value of the objects being migrated redacted. A record reaches the service once, however many
PlatformHandlers it meets on its way up the logger hierarchy (a plugin whose logging set-up runs
twice, or that attaches handlers to several loggers, does not log each line twice).
"""

import logging

from dlpx.virtualization.libs import libs

__all__ = ["PlatformHandler"]

_SEEN = "_timeflow_platform_handled"


class PlatformHandler(logging.Handler):

    def emit(self, record):
        if getattr(record, _SEEN, False):
            return
        try:
            setattr(record, _SEEN, True)
            message = self.format(record)
        except Exception:
            self.handleError(record)
            return
        libs._log_request(message, record.levelno)
