"""The service's own warm-up plugin.

Its migrations make the kinds of change plugins make (add, rename, move, convert and tidy fields).
The service runs them over generated objects after it starts, in a sandbox like any plugin's, so
that the JVM has compiled the interpreter's busy paths before the first real upgrade.
"""
from dlpx.virtualization.platform import Plugin

plugin = Plugin()


@plugin.upgrade.repository("1.0.1")
def add_and_rename(old):
    new = dict(old)
    new["schemaVersion"] = new.get("schemaVersion", 1) + 1
    new["description"] = new.pop("notes", "")
    if isinstance(new.get("port"), str):
        new["port"] = int(new["port"])
    return new


@plugin.upgrade.repository("1.0.2")
def move_and_convert(old):
    new = dict(old)
    new["installation"] = {"path": new.pop("installPath", "/"), "version": str(new.pop("version", "unknown"))}
    name = new.get("name", "object").strip().lower().replace(" ", "-")
    new["name"] = "%s-%d" % (name, new["schemaVersion"])
    new["encoding"] = new.get("encoding", "utf8").upper().replace("-", "")
    return new


@plugin.upgrade.repository("1.0.3")
def tidy_collections(old):
    new = dict(old)
    new["tags"] = sorted(set(t.strip().lower() for t in new.get("tags", []) if t))
    new["options"] = [o for o in new.get("options", []) if o.get("enabled", True)]
    new["retention"] = max(1, min(new.get("retention", 7), 365))
    new["flags"] = {key: bool(value) for key, value in new.get("flags", {}).items()}
    if new["installation"]["path"].startswith("/opt/"):
        new["installation"]["managed"] = True
    return new
