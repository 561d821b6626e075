"""Reference run of a plugin's data migrations in plain CPython, to compare with the service's sandbox.

    python3 reference_migrations.py SRC_DIR MODULE:OBJECT REQUEST_JSON

SRC_DIR is the plugin's source directory as its author keeps it (srcDir of plugin_config.yml),
MODULE:OBJECT its entry point. REQUEST_JSON is a file holding

    {"migrations": ["2023.10.27.01", ...], "objects": [{"type": "LINKED_SOURCE", "data": {...}}, ...]}

For each object the migrations of its type whose ids are listed run in numeric id order, each
getting the object as the platform hands it over (JSON text read into Python) and handing back a
dictionary; the answer, on stdout, is a JSON array with {"ok": object} or {"error": {"exception",
"message"}} per object, in order. What the plugin logs or prints goes to stderr.

This harness is independent of the service: its stand-in for the Virtualization SDK below is the
least that lets a plugin module import (any name it asks for exists) and records the data migrations
of the Plugin object. It imports the plugin the way the SDK's build does: the source directory, and
after it every directory below it, on sys.path. Only the standard library is used.
"""

import importlib
import json
import logging
import os
import re
import sys
import types

_TYPES = {"REPOSITORY": "repository", "SOURCE_CONFIG": "source_config", "LINKED_SOURCE": "linked_source",
          "VIRTUAL_SOURCE": "virtual_source", "SNAPSHOT": "snapshot"}


def _canonical(migration_id):
    parts = [int(p) for p in migration_id.split(".")]
    while parts and parts[-1] == 0:
        parts.pop()
    return tuple(parts)


class _Anything(object):
    """Stands in for any SDK class or value a plugin names at import: callable, subclassable."""

    def __init__(self, *args, **kwargs):
        self.args = args

    def __call__(self, *args, **kwargs):
        return _Anything()

    def __getattr__(self, name):
        return _Anything()


class _AnyError(Exception):
    def __init__(self, *args, **kwargs):
        super(_AnyError, self).__init__(*args)


class _Group(object):
    """A decorator group whose every decorator leaves the function as it is."""

    def __getattr__(self, name):
        return lambda *args, **kwargs: (lambda function: function)


class _Upgrade(object):
    def __init__(self):
        self.registered = []

    def __getattr__(self, object_type):
        if object_type not in _TYPES.values():
            raise AttributeError(object_type)

        def decorator_factory(migration_id, migration_type=None):
            def decorator(function):
                if migration_type is None or getattr(migration_type, "name", "PLATFORM") == "PLATFORM":
                    self.registered.append((object_type, migration_id, function))
                return function
            return decorator
        return decorator_factory


class Plugin(object):
    def __init__(self):
        self.discovery = _Group()
        self.linked = _Group()
        self.virtual = _Group()
        self.upgrade = _Upgrade()


class _MigrationType(object):
    class _Value(object):
        def __init__(self, name):
            self.name = name
    PLATFORM = _Value("PLATFORM")
    LUA = _Value("LUA")


class PlatformHandler(logging.Handler):
    def emit(self, record):
        sys.stderr.write(self.format(record) + "\n")


def upgrade_password(password, username=None):
    """The one platform library call data migrations may make: a password becomes a credentials supplier."""
    supplier = {"type": "NamedPasswordCredential", "password": password}
    if username:
        supplier["username"] = username
    return supplier


def _no_library(name):
    def call(*args, **kwargs):
        raise RuntimeError("%s: data migrations have no access to platform libraries" % name)
    return call


def _module(name, **names):
    module = types.ModuleType(name)
    module.__dict__.update(names)

    def missing(attribute):
        if attribute.startswith("__"):
            raise AttributeError(attribute)
        if attribute.endswith("Error") or attribute.endswith("Exception"):
            return _AnyError
        return _Anything
    module.__getattr__ = missing
    module.__path__ = []
    sys.modules[name] = module
    return module


def _install_sdk_stand_in():
    _module("dlpx")
    _module("dlpx.virtualization")
    _module("dlpx.virtualization.platform", Plugin=Plugin, MigrationType=_MigrationType)
    _module("dlpx.virtualization.platform.exceptions")
    _module("dlpx.virtualization.libs", PlatformHandler=PlatformHandler, upgrade_password=upgrade_password,
            **{name: _no_library(name) for name in ("run_bash", "run_sync", "run_powershell", "run_expect",
                                                    "retrieve_credentials")})
    _module("dlpx.virtualization.libs.exceptions")
    _module("dlpx.virtualization.common")
    _module("dlpx.virtualization.common.exceptions")
    _module("generated")
    _module("generated.definitions")
    for parent, child in [("dlpx", "virtualization"), ("dlpx.virtualization", "platform"),
                          ("dlpx.virtualization", "libs"), ("dlpx.virtualization", "common"),
                          ("dlpx.virtualization.platform", "exceptions"), ("dlpx.virtualization.libs", "exceptions"),
                          ("dlpx.virtualization.common", "exceptions"), ("generated", "definitions")]:
        setattr(sys.modules[parent], child, sys.modules[parent + "." + child])


def _directories_below(src_dir):
    found = []
    for root, dirs, _ in os.walk(src_dir):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        found.extend(os.path.join(root, d) for d in dirs)
    return sorted(found, key=lambda p: os.path.relpath(p, src_dir).split(os.sep))


def load_plugin(src_dir, entry_point):
    _install_sdk_stand_in()
    src_dir = os.path.abspath(src_dir)
    sys.path.insert(0, src_dir)
    sys.path.extend(_directories_below(src_dir))
    module_name, _, object_name = entry_point.partition(":")
    return getattr(importlib.import_module(module_name), object_name)


def run(plugin, migration_ids, objects):
    wanted = {_canonical(i) for i in migration_ids}
    chains = {}
    for object_type, migration_id, function in plugin.upgrade.registered:
        if isinstance(migration_id, str) and re.match(r"^\d+(\.\d+)*$", migration_id) \
                and _canonical(migration_id) in wanted:
            chains.setdefault(object_type, []).append((_canonical(migration_id), function))
    answers = []
    for item in objects:
        chain = [f for _, f in sorted(chains.get(_TYPES[item["type"]], []), key=lambda entry: entry[0])]
        current = json.loads(json.dumps(item["data"]))
        try:
            for migrate in chain:
                current = json.loads(json.dumps(migrate(current), allow_nan=False))
            answers.append({"ok": current})
        except Exception as e:  # noqa: BLE001 (the answer names any failure)
            answers.append({"error": {"exception": type(e).__name__, "message": str(e)}})
    return answers


def main(argv):
    if len(argv) != 4:
        sys.stderr.write(__doc__)
        return 2
    with open(argv[3], encoding="utf-8") as f:
        request = json.load(f)
    answer_to = sys.stdout
    sys.stdout = sys.stderr  # what the plugin prints must not mix with the answer
    plugin = load_plugin(argv[1], argv[2])
    answers = run(plugin, request["migrations"], request["objects"])
    json.dump(answers, answer_to)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
