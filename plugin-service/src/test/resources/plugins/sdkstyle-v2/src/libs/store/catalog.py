"""A module in namespace folders (src/libs/ and src/libs/store/ have no __init__.py).

The plugin imports it by its bare package name, store.catalog, which works because the platform
puts every directory below the source directory on sys.path.
"""

import random
import threading

_LOCK = threading.Lock()
_RANDOM = random.Random(7)
DEFAULT_BUCKET = "default"


def next_token():
    with _LOCK:
        return "%06d" % _RANDOM.randint(0, 999999)
