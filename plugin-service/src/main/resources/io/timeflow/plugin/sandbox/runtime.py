# Timeflow plugin runtime: runs inside one sandboxed GraalPy context per plugin version.
#
# It serves the plugin's sources and the Virtualization SDK shim from memory (the context has no
# file access) and imports the plugin the way the SDK's build and the platform do: the source
# directory first on sys.path, then (after the standard library) every directory below it, so that
# modules in sub-directories and namespace folders without __init__.py import by their bare names.
# It loads the plugin's entry point, reports the data migrations its Plugin object registered, and
# runs batches of objects through chains of migrations. Java hands every input over as JSON text
# and reads every answer back as JSON text. What plugins log through PlatformHandler is kept for
# Java (drain_log) and written to the captured output.

import importlib.abc
import importlib.machinery
import importlib.util
import json
import linecache
import sys
import traceback

_ROOTS = {}          # virtual sys.path entry -> (files: {relative path: source}, shown file prefix)
_STATE = {"plugin": None, "src_prefix": None, "violations": [], "log": [], "log_chars": 0, "log_dropped": 0}
_STDERR = sys.stderr  # bound before any plugin code runs, so that a plugin cannot swap it
_LOG_CHARS_PER_DRAIN = 1 << 20
_PLUGIN_ROOT = "/timeflow/plugin"
_SDK_ROOT = "/timeflow/sdk"


class _MemoryLoader(importlib.abc.Loader):
    def __init__(self, filename, source):
        self._filename = filename
        self._source = source

    def create_module(self, spec):
        return None

    def exec_module(self, module):
        module.__file__ = self._filename
        code = compile(self._source, self._filename, "exec", dont_inherit=True)
        exec(code, module.__dict__)


class _MemoryFinder(importlib.abc.PathEntryFinder):
    """Finds modules of one directory of a virtual root, as the file system finder would."""

    def __init__(self, root, files, shown, directory):
        self._root = root
        self._files = files
        self._shown = shown
        self._directory = directory

    def find_spec(self, fullname, target=None):
        last = fullname.rpartition(".")[2]
        base = self._directory + "/" + last if self._directory else last
        init = base + "/__init__.py"
        location = self._root + "/" + base
        if init in self._files:
            filename = self._shown + init
            spec = importlib.util.spec_from_loader(fullname, _MemoryLoader(filename, self._files[init]),
                                                   origin=filename, is_package=True)
            spec.submodule_search_locations = [location]
            spec.has_location = True
            return spec
        module_file = base + ".py"
        if module_file in self._files:
            filename = self._shown + module_file
            spec = importlib.util.spec_from_loader(fullname, _MemoryLoader(filename, self._files[module_file]),
                                                   origin=filename)
            spec.has_location = True
            return spec
        prefix = base + "/"
        if any(name.startswith(prefix) for name in self._files):
            spec = importlib.machinery.ModuleSpec(fullname, None, is_package=True)
            spec.submodule_search_locations = [location]
            return spec
        return None

    def invalidate_caches(self):
        pass


def _path_hook(entry):
    for root, (files, shown) in _ROOTS.items():
        if entry == root:
            return _MemoryFinder(root, files, shown, "")
        if entry.startswith(root + "/"):
            return _MemoryFinder(root, files, shown, entry[len(root) + 1:])
    raise ImportError("not a Timeflow virtual directory")


def _mount(root, files, shown):
    _ROOTS[root] = (files, shown)
    for relative, source in files.items():
        filename = shown + relative
        linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)


def _plugin_frame(tb):
    """The innermost frame of a traceback that lies in the plugin's own sources."""
    prefix = _STATE["src_prefix"]
    found = None
    for frame in traceback.extract_tb(tb):
        if prefix is not None and frame.filename.startswith(prefix):
            found = frame
    return found


def _describe_exception(e):
    frame = _plugin_frame(e.__traceback__)
    try:
        message = getattr(e, "message", None)  # the SDK's exceptions carry more than their message in args
    except Exception:
        message = None
    if not isinstance(message, str) or not message:
        message = str(e)
    if len(message) > 2000:
        message = message[:2000] + "..."
    return {
        "exception": type(e).__name__,
        "message": message,
        "file": frame.filename if frame else None,
        "line": frame.lineno if frame else None,
    }


def _refusal(e):
    """Marks an exception as the sandbox refusing plugin code something, whatever its Python type."""
    e._timeflow_refusal = True
    return e


