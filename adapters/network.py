"""What the three network algorithms share: their network parameters and the model build.

``networktopology``, ``redundancygaps`` and ``scenarioimpact`` declare the same NETWORK,
FROM_FIELD/TO_FIELD, TOLERANCE, ROOTS, PREMISES, PREMISES_COUNT, SITES and MAX_SNAP
parameters, read them the same way and call :func:`core.network.build_model` once.
"""

from collections import Counter
from dataclasses import dataclass
from typing import Optional

import numpy as np
from qgis.core import (
    QgsFeatureRequest,
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingParameterDefinition,
    QgsProcessingParameterExpression,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterNumber,
    QgsWkbTypes,
)

from ..core.network import build_model
from . import errors, expressions, layers, projection

NETWORK = "NETWORK"
FROM_FIELD = "FROM_FIELD"
TO_FIELD = "TO_FIELD"
TOLERANCE = "TOLERANCE"
ROOTS = "ROOTS"
ROOT_NODE_FIELD = "ROOT_NODE_FIELD"
PREMISES = "PREMISES"
PREMISES_COUNT = "PREMISES_COUNT"
PREMISES_NODE_FIELD = "PREMISES_NODE_FIELD"
SITES = "SITES"
SITE_NODE_FIELD = "SITE_NODE_FIELD"
MAX_SNAP = "MAX_SNAP"
SRLG_FIELD = "SRLG_FIELD"
NODE_FIELDS = {ROOTS: ROOT_NODE_FIELD, PREMISES: PREMISES_NODE_FIELD, SITES: SITE_NODE_FIELD}

POINT = [QgsWkbTypes.GeometryType.PointGeometry]

HELP = (
    "NETWORK: lines (cables or civil-works routes); multipart and curved lines are handled. "
    "Their end nodes come from FROM_FIELD and TO_FIELD (e.g. gt_nd1, gt_nd2) when both are "
    "given, else from end points within TOLERANCE (m) of each other. ROOTS: points where "
    "service comes from (NROs or backbone POPs). PREMISES: points counted with the "
    "PREMISES_COUNT expression (default 1; NULL, NaN or infinite counts as 1, negative as 0, "
    "all reported). "
    "SITES: points (NRO, SRO, PBO or sensitive sites). Roots, premises and sites attach to "
    "the node named by their node-id field when one is given (e.g. gt_pbo; needs "
    "FROM_FIELD/TO_FIELD), else to the nearest node within MAX_SNAP (m). "
    "Distances are computed in the NETWORK CRS when projected, else in Lambert-93 or the "
    "local UTM zone; the point layers are reprojected to it."
)


def advanced(parameter):
    """``parameter`` shown under the dialog's *Advanced parameters* (secondary settings)."""
    parameter.setFlags(parameter.flags() | QgsProcessingParameterDefinition.Flag.FlagAdvanced)
    return parameter


def add_network_parameters(alg, srlg=False, premises=True, sites=True):
    """Declare the shared network parameters on ``alg`` (in the order users fill them)."""
    tr = alg.tr
    alg.addParameter(
        QgsProcessingParameterFeatureSource(
            NETWORK, tr("Network lines"), [QgsProcessing.SourceType.TypeVectorLine]
        )
    )
    for key, label in ((FROM_FIELD, tr("From-node field")), (TO_FIELD, tr("To-node field"))):
        alg.addParameter(
            QgsProcessingParameterField(key, label, parentLayerParameterName=NETWORK, optional=True)
        )
    alg.addParameter(
        QgsProcessingParameterNumber(
            TOLERANCE,
            tr("Snapping tolerance for line ends (m)"),
            QgsProcessingParameterNumber.Type.Double,
            defaultValue=0.5,
            minValue=0.0,
        )
    )
    alg.addParameter(
        QgsProcessingParameterFeatureSource(
            ROOTS, tr("Roots (NRO or POP points)"), [QgsProcessing.SourceType.TypeVectorPoint]
        )
    )
    alg.addParameter(
        advanced(
            QgsProcessingParameterField(
                ROOT_NODE_FIELD,
                tr("Root node-id field"),
                parentLayerParameterName=ROOTS,
                optional=True,
            )
        )
    )
    if premises:
        alg.addParameter(
            QgsProcessingParameterFeatureSource(
                PREMISES,
                tr("Premises"),
                [QgsProcessing.SourceType.TypeVectorPoint],
                optional=True,
            )
        )
        alg.addParameter(
            QgsProcessingParameterExpression(
                PREMISES_COUNT,
                tr("Premises count (expression)"),
                parentLayerParameterName=PREMISES,
                optional=True,
            )
        )
        alg.addParameter(
            advanced(
                QgsProcessingParameterField(
                    PREMISES_NODE_FIELD,
                    tr("Premises node-id field"),
                    parentLayerParameterName=PREMISES,
                    optional=True,
                )
            )
        )
    if sites:
        alg.addParameter(
            QgsProcessingParameterFeatureSource(
                SITES,
                tr("Sites (NRO, SRO, PBO, sensitive sites)"),
                [QgsProcessing.SourceType.TypeVectorPoint],
                optional=True,
            )
        )
        alg.addParameter(
            advanced(
                QgsProcessingParameterField(
                    SITE_NODE_FIELD,
                    tr("Site node-id field"),
                    parentLayerParameterName=SITES,
                    optional=True,
                )
            )
        )
    if srlg:
        alg.addParameter(
            QgsProcessingParameterField(
                SRLG_FIELD,
                tr("Shared-risk group field (ids separated by ; or ,)"),
                parentLayerParameterName=NETWORK,
                optional=True,
            )
        )
    alg.addParameter(
        QgsProcessingParameterNumber(
            MAX_SNAP,
            tr("Maximum distance from a point to a node (m)"),
            QgsProcessingParameterNumber.Type.Double,
            defaultValue=50.0,
            minValue=0.0,
        )
    )


