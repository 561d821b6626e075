"""Base class and errors of the generated definition classes."""

import json


class GeneratedClassesError(Exception):
    """A generated object was given a value its schema does not allow."""

    @property
    def message(self):
        return self.args[0]

    def __init__(self, message):
        super(GeneratedClassesError, self).__init__(message)


def _type_name(t):
    if isinstance(t, (list, tuple, set)):
        return "[" + ", ".join(sorted(_type_name(x) for x in t)) + "]"
    return getattr(t, "__name__", str(t))


class GeneratedClassesTypeError(GeneratedClassesError):
    """A generated object was given a value of the wrong type."""

    def __init__(self, object_type, parameter_name, actual_type, expected_type, required):
        super(GeneratedClassesTypeError, self).__init__(
            "%s's parameter '%s' was type '%s' but should be of type '%s'%s." % (
                object_type.__name__, parameter_name, _type_name(actual_type), _type_name(expected_type),
                "" if required else " if defined"))


class Model(object):
    """A schema definition as a Python object: Python-style attribute names over the schema's names.

    swagger_types maps each attribute to its Python type, attribute_map to the schema's property
    name. to_dict gives the schema's form (attributes that are None are left out).
    """

    swagger_types = {}
    attribute_map = {}

    @classmethod
    def from_dict(cls, dikt):
        from generated import util
        return util.deserialize_model(dikt, cls)

    def to_dict(self):
        result = {}
        for attr in self.swagger_types:
            value = getattr(self, attr)
            if value is None:
                continue
            result[self.attribute_map[attr]] = _plain(value)
        return result

    def to_str(self):
        import pprint
        return pprint.pformat(self.to_dict())

    def __repr__(self):
        return self.to_str()

    def __eq__(self, other):
        return isinstance(other, Model) and self.to_dict() == other.to_dict()

    def __ne__(self, other):
        return not self == other

    def __hash__(self):
        import hashlib
        text = json.dumps(self.to_dict(), sort_keys=True, ensure_ascii=True, default=str)
        return int(hashlib.sha1(text.encode()).hexdigest(), 16)


def _plain(value):
    if isinstance(value, Model):
        return value.to_dict()
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value
