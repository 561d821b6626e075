from utils import OWNER


def label(name):
    return "%s:%s" % (OWNER, name)
