"""What the road algorithms share: the road and hazard parameters, and the road graph build.

``accessroutes`` and ``powerresilience`` declare the same ROADS, SPEED_FIELD, SPEED_PRESET,
DEFAULT_SPEED, DIRECTION_FIELD (the roads) and BLOCKED, BLOCKED_RASTER, MAX_DEPTH,
DEPTH_SPEED_FACTOR, KEEP_BRIDGES, BRIDGE_EXPRESSION (the hazard) parameters, read them the
same way and build the road graph with :func:`core.roads.build_road_network` once, so that a
travel time means the same in both.
"""

from dataclasses import dataclass
from typing import Optional

from qgis.core import (
    QgsProcessing,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterEnum,
    QgsProcessingParameterExpression,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterNumber,
    QgsWkbTypes,
)

from ..core.roads import INVALID_SPEED, build_road_network, road_attributes
from . import errors, expressions, layers, polygons, rasters
from .network import advanced

ROADS = "ROADS"
SPEED_FIELD = "SPEED_FIELD"
SPEED_PRESET = "SPEED_PRESET"
DEFAULT_SPEED = "DEFAULT_SPEED"
DIRECTION_FIELD = "DIRECTION_FIELD"
BLOCKED = "BLOCKED"
BLOCKED_RASTER = "BLOCKED_RASTER"
MAX_DEPTH = "MAX_DEPTH"
DEPTH_SPEED_FACTOR = "DEPTH_SPEED_FACTOR"
KEEP_BRIDGES = "KEEP_BRIDGES"
BRIDGE_EXPRESSION = "BRIDGE_EXPRESSION"

PRESETS = ["none", "osm", "bdtopo"]
PRESET_FIELDS = {
    "osm": ("highway", "maxspeed", "bridge", "junction", "access", "motor_vehicle", "motorcar"),
    "bdtopo": (
        "vitesse_moyenne_vl",
        "nature",
        "position_par_rapport_au_sol",
        "etat_de_l_objet",
        "acces_vehicule_leger",
        "franchisst",
    ),
    "none": (),
}


def add_road_parameters(alg, optional=False):
    """Declare ROADS and how to read their speed and direction (in the order users fill them)."""
    tr = alg.tr
    alg.addParameter(
        QgsProcessingParameterFeatureSource(
            ROADS, tr("Roads"), [QgsProcessing.SourceType.TypeVectorLine], optional=optional
        )
    )
    alg.addParameter(
        QgsProcessingParameterField(
            SPEED_FIELD,
            tr("Speed field (km/h)"),
            parentLayerParameterName=ROADS,
            type=QgsProcessingParameterField.DataType.Numeric,
            optional=True,
        )
    )
    alg.addParameter(
        QgsProcessingParameterEnum(
            SPEED_PRESET,
            tr("Road preset"),
            options=[
                tr("None"),
                tr("OpenStreetMap (highway, maxspeed, bridge…)"),
                tr("BD TOPO troncon_de_route"),
            ],
            defaultValue=0,
        )
    )
    alg.addParameter(
        QgsProcessingParameterNumber(
            DEFAULT_SPEED,
            tr("Default speed (km/h)"),
            QgsProcessingParameterNumber.Type.Double,
            defaultValue=50.0,
            minValue=0.1,
        )
    )
    alg.addParameter(
        QgsProcessingParameterField(
            DIRECTION_FIELD,
            tr("One-way field (oneway, sens_de_circulation, forward/backward/both)"),
            parentLayerParameterName=ROADS,
            optional=True,
        )
    )


