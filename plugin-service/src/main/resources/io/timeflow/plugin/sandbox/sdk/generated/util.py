"""Turning plain dictionaries into generated objects (Model.from_dict)."""


def deserialize_model(data, klass):
    instance = klass(validate=False)
    if not isinstance(data, dict):
        return instance
    for attr, json_name in klass.attribute_map.items():
        if json_name in data:
            setattr(instance, attr, _deserialize(data[json_name], klass._nested.get(attr)))
    return instance


def _deserialize(value, nested):
    if value is None or nested is None:
        return value
    if isinstance(value, list):
        return [_deserialize(v, nested) for v in value]
    if isinstance(value, dict):
        return deserialize_model(value, nested)
    return value
