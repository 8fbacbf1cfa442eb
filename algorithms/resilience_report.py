"""fibreresilience:resiliencereport — the report of a whole run: HTML, PDF and a workbook."""

import platform
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Dict, List, Optional

import numpy
import pandas
import shapely
from osgeo import gdal
from qgis.core import (
    Qgis,
    QgsCoordinateReferenceSystem,
    QgsDataSourceUri,
    QgsExpression,
    QgsFeatureRequest,
    QgsProcessing,
    QgsProcessingAlgorithm,
    QgsProcessingException,
    QgsProcessingFeatureSource,
    QgsProcessingOutputNumber,
    QgsProcessingParameterExpression,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterNumber,
    QgsProcessingParameterRasterLayer,
    QgsProcessingParameterString,
    QgsProviderRegistry,
    QgsVectorLayer,
    QgsWkbTypes,
)

from ..adapters import errors, expressions, layers, projection, sinks
from ..core.report import (
    ReportInputs,
    assign_areas,
    frame_columns,
    parse_run_parameters,
    report_figures,
)
from ..core.report_plan import (
    ACTION_FIELDS,
    ACTION_NUMBERS,
    ACTION_OPTIONAL,
    PLAN_FIELDS,
    PLAN_NUMBERS,
    plan_figures,
)
from ..core.report_power import (
    POWER_OPTIONAL,
    POWER_REQUIRED,
    RESTORATION_COLUMNS,
    power_figures,
    restoration_figures,
)
from ..core.report_return_periods import NUMERIC_COLUMNS, missing_columns, return_period_figures
from ..i18n import user_language
from ..processing_provider.algorithm import FibreAlgorithm
from ..report.content import build_document, provenance_tables
from ..report.html import render_html
from ..report.layout import export_pdf
from ..report.maps import ReportMaps
from ..report.workbook import write_workbook

PLUGIN_DIR = Path(__file__).resolve().parent.parent
MAP_SIZE = (1600, 1100)  # pixels of the HTML maps
GEOMETRY = {
    "point": QgsWkbTypes.GeometryType.PointGeometry,
    "line": QgsWkbTypes.GeometryType.LineGeometry,
    "polygon": QgsWkbTypes.GeometryType.PolygonGeometry,
}  # "table": any geometry, or none


def plugin_version() -> str:
    for line in (PLUGIN_DIR / "metadata.txt").read_text(encoding="utf-8").splitlines():
        if line.startswith("version="):
            return line.split("=", 1)[1].strip()
    return ""


def _display_name(layer: Optional[QgsVectorLayer], name: str) -> str:
    """A layer's name for messages and the provenance: with its table when the layer is one
    table of a file of several (every layer of a GeoPackage is named after the file)."""
    if layer is None:
        return errors.redact(name)
    parts = QgsProviderRegistry.instance().decodeUri(layer.providerType(), layer.source())
    table = parts.get("layerName") or ""
    if table and table != name:
        name = f"{name} ({table})"
    return errors.redact(name)


@dataclass
class _Input:
    """A layer given to the report; ``arrays`` only for the layers the figures count."""

    source: QgsProcessingFeatureSource
    name: str
    layer: Optional[QgsVectorLayer]
    arrays: Optional[layers.LayerArrays] = None
    numbers: Dict[str, List[float]] = field(default_factory=dict)  # checked numeric columns