def add_hazard_parameters(alg):
    """Declare the hazard on the roads: blocked polygons, a water-depth raster, bridges."""
    tr = alg.tr
    alg.addParameter(
        QgsProcessingParameterFeatureSource(
            BLOCKED,
            tr("Blocked areas (polygons)"),
            [QgsProcessing.SourceType.TypeVectorPolygon],
            optional=True,
        )
    )
    alg.addParameter(
        rasters.RasterLayerParameter(BLOCKED_RASTER, tr("Water depth raster (m)"), optional=True)
    )
    alg.addParameter(
        QgsProcessingParameterNumber(
            MAX_DEPTH,
            tr("Impassable above depth (m)"),
            QgsProcessingParameterNumber.Type.Double,
            defaultValue=0.3,
            minValue=0.0,
        )
    )
    alg.addParameter(
        advanced(
            QgsProcessingParameterNumber(
                DEPTH_SPEED_FACTOR,
                tr("Speed factor in shallower water (1 = no slowing)"),
                QgsProcessingParameterNumber.Type.Double,
                defaultValue=1.0,
                minValue=0.01,
                maxValue=1.0,
            )
        )
    )
    alg.addParameter(
        QgsProcessingParameterBoolean(KEEP_BRIDGES, tr("Bridges stay open"), defaultValue=True)
    )
    alg.addParameter(
        advanced(
            QgsProcessingParameterExpression(
                BRIDGE_EXPRESSION,
                tr("Bridge expression (on roads)"),
                parentLayerParameterName=ROADS,
                optional=True,
            )
        )
    )


@dataclass
class RoadSpec:
    """The road and hazard parameters as given (sources checked, nothing read yet)."""

    source: object
    name: str
    blocked_source: object
    raster_layer: object
    speed_field: str
    preset: str
    default_speed: float
    direction_field: str
    max_depth: float
    depth_factor: float
    keep_bridges: bool
    bridge_text: str


def road_spec(alg, parameters, context, optional=False) -> Optional[RoadSpec]:
    """Read and check the road and hazard parameters; None when optional and no ROADS."""
    source = layers.require_source(alg, parameters, ROADS, context, optional=optional)
    if source is None:
        return None
    blocked_source = polygons.require_polygons(alg, parameters, BLOCKED, context, optional=True)
    raster_layer = rasters.raster_layer(alg, parameters, BLOCKED_RASTER, context)
    spec = RoadSpec(
        source=source,
        name=layers.layer_name(alg, parameters, ROADS, context),
        blocked_source=blocked_source,
        raster_layer=raster_layer,
        speed_field=alg.parameterAsString(parameters, SPEED_FIELD, context),
        preset=PRESETS[alg.parameterAsEnum(parameters, SPEED_PRESET, context)],
        default_speed=alg.parameterAsDouble(parameters, DEFAULT_SPEED, context),
        direction_field=alg.parameterAsString(parameters, DIRECTION_FIELD, context),
        max_depth=alg.parameterAsDouble(parameters, MAX_DEPTH, context),
        depth_factor=alg.parameterAsDouble(parameters, DEPTH_SPEED_FACTOR, context),
        keep_bridges=alg.parameterAsBoolean(parameters, KEEP_BRIDGES, context),
        bridge_text=expressions.expression_parameter(alg, parameters, BRIDGE_EXPRESSION, context),
    )
    layers.require_geometry(source, spec.name, [QgsWkbTypes.GeometryType.LineGeometry], ROADS)
    return spec


@dataclass
class RoadInputs:
    """The roads as read, their graph and the hazard, ready for ``core.access``."""

    roads: layers.LayerArrays
    network: object  # core.roads.RoadNetwork
    blocked: object  # polygons in the working CRS, or None
    raster: object  # core RasterGrid, or None
    to_raster: object
    spec: RoadSpec

    def hazard_options(self) -> dict:
        """The hazard keywords of ``core.access.crew_access``."""
        spec = self.spec
        return {
            "blocked": self.blocked,
            "raster": self.raster,
            "max_depth": spec.max_depth,
            "depth_speed_factor": spec.depth_factor if spec.depth_factor < 1 else None,
            "keep_bridges": spec.keep_bridges,
            "raster_transform": self.to_raster,
        }