def _refused(e):
    """Whether an exception is the sandbox's refusal rather than the migration's own error: one the runtime
    marked, a PermissionError (what the context raises for files and processes) or an attempt to exit."""
    return isinstance(e, (PermissionError, SystemExit)) or getattr(e, "_timeflow_refusal", False) is True


class _NoEnvironment(dict):
    """os.environ in the sandbox: the context has no environment, and asking for it is an error."""

    def _refuse(self, *args, **kwargs):
        raise PermissionError("environment access is not allowed in the plugin sandbox")

    __getitem__ = get = setdefault = pop = _refuse
    __setitem__ = __delitem__ = update = _refuse
    keys = items = values = __iter__ = __contains__ = copy = _refuse


class _NativeCodeBlocker(importlib.abc.MetaPathFinder):
    """ctypes and friends would reach native code, which the sandbox forbids: say so on import."""

    BLOCKED = {"ctypes", "_ctypes", "cffi", "_cffi_backend"}

    def find_spec(self, fullname, path=None, target=None):
        if fullname.partition(".")[0] in self.BLOCKED:
            raise _refusal(ImportError("%s is not available in the plugin sandbox: native code is not allowed"
                                       % fullname, name=fullname))
        return None


# the ways from Python to the host and the other languages; the context refuses them too, but with errors that
# look like any other (a KeyError, a RuntimeError): refused here, the error is known to be the sandbox's
_HOST_DOORS = {
    "java": ("type", "add_to_classpath", "is_function", "is_object", "is_symbol", "is_type", "instanceof"),
    "polyglot": ("eval", "eval_file", "import_value", "export_value"),
}


def _refusing(module, name):
    what = "host access has been denied" if module == "java" else "polyglot access is not allowed"

    def refuse(*args, **kwargs):
        raise PermissionError("%s.%s: %s in the plugin sandbox" % (module, name, what))

    return refuse


class _Stopped(BaseException):
    """The sandbox stopping plugin code that reached for what no plugin may use: the network, a process, a thread.
    A BaseException, so that a plugin's `except Exception` does not catch it; re-raised by the runtime after any
    plugin code that swallowed it, so that the call ends and the host reads its kind (`timeflow_stop`, one of the host's SandboxStop names) instead of
    the words of an error."""

    def __init__(self, kind, what):
        super().__init__("%s is not allowed in the plugin sandbox" % what)
        self.timeflow_stop = kind


# what plugin code may not reach, by module: the context refuses it too, with host errors that only their words
# tell apart; stopped here, the kind of stop is known
_STOPPING_DOORS = {
    "socket": ("NETWORK", ("socket", "create_connection", "create_server", "getaddrinfo", "gethostbyname",
                           "gethostbyname_ex", "gethostbyaddr", "socketpair", "fromfd")),
    "_socket": ("NETWORK", ("socket", "getaddrinfo", "gethostbyname", "gethostbyname_ex", "gethostbyaddr",
                            "socketpair")),
    "os": ("PROCESS", ("system", "popen", "fork", "forkpty", "execv", "execve", "execl", "execle", "execlp",
                       "execlpe", "execvp", "execvpe", "spawnv", "spawnve", "spawnl", "spawnle", "spawnlp",
                       "spawnlpe", "spawnvp", "spawnvpe", "posix_spawn", "posix_spawnp")),
    "_thread": ("THREAD", ("start_new_thread", "start_new")),
}


def _stopping(kind, module, name):
    what = {"NETWORK": "network access", "PROCESS": "starting a process", "THREAD": "starting a thread"}[kind]

    def stop(*args, **kwargs):
        # kept, so that the call ends even if the plugin swallows the exception (a bare except)
        _STATE["stopped"] = _Stopped(kind, "%s (%s.%s)" % (what, module, name))
        raise _STATE["stopped"]

    return stop


def _shut(module, name, replacement):
    try:
        setattr(module, name, replacement)
    except (AttributeError, TypeError):
        pass  # the context's own refusal stays, as a stop of an unknown kind


def _raise_if_stopped():
    """Ends the call if plugin code reached for what the runtime stops, even if it caught the stop itself."""
    if _STATE.get("stopped") is not None:
        raise _STATE["stopped"]