@dataclass
class NetworkInputs:
    """The layers as read (features kept for the outputs) and the model built from them."""

    network: layers.LayerArrays
    roots: layers.LayerArrays
    premises: Optional[layers.LayerArrays]
    sites: Optional[layers.LayerArrays]
    model: object
    crs: object


def _field_values(alg, parameters, key, context, layer):
    name = alg.parameterAsString(parameters, key, context) if key in parameters else ""
    return layer.values(name) if name and layer is not None else None


def _only(source, names):
    """A request reading only the attributes ``names`` (None: every attribute is needed)."""
    if names is None or QgsFeatureRequest.ALL_ATTRIBUTES in names:
        return None
    request = QgsFeatureRequest()
    request.setSubsetOfAttributes([n for n in names if n], source.fields())
    return request


def _named(alg, parameters, context, keys, extra=None):
    """The fields named by the parameters ``keys``, and ``extra``: those read at once."""
    names = {alg.parameterAsString(parameters, key, context) for key in keys if key in parameters}
    return sorted((names | set(extra or ())) - {"", QgsFeatureRequest.ALL_ATTRIBUTES})


def _read_points(
    alg, parameters, key, context, feedback, crs, progress_range, needed=None, counted=()
):
    """A point layer as arrays; ``needed``: the only attributes to read (not an output).
    Its node-id field and the fields ``counted`` reads are read with the geometries, in
    one pass."""
    source = layers.require_source(alg, parameters, key, context, optional=True)
    if source is None:
        return None, None
    name = layers.layer_name(alg, parameters, key, context)
    layers.require_geometry(source, name, POINT, key)
    layer = layers.read_layer(
        source,
        name,
        crs,
        context,
        feedback,
        request=_only(source, needed),
        progress_range=progress_range,
        now=_named(alg, parameters, context, [NODE_FIELDS[key]], counted),
    )
    if len(layer) == 0:
        feedback.pushWarning(alg.tr('Layer "{}" has no feature.').format(name))
    return source, layer


