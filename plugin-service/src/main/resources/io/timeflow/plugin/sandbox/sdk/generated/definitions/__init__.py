"""generated.definitions: one class per definition of the plugin's schema file.

The SDK's build generates these from the schema file; Timeflow builds them when the plugin loads,
with the same names:
- a class per top-level definition (repositoryDefinition becomes RepositoryDefinition), and one per
  object nested in a definition's properties, named after the path to it
  (linkedSourceDefinition.bucketSize[] becomes LinkedSourceDefinitionBucketSize) or after its title;
- Python-style attribute names (skipHiddenAndBackup becomes skip_hidden_and_backup), constructor
  arguments in the order of the schema's properties, defaults from the schema;
- construction checks required properties, types and enums (validate=False skips the checks, as
  from_dict does); to_dict and from_dict convert to and from the schema's names;
- each class also lives in a module of its own (generated.definitions.repository_definition).
Data migrations receive plain dictionaries; these classes are for plugin code that imports them
by name and uses them at module level or in signatures.
"""

import keyword
import re
import sys
import types

import _timeflow_runtime

from generated.definitions.base_model_ import GeneratedClassesError, GeneratedClassesTypeError, Model  # noqa: F401

_JSON_TYPES = {
    "string": (str,),
    "integer": (int,),
    "number": (int, float),
    "boolean": (bool,),
    "array": (list,),
    "object": (dict,),
}


def _camelize(name):
    return "".join(part[:1].upper() + part[1:] for part in re.split(r"[^A-Za-z0-9]+", name) if part)


def _underscore(name):
    name = re.sub(r"([A-Z]+)([A-Z][a-z])", r"\1_\2", name)
    name = re.sub(r"([a-z\d])([A-Z])", r"\1_\2", name)
    return name.replace("-", "_").lower()


def _attribute(json_name):
    name = _underscore(re.sub(r"[^\w-]", "_", json_name))
    if not name:
        name = "empty"
    if name[0].isdigit():
        name = "var_" + name
    if keyword.iskeyword(name) or name in ("self", "validate"):
        name = "_" + name
    return name


class _Field(object):
    def __init__(self, attr, json_name, required, types_, nested, default, enum):
        self.attr = attr
        self.json_name = json_name
        self.required = required
        self.types = types_
        self.nested = nested
        self.default = default
        self.enum = enum


def _check(cls, field, value):
    if value is None:
        if field.required:
            raise GeneratedClassesError("The required parameter '%s' must not be 'None'." % field.attr)
        return
    if field.types is not None and not isinstance(value, field.types):
        raise GeneratedClassesTypeError(cls, field.attr, type(value), field.types[0], field.required)
    if field.enum is not None and value not in field.enum:
        raise GeneratedClassesError("Invalid enum value %s for '%s', must be one of [%s]%s." % (
            value, field.attr, ", ".join(str(v) for v in field.enum), "" if field.required else " if defined"))


def _make_class(class_name, module_name, fields):
    attrs = [f.attr for f in fields]
    by_attr = {f.attr: f for f in fields}

    def __init__(self, *args, **kwargs):
        validate = kwargs.pop("validate", True)
        if len(args) > len(attrs):
            raise TypeError("%s() takes at most %d positional arguments (%d given)"
                            % (class_name, len(attrs), len(args)))
        values = {f.attr: f.default for f in fields}
        values.update(zip(attrs, args))
        for key, value in kwargs.items():
            if key not in by_attr:
                raise TypeError("%s() got an unexpected keyword argument '%s'" % (class_name, key))
            values[key] = value
        for field in fields:
            if validate:
                _check(cls, field, values[field.attr])
            object.__setattr__(self, "_" + field.attr, values[field.attr])

    def accessor(field):
        def get(self):
            return getattr(self, "_" + field.attr)

        def set(self, value):
            _check(cls, field, value)
            object.__setattr__(self, "_" + field.attr, value)
        return property(get, set)

    namespace = {
        "__init__": __init__,
        "__module__": module_name,
        "__doc__": "The %s of the plugin's schema, as a Python object." % class_name,
        "swagger_types": {f.attr: (f.nested if f.nested is not None and f.types != (list,) else
                                   (f.types[0] if f.types else object)) for f in fields},
        "attribute_map": {f.attr: f.json_name for f in fields},
        "_nested": {f.attr: f.nested for f in fields if f.nested is not None},
    }
    for field in fields:
        namespace[field.attr] = accessor(field)
    cls = type(class_name, (Model,), namespace)
    return cls


class _Builder(object):
    """Builds the classes of a schema file, nested ones as they are met."""

    def __init__(self, root):
        self.root = root if isinstance(root, dict) else {}
        self.classes = {}
        self.building = set()

    def definition(self, key):
        schema = self.root.get(key)
        if isinstance(schema, dict):
            return self.model(key, schema)
        return None

    def reference(self, ref):
        if not isinstance(ref, str) or not ref.startswith("#"):
            return None  # a platform type (credentials and the like): a plain dictionary
        return self.definition(ref.rstrip("/").rpartition("/")[2])

    def model(self, raw_name, schema):
        class_name = _camelize(raw_name)
        if class_name in self.classes:
            return self.classes[class_name]
        if class_name in self.building:
            return None
        self.building.add(class_name)
        properties = schema.get("properties")
        required = schema.get("required") if isinstance(schema.get("required"), list) else []
        fields = []
        for json_name, prop in (properties.items() if isinstance(properties, dict) else []):
            fields.append(self.field(raw_name, json_name, prop if isinstance(prop, dict) else {},
                                     json_name in required))
        cls = _make_class(class_name, __name__ + "." + _underscore(class_name), fields)
        self.building.discard(class_name)
        self.classes[class_name] = cls
        return cls

    def inline(self, parent, json_name, schema):
        if isinstance(schema, dict) and isinstance(schema.get("properties"), dict):
            return self.model(schema.get("title") or parent + "_" + json_name, schema)
        return None

    def field(self, parent, json_name, prop, required):
        json_type = prop.get("type")
        nested = None
        types_ = _JSON_TYPES.get(json_type) if isinstance(json_type, str) else None
        if "$ref" in prop:
            nested = self.reference(prop["$ref"])
            types_ = (nested, dict) if nested is not None else None
        elif json_type == "object":
            nested = self.inline(parent, json_name, prop)
            if nested is not None:
                types_ = (nested, dict)
        elif json_type == "array":
            nested = self.inline(parent, json_name, prop.get("items"))
        default = prop.get("default")
        if isinstance(default, (list, dict)):
            default = None
        enum = prop.get("enum") if json_type in ("string", "integer", "number") else None
        return _Field(_attribute(json_name), json_name, required, types_, nested, default,
                      enum if isinstance(enum, list) else None)


def _publish(classes):
    package = sys.modules[__name__]
    for class_name, cls in classes.items():
        setattr(package, class_name, cls)
        module = types.ModuleType(cls.__module__)
        setattr(module, class_name, cls)
        sys.modules[cls.__module__] = module
        setattr(package, cls.__module__.rpartition(".")[2], module)


_builder = _Builder(_timeflow_runtime.definitions())
for _key in list(_builder.root):
    _builder.definition(_key)
_publish(_builder.classes)
del _builder, _key