def read_roads(alg, spec, parameters, context, feedback, crs, progress_range=(0, 14)):
    """Read the roads and the hazard into ``crs`` and build the road graph (one core call)."""
    start, end = progress_range
    span = end - start
    fields = spec.source.fields()
    wanted = [name for name in PRESET_FIELDS[spec.preset] if fields.lookupField(name) >= 0]
    wanted += [name for name in (spec.speed_field, spec.direction_field) if name]
    wanted += sorted(expressions.referenced_columns(spec.bridge_text))
    roads = layers.read_layer(
        spec.source,
        spec.name,
        crs,
        context,
        feedback,
        progress_range=(start, start + 0.6 * span),
        now=wanted,  # read with the geometries in one pass, not one scan a field
    )
    columns = {
        name: roads.values(name)
        for name in PRESET_FIELDS[spec.preset]
        if roads.fields.lookupField(name) >= 0
    }
    speed = None
    if spec.speed_field:  # as values: a NaN speed excludes its road, a NULL takes the default
        roads.require_field(spec.speed_field, numeric=True)
        speed = roads.values(spec.speed_field)
    direction = roads.values(spec.direction_field) if spec.direction_field else None
    bridge = None
    if spec.bridge_text:
        bridge = expressions.expression_values(
            alg,
            parameters,
            context,
            roads,
            spec.bridge_text,
            spec.source,
            BRIDGE_EXPRESSION,
            feedback,
        )
    blocked = None
    if spec.blocked_source is not None:
        blocked = polygons.read_polygons(
            spec.blocked_source,
            layers.layer_name(alg, parameters, BLOCKED, context),
            crs,
            context,
            feedback,
            progress_range=(start + 0.6 * span, start + 0.8 * span),
        ).geometries
    raster, to_raster = None, None
    if spec.raster_layer is not None:
        window = rasters.raster_window(
            spec.raster_layer,
            BLOCKED_RASTER,
            1,
            roads.geometries,
            crs,
            spec.name,
            feedback,
            alg.tr("no road is blocked by it."),
        )
        raster, to_raster = window.grid, window.to_raster
    with errors.core_errors():
        attributes = road_attributes(
            len(roads), columns, spec.preset, speed, direction, spec.default_speed, bridge
        )
        network = build_road_network(roads.geometries, attributes)
    feedback.setProgress(end)
    return RoadInputs(roads, network, blocked, raster, to_raster, spec)


def warn_roads(alg, feedback, network, speed_field):
    """One warning per kind of road left out or read with a default."""
    att = network.attributes
    for reason, count in att.excluded.items():
        if reason == INVALID_SPEED:
            feedback.pushWarning(
                alg.tr(
                    '{n} roads excluded: their speed in field "{field}" (SPEED_FIELD) is '
                    "NaN, infinite or negative."
                ).format(n=count, field=speed_field)
            )
            continue
        feedback.pushWarning(alg.tr("{n} roads excluded: {reason}.").format(n=count, reason=reason))
    if att.speed_defaulted:
        feedback.pushWarning(
            alg.tr("{n} roads have no usable speed: the default speed is used.").format(
                n=att.speed_defaulted
            )
        )
    if att.direction_unknown:
        feedback.pushWarning(
            alg.tr("{n} roads have an unknown direction value: two-way.").format(
                n=att.direction_unknown
            )
        )
    if network.skipped_geometry:
        feedback.pushWarning(
            alg.tr("{n} roads have no line geometry: skipped.").format(n=network.skipped_geometry)
        )


def read_road_lines(alg, parameters, key, context, feedback, crs, progress_range=(0, 10)):
    """The lines of parameter ``key`` as a road graph where every road counts, both ways.

    For the algorithms that only need where a road runs (``mitigationplan``: where a new
    trench can go), not how fast it is driven. None when the parameter is not given.
    """
    source = layers.require_source(alg, parameters, key, context, optional=True)
    if source is None:
        return None, None
    name = layers.layer_name(alg, parameters, key, context)
    layers.require_geometry(source, name, [QgsWkbTypes.GeometryType.LineGeometry], key)
    roads = layers.read_layer(source, name, crs, context, feedback, progress_range=progress_range)
    if len(roads) == 0:
        feedback.pushWarning(alg.tr('Layer "{}" has no feature.').format(name))
    with errors.core_errors():
        network = build_road_network(roads.geometries, road_attributes(len(roads)))
    if network.skipped_geometry:
        feedback.pushWarning(
            alg.tr("{n} roads have no line geometry: skipped.").format(n=network.skipped_geometry)
        )
    return roads, network