def _lock_down():
    import os
    os.environ = _NoEnvironment()
    for name in list(sys.modules):
        if name.partition(".")[0] in _NativeCodeBlocker.BLOCKED:
            del sys.modules[name]
    sys.meta_path.insert(0, _NativeCodeBlocker())
    for module_name, doors in _HOST_DOORS.items():
        try:
            module = importlib.import_module(module_name)
        except ImportError:
            continue
        for door in doors:
            if hasattr(module, door):
                try:
                    setattr(module, door, _refusing(module_name, door))
                except (AttributeError, TypeError):
                    pass  # the context's own refusal stays, as a failed migration rather than a violation
    for module_name, (kind, doors) in _STOPPING_DOORS.items():
        try:
            module = importlib.import_module(module_name)
        except Exception:
            continue  # not in this interpreter: nothing to shut
        for door in doors:
            if hasattr(module, door):
                _shut(module, door, _stopping(kind, module_name, door))
    import threading
    _shut(threading.Thread, "start", _stopping("THREAD", "threading", "Thread.start"))


def _log(level, message):
    """Called by PlatformHandler (through the SDK shim) for each record a plugin logs."""
    try:
        _STDERR.write(message + "\n")
    except Exception:
        pass
    size = len(message)
    if _STATE["log_chars"] + size > _LOG_CHARS_PER_DRAIN:
        _STATE["log_dropped"] += 1
        return
    _STATE["log_chars"] += size
    _STATE["log"].append([int(level), message])


def drain_log():
    """The records logged through PlatformHandler since the last call: {records: [[level, text]], dropped}."""
    answer = json.dumps({"records": _STATE["log"], "dropped": _STATE["log_dropped"]})
    _STATE["log"] = []
    _STATE["log_chars"] = 0
    _STATE["log_dropped"] = 0
    return answer


def _directories(files):
    """Every directory that holds a file of the plugin, depth first and sorted (a, a/b, a/b/c, b ...)."""
    found = set()
    for relative in files:
        parts = relative.split("/")[:-1]
        for i in range(1, len(parts) + 1):
            if parts[i - 1] != "__pycache__":
                found.add(tuple(parts[:i]))
    return ["/".join(d) for d in sorted(found)]


def syntax_errors(plugin_files_json, src_dir, limit):
    """Compiles (never runs) each source file; answers JSON [{file, line, message}] of those that do not."""
    shown = src_dir + "/" if src_dir else ""
    found = []
    for relative, source in sorted(json.loads(plugin_files_json).items()):
        try:
            compile(source, shown + relative, "exec", dont_inherit=True)
        except SyntaxError as e:
            found.append({"file": shown + relative, "line": e.lineno or 0, "message": e.msg or "invalid syntax"})
            if len(found) >= limit:
                break
        except (ValueError, TypeError) as e:
            found.append({"file": shown + relative, "line": 0, "message": str(e)})
    return json.dumps(found)


def record_violation(message):
    """Called by the SDK shim when plugin code reaches for something a migration may not use."""
    _STATE["violations"].append(message)


