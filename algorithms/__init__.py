"""One module per Processing algorithm; the provider registers ``ALGORITHM_CLASSES``."""


def algorithm_classes():
    """The algorithm classes, imported lazily so that a broken one names itself."""
    classes = []
    for module_name, class_name in ALGORITHM_CLASSES:
        module = __import__(f"{__name__}.{module_name}", fromlist=[class_name])
        classes.append(getattr(module, class_name))
    return classes


# (module, class): add a line per algorithm.
ALGORITHM_CLASSES = []