def read_network(
    alg, parameters, context, feedback, srlg=False, progress_range=(0, 30), premises_out=False
):
    """Read the network parameters and build the core model (one core call).

    ``premises_out``: the premises features are written out (read every attribute); else
    only the count expression's fields and the node-id field are read.
    """
    network_source = layers.require_source(alg, parameters, NETWORK, context)
    network_name = layers.layer_name(alg, parameters, NETWORK, context)
    layers.require_geometry(
        network_source, network_name, [QgsWkbTypes.GeometryType.LineGeometry], NETWORK
    )
    from_field = alg.parameterAsString(parameters, FROM_FIELD, context)
    to_field = alg.parameterAsString(parameters, TO_FIELD, context)
    if bool(from_field) != bool(to_field):
        raise QgsProcessingException(alg.tr("Give both FROM_FIELD and TO_FIELD, or neither."))
    count_text = expressions.expression_parameter(alg, parameters, PREMISES_COUNT, context)
    tolerance = alg.parameterAsDouble(parameters, TOLERANCE, context)
    max_snap = alg.parameterAsDouble(parameters, MAX_SNAP, context)
    start, end = progress_range
    span = end - start

    decision = projection.working_crs(
        network_source.sourceCrs(), network_source.sourceExtent(), context
    )
    feedback.pushInfo(decision.message())
    crs = decision.crs
    network = layers.read_layer(
        network_source,
        network_name,
        crs,
        context,
        feedback,
        progress_range=(start, start + 0.4 * span),
        now=_named(alg, parameters, context, [FROM_FIELD, TO_FIELD, SRLG_FIELD if srlg else ""]),
    )
    if len(network) == 0:
        raise QgsProcessingException(
            alg.tr('Layer "{}" has no feature: there is no network.').format(network_name)
        )
    _, roots = _read_points(
        alg, parameters, ROOTS, context, feedback, crs, (start + 0.4 * span, start + 0.45 * span)
    )
    if roots is None:
        raise QgsProcessingException(alg.invalidSourceError(parameters, ROOTS))
    needed = None
    if not premises_out:
        needed = expressions.referenced_columns(count_text)
        if PREMISES_NODE_FIELD in parameters:
            needed.add(alg.parameterAsString(parameters, PREMISES_NODE_FIELD, context))
    premises_source, premises = (None, None)
    if PREMISES in parameters:
        premises_source, premises = _read_points(
            alg,
            parameters,
            PREMISES,
            context,
            feedback,
            crs,
            (start + 0.45 * span, start + 0.7 * span),
            needed,
            expressions.referenced_columns(count_text),
        )
    sites = None
    if SITES in parameters:
        _, sites = _read_points(
            alg,
            parameters,
            SITES,
            context,
            feedback,
            crs,
            (start + 0.7 * span, start + 0.75 * span),
        )
    counts = None
    if premises is not None and count_text:
        counts = expressions.count_values(
            alg,
            parameters,
            context,
            premises,
            count_text,
            premises_source,
            PREMISES_COUNT,
            feedback,
        )
    srlg_values = None
    if srlg:
        srlg_name = alg.parameterAsString(parameters, SRLG_FIELD, context)
        srlg_values = network.values(srlg_name) if srlg_name else None

    with errors.core_errors():
        model = build_model(
            network.geometries,
            from_ids=network.values(from_field) if from_field else None,
            to_ids=network.values(to_field) if to_field else None,
            tolerance=tolerance,
            roots=roots.geometries,
            root_ids=_field_values(alg, parameters, ROOT_NODE_FIELD, context, roots),
            premises=premises.geometries if premises is not None else None,
            premises_ids=_field_values(alg, parameters, PREMISES_NODE_FIELD, context, premises),
            premises_count=counts,
            sites=sites.geometries if sites is not None else None,
            site_ids=_field_values(alg, parameters, SITE_NODE_FIELD, context, sites),
            max_snap=max_snap,
            srlg=srlg_values,
            progress=lambda f: feedback.setProgress(start + 0.75 * span + 0.25 * span * f),
            is_cancelled=feedback.isCanceled,
        )
    return NetworkInputs(network, roots, premises, sites, model, crs)


DEFECT_LABELS = {
    "unplaced": "lines whose ends cannot be placed",
    "not_chain": "multipart lines that are not one chain",
    "near_miss": "line ends near a line but not joined to it",
    "duplicate": "duplicate lines",
    "zero_length": "zero-length lines",
    "self_loop": "self-loops",
    "no_root": "network parts that reach no root",
    "beyond_snap": "points beyond MAX_SNAP",
    "unknown_node": "points naming a node id on no line",
    "no_geometry": "features without geometry or node id",
    "null_node_id": "points with a NULL node id, attached by position",
    "bad_count": "NULL, NaN, infinite or negative premises counts",
    "duplicate_node_id": "sites sharing a node id",
}


def warn_defects(alg, feedback, defects, run_topology=True):
    """One warning per kind of defect, with its count; silence means none was found."""
    if defects is None or len(defects) == 0:
        feedback.pushInfo(alg.tr("Topology: no defect found."))
        return
    counts = Counter(defects["kind"].tolist())
    for kind, count in sorted(counts.items()):
        feedback.pushWarning(
            alg.tr("Topology: {count} {what}.").format(
                count=count, what=alg.tr(DEFECT_LABELS.get(kind, kind))
            )
        )
    if run_topology:
        feedback.pushWarning(
            alg.tr("Results may be wrong where these are: run Network topology to see them.")
        )


def feature_fids(layer, index):
    """Feature ids of rows ``index`` of ``layer`` (-1 where the row is -1 or no layer)."""
    index = np.asarray(index, dtype=np.int64)
    if layer is None or len(layer) == 0:
        return np.full(index.size, -1, dtype=np.int64)
    fids = layer.fids
    return np.where(index >= 0, fids[np.clip(index, 0, len(fids) - 1)], -1)
