"""Network tiers for ``redundancygaps``: the TIER_FIELD and ROLE_FIELD parameters, read into
what :func:`core.tiers.analyse_tiers` takes, and its per-NRO table as output columns."""

from dataclasses import dataclass

import numpy as np
import pandas as pd
from qgis.core import QgsProcessingParameterField

from ..core.network import normalise_ids
from ..core.tiers import TIERS, parse_tiers
from .network import NETWORK, SITES, advanced

TIER_FIELD = "TIER_FIELD"
ROLE_FIELD = "ROLE_FIELD"
# Used when the parameter is left empty and the layer has the field (GraceTHD outputs).
DEFAULT_CLASS_FIELD = "gt_class"
DEFAULT_ROLE_FIELD = "gt_role"
CODE_FIELD = "gt_code"
_SHOWN = 5  # unknown values named in the warning


def add_tier_parameters(alg):
    alg.addParameter(
        advanced(
            QgsProcessingParameterField(
                TIER_FIELD,
                alg.tr("Tier or cable class field (collecte, transport, distribution)"),
                parentLayerParameterName=NETWORK,
                optional=True,
            )
        )
    )
    alg.addParameter(
        advanced(
            QgsProcessingParameterField(
                ROLE_FIELD,
                alg.tr("Site role field (NRO, SRO)"),
                parentLayerParameterName=SITES,
                optional=True,
            )
        )
    )


def _field(alg, parameters, key, context, layer, default, feedback, what):
    """The field named by ``key``, else ``default`` when ``layer`` has it, else None."""
    if layer is None:
        return None
    name = alg.parameterAsString(parameters, key, context) if key in parameters else ""
    if name:
        layer.require_field(name)
        return name
    if layer.fields.lookupField(default) >= 0:
        feedback.pushInfo(
            alg.tr('{what}: field "{field}" of layer "{layer}" ({key} left empty).').format(
                what=what, field=default, layer=layer.name, key=key
            )
        )
        return default
    return None


def read_tier_inputs(alg, parameters, context, feedback, inputs):
    """(tier per line or None, role per site or None), unknown tier values warned."""
    network = inputs.network
    name = _field(
        alg,
        parameters,
        TIER_FIELD,
        context,
        network,
        DEFAULT_CLASS_FIELD,
        feedback,
        alg.tr("Tiers from the cable classes"),
    )
    classes = None
    if name is not None:
        values = network.values(name)
        classes, unknown = parse_tiers(values)
        if unknown.size:
            shown = sorted({str(values[i]) for i in unknown.tolist()})
            feedback.pushWarning(
                alg.tr(
                    'Field "{field}" of layer "{layer}": {count} lines have a value that names '
                    "no tier ({values}); their tier comes from the topology, NULL where it "
                    "cannot tell. Known: collecte, transport, distribution or the GraceTHD "
                    "classes CO, TR, DI, RA, BM, LH (CX, CT, CD, TD, NC: the topology decides)."
                ).format(
                    field=name,
                    layer=network.name,
                    count=int(unknown.size),
                    values=", ".join(shown[:_SHOWN]) + (", …" if len(shown) > _SHOWN else ""),
                )
            )
    roles = None
    role_name = _field(
        alg,
        parameters,
        ROLE_FIELD,
        context,
        inputs.sites,
        DEFAULT_ROLE_FIELD,
        feedback,
        alg.tr("Site roles"),
    )
    if role_name is not None:
        roles = inputs.sites.values(role_name)
    return classes, roles


@dataclass
class Names:
    """How ``rd_where`` names things: line codes, node ids and shared-risk group ids."""

    lines: np.ndarray
    nodes: np.ndarray
    groups: np.ndarray


def where_text(kind, index, names):
    """A line's code (or ``fid n``), ``node <id>`` or ``group <id>``; None for nothing."""
    out = np.full(len(kind), None, dtype=object)
    for i, (k, j) in enumerate(zip(list(kind), np.asarray(index).tolist())):
        if k == "line":
            out[i] = names.lines[j]
        elif k == "node":
            out[i] = f"node {names.nodes[j]}"
        elif k == "group":
            out[i] = f"group {names.groups[j]}"
    return out


def line_codes(network):
    """Per input line: its gt_code when the layer has one (non-NULL), else ``fid n``."""
    fids = network.fids
    out = np.array([f"fid {int(f)}" for f in fids.tolist()], dtype=object)
    if network.fields.lookupField(CODE_FIELD) >= 0:
        codes = normalise_ids(network.values(CODE_FIELD))
        given = np.array([c is not None for c in codes.tolist()], dtype=bool)
        out[given] = codes[given]
    return out


def tiers_frame(result, names):
    """OUTPUT_TIERS: rd_nro, rd_tier, rd_max_pr, rd_where, rd_spof_n, rd_prem."""
    table = result.table
    nro = table["nro"].to_numpy()
    nros = np.array([names.nodes[x] if x >= 0 else None for x in nro.tolist()], dtype=object)
    return pd.DataFrame(
        {
            "rd_nro": nros,
            "rd_tier": table["tier"].to_numpy(dtype=object),
            "rd_max_pr": table["max_prem"].astype(float).to_numpy(),
            "rd_where": where_text(table["kind"], table["index"], names),
            "rd_spof_n": table["spof_n"].astype(np.int64).to_numpy(),
            "rd_prem": table["prem"].astype(float).to_numpy(),
        }
    )


def max_cut_texts(result, names):
    """Per tier: (premises, where text or None), in TIERS order."""
    out = []
    for tier in TIERS:
        premises, kind, index = result.max_cut[tier]
        where = where_text([kind], [max(index, 0)], names)[0] if kind else None
        out.append((tier, premises, where))
    return out