class ResilienceReportAlgorithm(FibreAlgorithm):
    ALG_ID = "resiliencereport"
    ALG_GROUP = "plan"

    PREMISES = "PREMISES"
    PREMISES_COUNT = "PREMISES_COUNT"
    NRO_FIELD = "NRO_FIELD"
    SITES = "SITES"
    ROUTES = "ROUTES"
    ROUTE_ID_FIELD = "ROUTE_ID_FIELD"
    NODES = "NODES"
    TARGETS = "TARGETS"
    SENSITIVE_SITES = "SENSITIVE_SITES"
    SENSITIVE_NAME_FIELD = "SENSITIVE_NAME_FIELD"
    BLOCKED_ROADS = "BLOCKED_ROADS"
    CREW_ROUTES = "CREW_ROUTES"
    ROADS = "ROADS"
    DEPOTS = "DEPOTS"
    HAZARD = "HAZARD"
    HAZARD_RASTER = "HAZARD_RASTER"
    COMMUNES = "COMMUNES"
    COMMUNE_FIELD = "COMMUNE_FIELD"
    RETURN_PERIOD_LINES = "RETURN_PERIOD_LINES"
    RETURN_PERIOD_SUMMARY = "RETURN_PERIOD_SUMMARY"
    RETURN_PERIOD_PREMISES = "RETURN_PERIOD_PREMISES"
    RESTORATION = "RESTORATION"
    POWER_SITES = "POWER_SITES"
    POWER_SITE_NAME_FIELD = "POWER_SITE_NAME_FIELD"
    ACTIONS = "ACTIONS"
    PLAN = "PLAN"
    BUDGET = "BUDGET"
    TIERS = "TIERS"
    TITLE = "TITLE"
    TOP = "TOP"
    RUN_PARAMETERS = "RUN_PARAMETERS"
    OUTPUT_HTML = "OUTPUT_HTML"
    OUTPUT_PDF = "OUTPUT_PDF"
    OUTPUT_TABLES = "OUTPUT_TABLES"
    PREMISES_EXPOSED = "PREMISES_EXPOSED"
    PREMISES_SPOF = "PREMISES_SPOF"
    PREMISES_CUT = "PREMISES_CUT"
    UNREACHABLE_COUNT = "UNREACHABLE_COUNT"

    # Layer parameters: key, geometry, map key (ReportMaps); labels in _layer_labels().
    LAYERS = (
        (PREMISES, "point", "premises"),
        (SITES, "point", None),
        (ROUTES, "line", "routes"),
        (NODES, "point", None),
        (TARGETS, "point", "targets"),
        (SENSITIVE_SITES, "point", "sensitive"),
        (BLOCKED_ROADS, "line", "blocked_roads"),
        (CREW_ROUTES, "line", "crew_routes"),
        (ROADS, "line", "roads"),
        (DEPOTS, "point", "depots"),
        (HAZARD, "polygon", "hazard"),
        (COMMUNES, "polygon", "communes"),
        (RETURN_PERIOD_LINES, "line", "rp_lines"),
        (RETURN_PERIOD_SUMMARY, "table", None),
        (RETURN_PERIOD_PREMISES, "point", None),
        (RESTORATION, "table", None),
        (POWER_SITES, "point", "power_sites"),
        (ACTIONS, "any", "actions"),
        (PLAN, "table", None),
        (TIERS, "table", None),
    )

    # The layers whose attributes the figures count; the others only go on the maps.
    COUNTED = (
        PREMISES,
        SITES,
        ROUTES,
        NODES,
        TARGETS,
        SENSITIVE_SITES,
        COMMUNES,
        RETURN_PERIOD_LINES,
        RETURN_PERIOD_SUMMARY,
        RETURN_PERIOD_PREMISES,
        RESTORATION,
        POWER_SITES,
        ACTIONS,
        PLAN,
        TIERS,
    )
    # The fields without which a counted layer's figures would all read 0 (one of them is
    # enough), and the output that has them. PREMISES and ROUTES count without any.
    NEEDS = {
        SITES: (("rd_divers",), "Redundancy gaps: OUTPUT_SITES"),
        NODES: (("hz_level",), "Hazard exposure: OUTPUT"),
        TARGETS: (("ac_reach",), "Access routes: OUTPUT"),
        SENSITIVE_SITES: (("im_failed", "im_cut"), "Scenario impact: OUTPUT_SITES"),
        RETURN_PERIOD_LINES: (("rp_first",), "Return periods: OUTPUT_LINES"),
        RETURN_PERIOD_PREMISES: (("rp_first",), "Return periods: OUTPUT_PREMISES"),
        TIERS: (("rd_max_pr",), "Redundancy gaps: OUTPUT_TIERS"),
    }
    # The tables and layers of the power and action-plan sections: (fields they must all
    # have, fields that must hold numbers when present, the output that has them).
    COLUMNS = {
        RESTORATION: (RESTORATION_COLUMNS, RESTORATION_COLUMNS, "Restoration: RESTORATION"),
        POWER_SITES: (POWER_REQUIRED, POWER_REQUIRED + POWER_OPTIONAL, "Power resilience: OUTPUT"),
        ACTIONS: (ACTION_FIELDS, ACTION_NUMBERS + ACTION_OPTIONAL, "Mitigation plan: ACTIONS"),
        PLAN: (PLAN_FIELDS, PLAN_NUMBERS, "Mitigation plan: PLAN"),
    }

    # The fields the figures count, wherever they are: each must be numeric when present.
    FIGURE_FIELDS = (
        "hz_level",
        "hz_failed",
        "hz_length",
        "rd_divers",
        "rd_spof",
        "rd_srlg",
        "im_failed",
        "im_cut",
        "ac_reach",
        "ac_delay",
        "sc_score",
        "rp_first",
    )

    def _layer_labels(self):
        return {
            self.PREMISES: self.tr("Premises (exposure, single points of failure, cut-off)"),
            self.SITES: self.tr("Sites with path diversity (rd_divers)"),
            self.ROUTES: self.tr("Routes scored for action (hz_*, sc_*)"),
            self.NODES: self.tr("Nodes exposed to the hazard (hz_*)"),
            self.TARGETS: self.tr("Crew access to the failed assets (ac_*)"),
            self.SENSITIVE_SITES: self.tr("Sensitive sites in the scenario (im_failed, im_cut)"),
            self.BLOCKED_ROADS: self.tr("Blocked roads"),
            self.CREW_ROUTES: self.tr("Crew routes"),
            self.ROADS: self.tr("Roads"),
            self.DEPOTS: self.tr("Depots"),
            self.HAZARD: self.tr("Hazard zones"),
            self.COMMUNES: self.tr("Communes"),
            self.RETURN_PERIOD_LINES: self.tr("Lines by return period (rp_first)"),
            self.RETURN_PERIOD_SUMMARY: self.tr("Return-period summary (SUMMARY)"),
            self.RETURN_PERIOD_PREMISES: self.tr("Premises by return period (rp_first)"),
            self.RESTORATION: self.tr("Restoration table (rs_hour, rs_out, rs_power, rs_damage)"),
            self.POWER_SITES: self.tr("Active sites without power (pw_dark_h, pw_prem)"),
            self.ACTIONS: self.tr("Actions of the mitigation plan (mp_*)"),
            self.PLAN: self.tr("Mitigation plan, cumulative (PLAN)"),
            self.TIERS: self.tr("Single failures per NRO and tier (OUTPUT_TIERS)"),
        }

    def flags(self):
        # Print layouts and map rendering belong to the main thread.
        return super().flags() | QgsProcessingAlgorithm.Flag.FlagNoThreading

    def displayName(self):
        return self.tr("Resilience report")

    def shortHelpString(self):
        return self.tr(
            "Writes the report of a resilience study from the layers of a run: a "
            "self-contained HTML page, a PDF made through a QGIS print layout and the tables "
            "as a workbook (XLSX or ODS, from the file extension). Every layer is optional; "
            "the report shows what the layers given allow.\n\n"
            "Key figures: premises by hazard level (hz_level of PREMISES), behind a single "
            "point of failure (rd_spof, from Redundancy gaps' OUTPUT_PREMISES), cut off by "
            "the scenario (im_prem, from Scenario impact); sites by diversity class "
            "(rd_divers of SITES); routes and their exposed length by level (ROUTES); nodes "
            "exposed (NODES); unreachable assets and the mean and worst crew delay "
            "(ac_reach and ac_delay of TARGETS); the sensitive sites (town halls, care "
            "homes…) that lose service (im_failed, im_cut of Scenario impact's OUTPUT_SITES "
            "given as SENSITIVE_SITES, named by SENSITIVE_NAME_FIELD). PREMISES_COUNT "
            "counts the premises of each point (default 1). Breakdowns by NRO (NRO_FIELD "
            "of PREMISES) and by commune "
            "(premises within COMMUNES, named by COMMUNE_FIELD). The TOP assets of ROUTES "
            "by sc_rank, with each criterion's contribution. Maps rendered by QGIS: "
            "exposure, cut-off premises, blocked roads and crew routes.\n\n"
            "Tiers (optional, TIERS: Redundancy gaps' OUTPUT_TIERS): per NRO, the most "
            "premises one single failure cuts in the collecte, in transport and in "
            "distribution, and where; these figures replace the premises behind a single "
            "point of failure (nearly all of them in an FTTH tree) in the key figures and "
            "the breakdown by NRO.\n\n"
            "Return periods (optional, from Return periods): RETURN_PERIOD_SUMMARY (its "
            "SUMMARY) gives a section with the loss-exceedance curve (premises cut against "
            "the return period, log axis), each scenario's impact and the expected annual "
            "impact; RETURN_PERIOD_LINES (its OUTPUT_LINES) maps the return period at which "
            "each line first fails (rp_first). Expected annual figures by NRO and by "
            "commune: the summary's own rows when it was broken down by NRO "
            "(PREMISES_GROUP_FIELD) or by the communes; otherwise estimated from rp_first "
            "of RETURN_PERIOD_PREMISES (Return periods' OUTPUT_PREMISES, counted with "
            "PREMISES_COUNT, NRO from NRO_FIELD; else PREMISES when it has rp_first) and of "
            "the lines (a line in the commune of its mid-point), a premises "
            "counted as cut in every scenario from its rp_first on (exact for hard failures "
            "and nested scenarios), integrated as the summary is.\n\n"
            "Power and restoration (optional): RESTORATION (the restoration table: rs_hour, "
            "rs_out, rs_power, rs_damage) gives the restoration curve (premises out hour by "
            "hour, out because of damage and because of power stacked) and its figures: "
            "premise-hours lost (each row's rs_out held until the next row, one hour for the "
            "last: with a row every hour, the sum of rs_out) and the hours until 90 % of the "
            "peak is back (the first hour, at or after the peak, from which at most a tenth of "
            "the peak stays out). POWER_SITES (Power resilience's OUTPUT) maps the sites by "
            "hours without power (pw_dark_h) and lists the TOP sites by premises behind them "
            "(pw_prem, then pw_sens, then pw_dark_h): the load-shedding (délestage) list, "
            "named by POWER_SITE_NAME_FIELD.\n\n"
            "Action plan (optional, from Mitigation plan): ACTIONS (lines and points with "
            "mp_rank, mp_kind, mp_target, mp_cost, mp_prem, mp_owner, mp_chosen; mp_eur_prem, "
            "mp_eai, mp_prem_h when known) gives the TOP actions by rank and the map of the "
            "proposed routes and sites, those of the plan (mp_chosen = 1) highlighted; PLAN "
            "(mp_rank, mp_kind, mp_target, mp_cost, mp_prem, mp_cum_cost, mp_cum_prem) gives "
            "the cumulative table and the cost-benefit curve (cumulative cost against "
            "cumulative premises secured), with BUDGET (EUR) drawn when given.\n\n"
            "Provenance: every input's source, feature count and CRS, the software "
            "versions, the date, this algorithm's parameters and RUN_PARAMETERS (the "
            "parameters of the run, as key=value lines or a JSON object). The language "
            "follows QGIS's."
        )

    def initAlgorithm(self, config=None):
        kinds = {
            "point": QgsProcessing.SourceType.TypeVectorPoint,
            "line": QgsProcessing.SourceType.TypeVectorLine,
            "polygon": QgsProcessing.SourceType.TypeVectorPolygon,
            "table": QgsProcessing.SourceType.TypeVector,
            "any": QgsProcessing.SourceType.TypeVector,
        }
        labels = self._layer_labels()
        for key, kind, _ in self.LAYERS:
            self.addParameter(
                QgsProcessingParameterFeatureSource(key, labels[key], [kinds[kind]], optional=True)
            )
            if key == self.PREMISES:
                self.addParameter(
                    QgsProcessingParameterExpression(
                        self.PREMISES_COUNT,
                        self.tr("Premises per point (expression; empty: 1)"),
                        None,
                        self.PREMISES,
                        optional=True,
                    )
                )
                self.addParameter(
                    QgsProcessingParameterField(
                        self.NRO_FIELD,
                        self.tr("NRO of each premises point"),
                        "gt_nro",
                        self.PREMISES,
                        optional=True,
                    )
                )
            elif key == self.ROUTES:
                self.addParameter(
                    QgsProcessingParameterField(
                        self.ROUTE_ID_FIELD,
                        self.tr("Route identifier"),
                        "gt_code",
                        self.ROUTES,
                        optional=True,
                    )
                )
            elif key == self.SENSITIVE_SITES:
                self.addParameter(
                    QgsProcessingParameterField(
                        self.SENSITIVE_NAME_FIELD,
                        self.tr("Sensitive site name"),
                        "name",
                        self.SENSITIVE_SITES,
                        optional=True,
                    )
                )
            elif key == self.POWER_SITES:
                self.addParameter(
                    QgsProcessingParameterField(
                        self.POWER_SITE_NAME_FIELD,
                        self.tr("Active site name"),
                        "gt_code",
                        self.POWER_SITES,
                        optional=True,
                    )
                )
            elif key == self.PLAN:
                self.addParameter(
                    QgsProcessingParameterNumber(
                        self.BUDGET,
                        self.tr("Budget of the action plan (EUR)"),
                        QgsProcessingParameterNumber.Type.Double,
                        None,
                        True,
                        0.0,
                    )
                )
            elif key == self.COMMUNES:
                self.addParameter(
                    QgsProcessingParameterField(
                        self.COMMUNE_FIELD,
                        self.tr("Commune name"),
                        None,
                        self.COMMUNES,
                        optional=True,
                    )
                )
        self.addParameter(
            QgsProcessingParameterRasterLayer(
                self.HAZARD_RASTER,
                self.tr("Hazard raster (listed in the provenance)"),
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterString(self.TITLE, self.tr("Title"), self.tr("Resilience plan"))
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                self.TOP,
                self.tr("Assets in the ranked list"),
                QgsProcessingParameterNumber.Type.Integer,
                50,
                False,
                1,
            )
        )
        self.addParameter(
            QgsProcessingParameterString(
                self.RUN_PARAMETERS,
                self.tr("Parameters of the run (key=value lines or JSON)"),
                multiLine=True,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterFileDestination(
                self.OUTPUT_HTML, self.tr("Report (HTML)"), self.tr("HTML files (*.html *.htm)")
            )
        )
        self.addParameter(
            QgsProcessingParameterFileDestination(
                self.OUTPUT_PDF,
                self.tr("Report (PDF)"),
                self.tr("PDF files (*.pdf)"),
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterFileDestination(
                self.OUTPUT_TABLES,
                self.tr("Tables (XLSX or ODS)"),
                self.tr("Excel workbooks (*.xlsx);;OpenDocument spreadsheets (*.ods)"),
                optional=True,
            )
        )
        for key, label in (
            (self.PREMISES_EXPOSED, self.tr("Premises exposed")),
            (self.PREMISES_SPOF, self.tr("Premises behind a single point of failure")),
            (self.PREMISES_CUT, self.tr("Premises cut off")),
            (self.UNREACHABLE_COUNT, self.tr("Unreachable assets")),
        ):
            self.addOutput(QgsProcessingOutputNumber(key, label))

    # ------------------------------------------------------------------ reading

    def _read_all(self, parameters, context, feedback):
        """Every given layer, as {key: _Input}; only the layers the figures count are read
        into arrays (the others are drawn from the layer and listed in the provenance)."""
        given = {}
        for key, kind, _ in self.LAYERS:
            source = layers.require_source(self, parameters, key, context, optional=True)
            if source is not None:
                layer = self.parameterAsVectorLayer(parameters, key, context)
                name = _display_name(layer, layers.layer_name(self, parameters, key, context))
                geometry = QgsWkbTypes.geometryType(source.wkbType())
                if kind in GEOMETRY and geometry != GEOMETRY[kind]:
                    raise QgsProcessingException(
                        self.tr(
                            'Layer "{layer}" given as {key} must hold {expected} geometries; '
                            "it holds {actual}."
                        ).format(
                            layer=name,
                            key=key,
                            expected=QgsWkbTypes.geometryDisplayString(GEOMETRY[kind]),
                            actual=QgsWkbTypes.geometryDisplayString(geometry),
                        )
                    )
                given[key] = _Input(source, name, layer)
        if not given:
            raise QgsProcessingException(self.tr("Give at least one layer of a run to report on."))
        placed = [v for v in given.values() if QgsWkbTypes.geometryType(v.source.wkbType())
                  != QgsWkbTypes.GeometryType.NullGeometry]  # fmt: skip
        if placed:
            first = placed[0].source
            crs = projection.working_crs(first.sourceCrs(), first.sourceExtent(), context).crs
        else:  # tables alone (a return-period summary): nothing to place, nothing to map
            crs = QgsCoordinateReferenceSystem()
        counted = [key for key in given if key in self.COUNTED]
        for i, key in enumerate(counted):
            if feedback.isCanceled():
                errors.raise_cancelled()
            span = (40 * i / len(counted), 40 * (i + 1) / len(counted))
            entry = given[key]
            entry.arrays = layers.read_layer(
                entry.source,
                entry.name,
                crs,
                context,
                feedback,
                request=self._fields_read(parameters, context, key, entry.source.fields()),
                progress_range=span,
            )
            for field_name in self.FIGURE_FIELDS:  # text would read as no value: figure 0
                if entry.arrays.fields.lookupField(field_name) >= 0:
                    entry.arrays.require_field(field_name, numeric=True)
            if key in self.NEEDS:
                names, origin = self.NEEDS[key]
                if all(entry.arrays.fields.lookupField(n) < 0 for n in names):
                    raise QgsProcessingException(
                        self.tr(
                            'Layer "{layer}" given as {key} has no field {fields}: give the '
                            "layer made by {origin}."
                        ).format(
                            layer=entry.name,
                            key=key,
                            fields=self.tr(" or ").join(names),
                            origin=origin,
                        )
                    )
            if key == self.RETURN_PERIOD_SUMMARY:
                self._check_summary(entry)
            if key in self.COLUMNS:
                self._check_columns(key, entry)
            if key == self.ROUTES and parameters.get(self.ROUTE_ID_FIELD):
                # named explicitly: say it is missing rather than list blank identifiers
                entry.arrays.require_field(
                    self.parameterAsString(parameters, self.ROUTE_ID_FIELD, context)
                )
        return crs, given

    # The large layers whose fields the figures read are frame_columns(), and those named by
    # a parameter: their other fields are not read (the tables of the power and plan sections
    # and the return-period summary are read whole).
    NAMED_FIELDS = {
        PREMISES: (NRO_FIELD,),
        RETURN_PERIOD_PREMISES: (NRO_FIELD,),
        ROUTES: (ROUTE_ID_FIELD,),
        SENSITIVE_SITES: (SENSITIVE_NAME_FIELD,),
        SITES: (),
        NODES: (),
        TARGETS: (),
        TIERS: (),
        RETURN_PERIOD_LINES: (),
    }

    # Counted layers whose geometries neither the figures nor the maps use.
    UNPLACED = (SITES, NODES, TIERS)

    def _fields_read(self, parameters, context, key, fields) -> Optional[QgsFeatureRequest]:
        """A request for the fields of layer ``key`` the report reads, None for all."""
        if key not in self.NAMED_FIELDS:
            return None
        named = [self.parameterAsString(parameters, p, context) for p in self.NAMED_FIELDS[key]]
        if key in (self.PREMISES, self.RETURN_PERIOD_PREMISES):
            text = expressions.expression_parameter(self, parameters, self.PREMISES_COUNT, context)
            if text and not QgsExpression(text).isField():
                return None  # an expression of any field, evaluated on the features
            named += list(expressions.referenced_columns(text))
        indices = [fields.lookupField(name) for name in named if name]  # any case, as QGIS
        extra = [fields.at(i).name() for i in indices if i >= 0]
        wanted = [fields.lookupField(name) for name in frame_columns(fields.names(), extra)]
        request = QgsFeatureRequest().setSubsetOfAttributes(wanted)
        if key in self.UNPLACED:
            request.setFlags(request.flags() | QgsFeatureRequest.Flag.NoGeometry)
        return request

    def _check_summary(self, entry):
        """The SUMMARY of Return periods: its columns, numbers where numbers are counted, and
        rows of the whole network."""
        names = [entry.arrays.fields.at(i).name() for i in range(entry.arrays.fields.count())]
        missing = missing_columns(names)
        if missing:
            raise QgsProcessingException(
                self.tr(
                    'Layer "{layer}" given as {key} has no column {column}: give the SUMMARY '
                    "made by Return periods."
                ).format(layer=entry.name, key=self.RETURN_PERIOD_SUMMARY, column=missing[0])
            )
        numbers = {
            name: self._numbers(entry, self.RETURN_PERIOD_SUMMARY, name) for name in NUMERIC_COLUMNS
        }
        aggregate = entry.arrays.values(names[entry.arrays.fields.lookupField("aggregate")])
        aggregate = [None if a in (None, "") else a for a in aggregate]
        rp = numbers["rp"]
        if not any(a is None and r > 0 for a, r in zip(aggregate, rp)):
            raise QgsProcessingException(
                self.tr(
                    'Layer "{layer}" given as {key} has no scenario row for the whole network '
                    "(aggregate NULL, rp above 0): give the SUMMARY made by Return periods."
                ).format(layer=entry.name, key=self.RETURN_PERIOD_SUMMARY)
            )

    def _numbers(self, entry, key, name) -> List[float]:
        """The column ``name`` (any case) as floats, NaN for NULL; a table saved as CSV reads
        as text: numbers written as text are numbers, other text is refused."""
        column = entry.arrays.fields.at(entry.arrays.fields.lookupField(name)).name()
        converted = []
        for value in entry.arrays.values(column):
            try:
                converted.append(float("nan") if value in (None, "") else float(value))
            except (TypeError, ValueError):
                raise QgsProcessingException(
                    self.tr(
                        'Column {column} of layer "{layer}" given as {key} must hold '
                        'numbers; it holds "{value}".'
                    ).format(column=name, layer=entry.name, key=key, value=value)
                ) from None
        return converted

    def _check_columns(self, key, entry):
        """The fields a table or layer of the power and plan sections must have, as numbers
        where they are counted; the restoration table's hours one a row, nothing negative."""
        required, numeric, origin = self.COLUMNS[key]
        for name in required:
            if entry.arrays.fields.lookupField(name) < 0:
                raise QgsProcessingException(
                    self.tr(
                        'Layer "{layer}" given as {key} has no field {fields}: give the '
                        "layer made by {origin}."
                    ).format(layer=entry.name, key=key, fields=name, origin=origin)
                )
        for name in numeric:
            if entry.arrays.fields.lookupField(name) >= 0:
                entry.numbers[name] = self._numbers(entry, key, name)
        if key != self.RESTORATION:
            return
        if not len(entry.arrays):
            raise QgsProcessingException(
                self.tr('Layer "{layer}" given as {key} has no row.').format(
                    layer=entry.name, key=key
                )
            )
        for name in RESTORATION_COLUMNS:
            for value in entry.numbers[name]:
                if value < 0 or (name == "rs_hour" and value != value):
                    raise QgsProcessingException(
                        self.tr(
                            'Column {column} of layer "{layer}" given as {key} holds {value}: '
                            "it must be a number of 0 or more."
                        ).format(column=name, layer=entry.name, key=key, value=value)
                    )
        hours = entry.numbers["rs_hour"]
        twice = sorted({h for h in hours if hours.count(h) > 1})
        if twice:
            raise QgsProcessingException(
                self.tr('Layer "{layer}" given as {key} has two rows for hour {hour}.').format(
                    layer=entry.name, key=key, hour=f"{twice[0]:g}"
                )
            )

    def _power(self, parameters, context, read, top, feedback):
        """The restoration and power figures, each None without its input."""
        restoration = power = None
        header = ""
        if self.RESTORATION in read:
            numbers = read[self.RESTORATION].numbers
            restoration = restoration_figures(
                pandas.DataFrame({name: numbers[name] for name in RESTORATION_COLUMNS})
            )
            curve = restoration.curve
            apart = (curve["power"] + curve["damage"] - curve["out"]).abs() > 0.5
            if apart.any():  # the chart stacks power on damage and draws rs_out as a line
                first = curve[apart].iloc[0]
                feedback.pushWarning(
                    self.tr(
                        "{key}: at hour {hour}, rs_power + rs_damage ({sum}) is not rs_out "
                        "({out}) ({n} hours): the chart's bands and line disagree there."
                    ).format(
                        key=self.RESTORATION,
                        hour=f"{first['hour']:g}",
                        sum=f"{first['power'] + first['damage']:g}",
                        out=f"{first['out']:g}",
                        n=int(apart.sum()),
                    )
                )
        if self.POWER_SITES in read:
            entry = read[self.POWER_SITES]
            arrays = entry.arrays
            field_name = self.parameterAsString(parameters, self.POWER_SITE_NAME_FIELD, context)
            if field_name and arrays.fields.lookupField(field_name) >= 0:
                names = ["" if v is None else str(v) for v in arrays.values(field_name)]
                header = field_name
            elif parameters.get(self.POWER_SITE_NAME_FIELD):
                arrays.require_field(field_name)  # named explicitly: say it is missing
            else:
                names = [str(fid) for fid in arrays.fids]
            power = power_figures(pandas.DataFrame(entry.numbers), names, top)
        return restoration, power, header

    def _plan(self, parameters, context, read, top):
        """The action plan's figures, None without ACTIONS and PLAN."""
        if self.ACTIONS not in read and self.PLAN not in read:
            return None
        frames = {}
        for key in (self.ACTIONS, self.PLAN):
            if key in read:
                entry = read[key]
                frame = entry.arrays.attribute_frame()
                frame.columns = [str(c).lower() for c in frame.columns]
                for name, values in entry.numbers.items():
                    frame[name] = values
                frames[key] = frame
        budget = None
        if parameters.get(self.BUDGET) not in (None, ""):
            budget = self.parameterAsDouble(parameters, self.BUDGET, context)
        return plan_figures(frames.get(self.ACTIONS), frames.get(self.PLAN), top, budget)

    def _return_periods(self, parameters, context, read, premises, commune_names):
        """The return-period section's figures, None without RETURN_PERIOD_SUMMARY."""
        if self.RETURN_PERIOD_SUMMARY not in read:
            return None
        if self.RETURN_PERIOD_PREMISES in read:
            premises = self._premises_frame(parameters, context, read, self.RETURN_PERIOD_PREMISES)
        summary = read[self.RETURN_PERIOD_SUMMARY].arrays.attribute_frame()
        summary.columns = [str(c).lower() for c in summary.columns]
        kwargs = {"commune_names": commune_names}
        if premises is not None:
            if "nro" in premises.columns:
                kwargs["nro_names"] = premises["nro"].tolist()
            if "rp_first" in premises.columns:
                kwargs["premises_first"] = layers.as_float_array(premises["rp_first"].tolist())
                if "count" in premises.columns:
                    kwargs["premises_count"] = layers.as_float_array(premises["count"].tolist())
                if "nro" in premises.columns:
                    kwargs["premises_nro"] = premises["nro"].to_numpy(dtype=object)
                if "commune" in premises.columns:
                    kwargs["premises_commune"] = premises["commune"].to_numpy(dtype=object)
        if self.RETURN_PERIOD_LINES in read:
            lines = read[self.RETURN_PERIOD_LINES].arrays
            kwargs["lines_first"] = lines.numbers(
                lines.fields.at(lines.fields.lookupField("rp_first")).name()
            )
            kwargs["lines_length"] = numpy.nan_to_num(shapely.length(lines.geometries))
            if self.COMMUNES in read:
                # a line belongs to the commune of its mid-point, as in Return periods
                communes = read[self.COMMUNES].arrays
                middle = shapely.line_interpolate_point(lines.geometries, 0.5, normalized=True)
                kwargs["lines_commune"] = assign_areas(middle, communes.geometries, commune_names)
        return return_period_figures(summary, **kwargs)

    def _premises_frame(self, parameters, context, read, key=PREMISES):
        source, arrays = read[key].source, read[key].arrays
        frame = self._attributes(arrays)
        count_text = expressions.expression_parameter(
            self, parameters, self.PREMISES_COUNT, context
        )
        if count_text:
            values = expressions.count_values(
                self, parameters, context, arrays, count_text, source, self.PREMISES_COUNT
            )
            frame["count"] = layers.as_float_array(values)
        nro_field = self.parameterAsString(parameters, self.NRO_FIELD, context)
        if nro_field and arrays.fields.lookupField(nro_field) >= 0:
            frame["nro"] = arrays.values(nro_field)
        elif nro_field and self.NRO_FIELD in parameters and parameters[self.NRO_FIELD]:
            arrays.require_field(nro_field)  # named explicitly: say it is missing
        if self.COMMUNES in read:
            communes = read[self.COMMUNES].arrays
            names = self._commune_names(parameters, context, read)
            frame["commune"] = assign_areas(arrays.geometries, communes.geometries, names)
        return frame

    def _commune_names(self, parameters, context, read):
        """The name of each COMMUNES polygon (its COMMUNE_FIELD, else its feature id)."""
        if self.COMMUNES not in read:
            return None
        communes = read[self.COMMUNES].arrays
        field = self.parameterAsString(parameters, self.COMMUNE_FIELD, context)
        return communes.values(field) if field else communes.fids.astype(object)

    def _sensitive_frame(self, parameters, context, read):
        if self.SENSITIVE_SITES not in read:
            return None
        arrays = read[self.SENSITIVE_SITES].arrays
        frame = self._attributes(arrays)
        field = self.parameterAsString(parameters, self.SENSITIVE_NAME_FIELD, context)
        if field and arrays.fields.lookupField(field) >= 0:
            frame["name"] = arrays.values(field)
        elif parameters.get(self.SENSITIVE_NAME_FIELD):
            arrays.require_field(field)  # named explicitly: say it is missing
        else:
            frame["name"] = [str(fid) for fid in arrays.fids]
        return frame

    def _frame(self, read, key, length=False, extra=()):
        if key not in read:
            return None
        arrays = read[key].arrays
        frame = self._attributes(arrays, extra)
        if length:
            frame["length_m"] = shapely.length(arrays.geometries)
        return frame

    @staticmethod
    def _attributes(arrays, extra=()):
        """The fields of a layer the figures read (core.report.FRAME_COLUMNS) and ``extra``:
        the other fields of hundreds of thousands of premises or routes are never read."""
        return arrays.attribute_frame(frame_columns(arrays.fields.names(), extra))

    # ------------------------------------------------------------------ provenance

    def _provenance(self, parameters, context, read):
        inputs = []
        labels = self._layer_labels()
        for key, _, _ in self.LAYERS:
            if key not in read:
                continue
            entry = read[key]
            layer = entry.layer
            uri = layer.source() if layer is not None else str(parameters.get(key))
            if layer is not None and layer.providerType() == "memory":
                uri = self.tr("temporary layer")
            inputs.append(
                (
                    labels[key],
                    entry.name,
                    errors.redact(QgsDataSourceUri.removePassword(uri)),
                    entry.source.featureCount(),
                    entry.source.sourceCrs().authid(),
                )
            )
        raster = self.parameterAsRasterLayer(parameters, self.HAZARD_RASTER, context)
        if raster is not None:
            inputs.append(
                (
                    self.tr("Hazard raster"),
                    errors.redact(raster.name()),
                    errors.redact(QgsDataSourceUri.removePassword(raster.source())),
                    None,  # cells, not features
                    raster.crs().authid(),
                )
            )

        versions = [
            ("Fibre Resilience", plugin_version()),
            ("QGIS", Qgis.version()),
            ("GDAL", gdal.__version__),
            ("Python", platform.python_version()),
            ("numpy", numpy.__version__),
            ("pandas", pandas.__version__),
            ("shapely", shapely.__version__),
        ]
        own = []
        for definition in self.parameterDefinitions():
            name = definition.name()
            if name == self.RUN_PARAMETERS:
                continue
            value = parameters.get(name)
            if value is None:
                continue
            if name in read:  # a layer: its name, its source is listed above
                value = read[name].name
            own.append((f"{self.ALG_ID}:{name}", str(value)))
        run = parse_run_parameters(self.parameterAsString(parameters, self.RUN_PARAMETERS, context))
        # Connection strings of the run (a PostGIS layer, a "PG:" source) lose their password.
        listed = [(errors.redact(k), errors.redact(v)) for k, v in run + own]
        return provenance_tables(inputs, versions, listed)

    # ------------------------------------------------------------------ run

    def checkParameterValues(self, parameters, context):  # noqa: N802 (QGIS's name)
        # QGIS quotes a layer source it cannot load in full: a password with it
        ok, message = super().checkParameterValues(parameters, context)
        return ok, errors.redact(message)

    def process(self, parameters, context, feedback):
        try:
            return self._report(parameters, context, feedback)
        except QgsProcessingException as exc:
            # a layer source or a run parameter quoted in a message never carries a password
            raise QgsProcessingException(errors.redact(str(exc))) from None

    def _report(self, parameters, context, feedback):
        with errors.core_errors():  # a broken RUN_PARAMETERS is refused before any work
            parse_run_parameters(self.parameterAsString(parameters, self.RUN_PARAMETERS, context))
        crs, read = self._read_all(parameters, context, feedback)
        language = self._language()
        premises = (
            self._premises_frame(parameters, context, read) if self.PREMISES in read else None
        )
        inputs = ReportInputs(
            premises=premises,
            sites=self._frame(read, self.SITES),
            routes=self._frame(
                read,
                self.ROUTES,
                length=True,
                extra=(self.parameterAsString(parameters, self.ROUTE_ID_FIELD, context),),
            ),
            nodes=self._frame(read, self.NODES),
            targets=self._frame(read, self.TARGETS),
            sensitive=self._sensitive_frame(parameters, context, read),
            tiers=self._frame(read, self.TIERS),
        )
        top = self.parameterAsInt(parameters, self.TOP, context)
        with errors.core_errors():
            figures = report_figures(inputs, top)
            restoration, power, site_header = self._power(parameters, context, read, top, feedback)
            plan = self._plan(parameters, context, read, top)
            return_periods = self._return_periods(
                parameters, context, read, premises, self._commune_names(parameters, context, read)
            )
        feedback.setProgress(50)
        # The figures are counted: the maps need only the geometries already read, the
        # columns go before the maps are drawn.
        shapes = {
            role: (read[key].arrays.fids, read[key].arrays.geometries)
            for key, _, role in self.LAYERS
            if role and key in read and read[key].arrays is not None
        }
        del inputs, premises
        for entry in read.values():
            entry.arrays = None

        drawn = {
            role: read[key].layer
            for key, _, role in self.LAYERS
            if role
            and key in read
            and QgsWkbTypes.geometryType(read[key].source.wkbType())
            != QgsWkbTypes.GeometryType.NullGeometry  # ACTIONS as a table: nothing to draw
        }
        maps = ReportMaps(
            drawn,
            crs,
            context.transformContext(),
            return_periods=(
                return_periods.scenarios["rp"].tolist() if return_periods is not None else None
            ),
            language=language,
            geometries=shapes,
        )
        del shapes
        views = maps.views()
        feedback.setProgress(70)

        now = datetime.now().astimezone()
        id_field = self.parameterAsString(parameters, self.ROUTE_ID_FIELD, context)
        document = build_document(
            figures,
            title=self.parameterAsString(parameters, self.TITLE, context),
            subtitle=self.tr("Made on {date} with Fibre Resilience {version}, QGIS {qgis}").format(
                date=now.strftime("%Y-%m-%d %H:%M %Z"),
                version=plugin_version(),
                qgis=Qgis.version(),
            ),
            language=language,
            maps=views,
            provenance=self._provenance(parameters, context, read),
            id_field=id_field,
            footer=self.tr(
                "Fibre Resilience — resilience plan of a fibre network (schéma local de résilience)"
            ),
            return_periods=return_periods,
            restoration=restoration,
            power=power,
            site_header=site_header,
            plan=plan,
        )

        # The base class writes each file beside its destination and moves them all into
        # place once the run has succeeded: a failure at any step leaves none of them.
        outputs = {}
        pdf = self.parameterAsFileOutput(parameters, self.OUTPUT_PDF, context)
        # The HTML page's maps are drawn in QGIS's render threads while the PDF is made here.
        drawing = {view.key: maps.start_render(view.key, *MAP_SIZE) for view in views}
        try:
            if pdf:
                pages = export_pdf(document, maps, pdf, feedback)
                outputs[self.OUTPUT_PDF] = pdf
            images = {key: render.png() for key, render in drawing.items()}
        finally:  # an error or a cancel: no map goes on drawing
            for render in drawing.values():
                render.cancel()
        html = self.parameterAsFileOutput(parameters, self.OUTPUT_HTML, context)
        Path(html).write_text(render_html(document, images), encoding="utf-8")
        outputs[self.OUTPUT_HTML] = html
        feedback.setProgress(90)
        tables = self.parameterAsFileOutput(parameters, self.OUTPUT_TABLES, context)
        if tables:
            write_workbook(tables, document.tables())
            outputs[self.OUTPUT_TABLES] = tables
        if feedback.isCanceled():
            errors.raise_cancelled()

        def destination(key):
            return sinks.destination_text(self, parameters, key, context)

        feedback.pushInfo(self.tr("HTML report: {}").format(destination(self.OUTPUT_HTML)))
        if pdf:
            feedback.pushInfo(
                self.tr("PDF report: {path} ({pages} pages)").format(
                    path=destination(self.OUTPUT_PDF), pages=pages
                )
            )
        if tables:
            feedback.pushInfo(self.tr("Tables: {}").format(destination(self.OUTPUT_TABLES)))

        f = figures.figures
        outputs.update(
            {
                self.PREMISES_EXPOSED: f.get("premises_exposed"),
                self.PREMISES_SPOF: f.get("premises_spof"),
                self.PREMISES_CUT: f.get("premises_cut"),
                self.UNREACHABLE_COUNT: f.get("targets_unreachable"),
            }
        )
        return outputs

    def _language(self) -> str:
        """QGIS's language when our texts are translated into it, else English."""
        language = user_language()
        if language != "en" and self.tr("Key figures") == "Key figures":
            return "en"
        return language
