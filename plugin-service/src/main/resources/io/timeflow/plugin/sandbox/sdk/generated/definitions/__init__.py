"""generated.definitions: one class per definition of the plugin's schema file.

The SDK generates these at build time; Timeflow builds them when the plugin loads. Properties use
Python-style names (skipHiddenAndBackup becomes skip_hidden_and_backup); to_dict and from_dict
convert from and to the schema's names.
"""

import re

import _timeflow_runtime

_CLASS_NAMES = {
    "repositoryDefinition": "RepositoryDefinition",
    "sourceConfigDefinition": "SourceConfigDefinition",
    "linkedSourceDefinition": "LinkedSourceDefinition",
    "virtualSourceDefinition": "VirtualSourceDefinition",
    "snapshotDefinition": "SnapshotDefinition",
    "snapshotParametersDefinition": "SnapshotParametersDefinition",
}


def _snake(name):
    name = re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", name)
    name = re.sub(r"([A-Z]+)([A-Z][a-z])", r"\1_\2", name)
    return name.lower()


class _Definition(object):
    _fields = {}

    def __init__(self, **kwargs):
        for snake in self._fields:
            object.__setattr__(self, snake, None)
        for key, value in kwargs.items():
            if key not in self._fields:
                raise TypeError("%s has no property %s" % (type(self).__name__, key))
            object.__setattr__(self, key, value)

    def __setattr__(self, key, value):
        if key not in self._fields:
            raise AttributeError("%s has no property %s" % (type(self).__name__, key))
        object.__setattr__(self, key, value)

    def to_dict(self):
        return {json_name: getattr(self, snake) for snake, json_name in self._fields.items()
                if getattr(self, snake) is not None}

    @classmethod
    def from_dict(cls, data):
        reverse = {json_name: snake for snake, json_name in cls._fields.items()}
        return cls(**{reverse[k]: v for k, v in data.items() if k in reverse})

    def __eq__(self, other):
        return type(self) is type(other) and self.to_dict() == other.to_dict()

    def __repr__(self):
        return "%s(%s)" % (type(self).__name__, ", ".join(sorted(self._fields)))


def _define(key, schema):
    properties = schema.get("properties", {}) if isinstance(schema, dict) else {}
    fields = {_snake(name): name for name in properties}
    return type(_CLASS_NAMES[key], (_Definition,), {"_fields": fields, "__module__": __name__})


for _key, _schema in _timeflow_runtime.definitions().items():
    if _key in _CLASS_NAMES:
        globals()[_CLASS_NAMES[_key]] = _define(_key, _schema)
