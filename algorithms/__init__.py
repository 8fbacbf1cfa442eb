"""One module per Processing algorithm; the provider registers ``ALGORITHM_CLASSES``."""


def algorithm_classes():
    """The algorithm classes that import; a broken module is logged and skipped.

    One algorithm whose dependencies fail must not take the others down with it.
    """
    classes = []
    for module_name, class_name in ALGORITHM_CLASSES:
        try:
            module = __import__(f"{__name__}.{module_name}", fromlist=[class_name])
            classes.append(getattr(module, class_name))
        except Exception as error:  # noqa: BLE001 - reported, then the others load
            _log(f"Fibre Resilience: algorithm {module_name}.{class_name} not loaded: {error!r}")
    return classes


def _log(message: str) -> None:
    try:
        from qgis.core import Qgis, QgsMessageLog

        QgsMessageLog.logMessage(message, "Fibre Resilience", Qgis.MessageLevel.Critical)
    except ImportError:
        pass
    import sys

    print(message, file=sys.stderr)


# (module, class): add a line per algorithm.
ALGORITHM_CLASSES = [
    ("score_assets", "ScoreAssetsAlgorithm"),
    ("gracethd_network", "GraceThdNetworkAlgorithm"),
    ("hazard_exposure", "HazardExposureAlgorithm"),
    ("access_routes", "AccessRoutesAlgorithm"),
    ("network_topology", "NetworkTopologyAlgorithm"),
    ("redundancy_gaps", "RedundancyGapsAlgorithm"),
    ("scenario_impact", "ScenarioImpactAlgorithm"),
    ("return_periods", "ReturnPeriodsAlgorithm"),
    ("resilience_report", "ResilienceReportAlgorithm"),
    ("power_resilience", "PowerResilienceAlgorithm"),
    ("restoration", "RestorationAlgorithm"),
    ("mitigation_plan", "MitigationPlanAlgorithm"),
]
