"""Fibre Resilience: a resilience plan for a public fibre network (QGIS plugin)."""


def classFactory(iface):  # noqa: N802 - the name QGIS looks for
    from .plugin import FibreResiliencePlugin

    return FibreResiliencePlugin(iface)
