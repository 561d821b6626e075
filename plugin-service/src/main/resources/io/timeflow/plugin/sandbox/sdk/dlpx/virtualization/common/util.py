"""Text helpers of the platform: bytes to str and back (UTF-8 unless told otherwise)."""


def to_str(value, encoding="utf-8"):
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, (bytes, bytearray)):
        return bytes(value).decode(encoding)
    return str(value)


def to_bytes(value, encoding="utf-8"):
    if value is None or isinstance(value, bytes):
        return value
    return str(value).encode(encoding)
