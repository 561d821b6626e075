NAME = "legacy"


def parse(text):
    try:
        return int(text)
    except ValueError, e:
        return 0L
