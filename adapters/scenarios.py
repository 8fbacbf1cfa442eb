"""Hazard scenarios with their return periods, read into line pieces for the core.

Two ways in: several rasters (one per return period, each read on its own cells by
:mod:`rasters`), or one polygon layer whose scenario field names the scenario of each zone
(TRI: ``scenario`` = 01For, 02Moy, 04Fai), with an optional intensity field.
"""

from typing import Dict, List

import numpy as np
from qgis.core import QgsProcessingException, QgsWkbTypes

from ..core.errors import InputError
from ..core.raster_sampling import line_pieces
from ..core.return_periods import Scenario, parse_return_periods, zone_pieces
from ..i18n import tr
from . import layers, rasters


def _return_periods(text: str, codes) -> Dict[str, float]:
    try:
        return parse_return_periods(text, codes)
    except InputError as error:
        raise QgsProcessingException(str(error)) from None


def raster_scenarios(
    alg, parameters, key: str, context, network, crs, feedback, text: str
) -> List[Scenario]:
    """One scenario per raster of the multiple-layer parameter ``key``, in the order of
    RETURN_PERIODS (``10;100;1000``)."""
    rasters_given = rasters.raster_layers(alg, parameters, key, context)
    periods = list(_return_periods(text, None).values())
    if len(periods) != len(rasters_given):
        raise QgsProcessingException(
            tr("{key}: {n} rasters but {k} return periods in RETURN_PERIODS.").format(
                key=key, n=len(rasters_given), k=len(periods)
            )
        )
    scenarios = []
    for raster, years in zip(rasters_given, periods):
        window = rasters.raster_window(
            raster,
            key,
            1,
            network.geometries,
            crs,
            network.name,
            feedback,
            tr("that scenario floods nothing."),
        )
        if window.grid is None:
            line, length, value = np.zeros(0, np.int64), np.zeros(0), np.zeros(0)
        else:
            line, length, value = line_pieces(window.assets, window.grid, window.to_working)
        dtype = window.grid.array.dtype if window.grid is not None else None
        scenarios.append(Scenario(years, raster.name(), line, length, value, dtype))
    return scenarios


def zone_scenarios(
    alg,
    parameters,
    key: str,
    scenario_field: str,
    value_field: str,
    context,
    network,
    crs,
    feedback,
    text: str,
) -> List[Scenario]:
    """One scenario per code of ``scenario_field`` that RETURN_PERIODS (or the TRI
    defaults) gives a return period; zones of other codes are named in a warning."""
    source = layers.require_source(alg, parameters, key, context)
    name = layers.layer_name(alg, parameters, key, context)
    layers.require_geometry(source, name, [QgsWkbTypes.GeometryType.PolygonGeometry], key)
    if not scenario_field:
        raise QgsProcessingException(
            tr("{key} needs SCENARIO_FIELD: the field naming each zone's scenario.").format(key=key)
        )
    zones = layers.read_layer(source, name, crs, context, feedback)
    codes = np.array(["" if v is None else str(v).strip() for v in zones.values(scenario_field)])
    present = sorted(set(codes.tolist()) - {""})
    periods = _return_periods(text, present)
    missing = [code for code in periods if code not in present]
    if missing:
        raise QgsProcessingException(
            tr(
                'RETURN_PERIODS names {codes}, which no zone of "{layer}" has in {field} '
                "(it has: {present})."
            ).format(
                codes=", ".join(missing),
                layer=name,
                field=scenario_field,
                present=", ".join(present) or "-",
            )
        )
    ignored = [code for code in present if code not in periods]
    if ignored:
        feedback.pushWarning(
            tr('Zones of "{layer}" with {field} = {codes} have no return period: ignored.').format(
                layer=name, field=scenario_field, codes=", ".join(ignored)
            )
        )
    values = zones.numbers(value_field) if value_field else np.ones(len(zones))
    scenarios = []
    for code, years in periods.items():
        mine = codes == code
        line, length, value = zone_pieces(network.geometries, zones.geometries[mine], values[mine])
        scenarios.append(Scenario(years, code, line, length, value))
    return scenarios