def load(sdk_files_json, plugin_files_json, src_dir, entry_module, entry_object, definitions_json):
    """Loads the plugin; answers JSON: {ok, migrations, operations} or {ok: false, error}."""
    sdk_files = json.loads(sdk_files_json)
    # the SDK's build generates the generated package from the schema file, replacing any copy in
    # the sources: the service's own (built from the schema) is the one plugins import
    plugin_files = {path: source for path, source in json.loads(plugin_files_json).items()
                    if not path.startswith("generated/")}
    shown_src = src_dir + "/" if src_dir else ""
    _STATE["src_prefix"] = shown_src
    _mount(_SDK_ROOT, sdk_files, "<timeflow-sdk>/")
    _mount(_PLUGIN_ROOT, plugin_files, shown_src)
    sys.path_hooks.insert(0, _path_hook)
    sys.path[:0] = [_PLUGIN_ROOT, _SDK_ROOT]
    sys.path.extend(_PLUGIN_ROOT + "/" + d for d in _directories(plugin_files))
    sys.path_importer_cache.clear()
    sys.modules["_timeflow_runtime"] = _runtime_module()
    _STATE["definitions"] = json.loads(definitions_json)
    _lock_down()

    try:
        module = importlib.import_module(entry_module)
    except SyntaxError as e:
        return json.dumps({"ok": False, "error": {
            "kind": "SYNTAX", "exception": type(e).__name__, "message": e.msg or "invalid syntax",
            "file": e.filename, "line": e.lineno}})
    except ModuleNotFoundError as e:
        details = _describe_exception(e)
        if details["file"] is None and e.name is not None and entry_module.startswith(e.name):
            details["kind"] = "ENTRY_MODULE_MISSING"
        else:
            details["kind"] = "IMPORT"
        return json.dumps({"ok": False, "error": details})
    except _Stopped:
        raise
    except BaseException as e:
        _raise_if_stopped()
        details = _describe_exception(e)
        details["kind"] = "IMPORT"
        return json.dumps({"ok": False, "error": details})
    _raise_if_stopped()
    if _STATE["violations"]:
        return json.dumps({"ok": False, "error": {"kind": "IMPORT", "exception": "PlatformLibraryError",
                                                  "message": _STATE["violations"][0], "file": None, "line": None}})
    if not hasattr(module, entry_object):
        return json.dumps({"ok": False, "error": {"kind": "ENTRY_OBJECT_MISSING", "exception": None,
                                                  "message": "module %s has no attribute %s" % (entry_module, entry_object),
                                                  "file": None, "line": None}})
    plugin = getattr(module, entry_object)
    from dlpx.virtualization.platform import Plugin
    if not isinstance(plugin, Plugin):
        return json.dumps({"ok": False, "error": {"kind": "NOT_A_PLUGIN", "exception": None,
                                                  "message": "%s is a %s, not a dlpx.virtualization.platform.Plugin"
                                                             % (entry_object, type(plugin).__name__),
                                                  "file": None, "line": None}})
    _STATE["plugin"] = plugin
    migrations = []
    for entry in plugin._migrations():
        raw = entry["id"]
        migrations.append({
            "id": raw if isinstance(raw, str) else None,
            "idType": type(raw).__name__,
            "type": entry["type"],
            "function": entry["function"],
            "file": entry["file"],
            "line": entry["line"],
        })
    return json.dumps({"ok": True, "migrations": migrations, "operations": plugin._operations()})


def _runtime_module():
    """What the SDK shim may use of this runtime, as module _timeflow_runtime."""
    import types
    module = types.ModuleType("_timeflow_runtime")
    module.record_violation = record_violation
    module.definitions = lambda: _STATE["definitions"]
    module.log = _log
    return module


# One encoder for every answer, bound before any plugin code runs: compact, and refusing NaN and
# infinities, which JSON has no words for.
_ENCODE = json.JSONEncoder(allow_nan=False, separators=(",", ":")).encode
_NOT_JSON = (TypeError, ValueError, RecursionError)


def run_batch(indices_json, objects_json, tick):
    """Runs each object through the migrations (by registration index), in order.

    Answers a JSON array with, per object, {"ok": object} or {"error": {...}}. tick(object, step) is
    called before each migration call, so that the host's watchdog can time the call and knows which
    object and migration were running if the sandbox has to stop it.
    """
    registered = _STATE["plugin"]._migrations()
    chain = [registered[i]["func"] for i in json.loads(indices_json)]
    objects = json.loads(objects_json)
    results = []
    for n, current in enumerate(objects):
        error = None
        for step, migrate in enumerate(chain):
            tick(n, step)
            del _STATE["violations"][:]
            try:
                result = migrate(current)
                _raise_if_stopped()
            except _Stopped:
                raise
            except BaseException as e:
                _raise_if_stopped()
                error = _describe_exception(e)
                error["kind"] = "REFUSED" if _refused(e) else "RAISED"
                error["step"] = step
                break
            if _STATE["violations"]:
                error = {"kind": "PLATFORM_LIBRARY", "step": step, "message": _STATE["violations"][0]}
                break
            if not isinstance(result, dict):
                error = {"kind": "NOT_A_DICT", "step": step, "message": "returned %s, not a dict" % type(result).__name__}
                break
            current = result
        results.append({"ok": current} if error is None else {"error": error})
    try:
        # the whole batch in one go: encoding object by object costs a third of the batch's time
        return _ENCODE(results)
    except _NOT_JSON:
        pass
    # some object came out as something JSON cannot say: find which, one by one
    answers = []
    for answer in results:
        try:
            answers.append(_ENCODE(answer))
        except _NOT_JSON as e:
            answers.append(_ENCODE({"error": {
                "kind": "NOT_JSON", "step": len(chain) - 1,
                "message": "returned data that is not JSON: %s" % type(e).__name__ + ": " + str(e)[:200]}}))
    return "[" + ",".join(answers) + "]"
