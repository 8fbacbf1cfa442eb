"""fibreresilience:scoreassets — a weighted, explainable risk score of any vector layer."""

import re
from typing import List, Sequence

import numpy as np
from qgis.core import (
    QgsExpressionContext,
    QgsFeature,
    QgsFields,
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterString,
)

from ..adapters import expressions, layers, sinks
from ..core.criteria import Criterion, classes_text, parse_classes, parse_criteria
from ..core.errors import InputError
from ..core.scoring import METHODS, as_numeric, score_assets
from ..i18n import tr
from ..processing_provider.algorithm import FibreAlgorithm

_IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def default_classes() -> str:
    """The default CLASSES with its labels in the user's language: sc_class is read by
    people, in the layer, the dock and the report."""
    labels = (tr("very low"), tr("low"), tr("medium"), tr("high"), tr("very high"))
    return classes_text(labels)


def criteria_columns(
    criteria: Sequence[Criterion],
    features: Sequence[QgsFeature],
    fields: QgsFields,
    expression_context: QgsExpressionContext,
    layer_name: str,
    is_cancelled=None,
) -> List[np.ndarray]:
    """Each criterion's values on ``features`` (NaN for NULL), shared with the scoring dock.

    A source that names a field reads it; any other text is a QGIS expression evaluated per
    feature. Raises QgsProcessingException naming the layer, field or feature.
    """
    columns = []
    for criterion in criteria:
        source = criterion.source.strip()
        index = fields.lookupField(source)
        if index >= 0:
            values = [layers.python_value(f.attribute(index)) for f in features]
        elif _IDENTIFIER.match(source):
            raise QgsProcessingException(
                tr('Layer "{layer}" has no field "{field}" (criterion "{title}").').format(
                    layer=layer_name, field=source, title=criterion.title
                )
            )
        else:
            what = tr('Criterion "{title}" of CRITERIA').format(title=criterion.title)
            values = expressions.evaluate(
                source, features, fields, layer_name, expression_context, what, is_cancelled
            )
        try:
            columns.append(as_numeric(values, criterion.title))
        except InputError as exc:
            raise QgsProcessingException(str(exc)) from None
    return columns


def score_fields(names: Sequence[str]) -> List[sinks.NewField]:
    """The sc_* output fields: score, rank, class, then one contribution per criterion."""
    return [
        sinks.real_field("sc_score", 3),
        sinks.int_field("sc_rank"),
        sinks.text_field("sc_class", 40),
    ] + [sinks.real_field(name, 3) for name in names]


def score_columns(result) -> dict:
    """Output values by field name (rank 0, for unscored features, becomes NULL)."""
    rank = np.array([int(r) if r > 0 else None for r in result.rank], dtype=object)
    columns = {"sc_score": result.score, "sc_rank": rank, "sc_class": result.classes}
    for j, name in enumerate(result.names):
        columns[name] = result.contributions[:, j]
    return columns


class ScoreAssetsAlgorithm(FibreAlgorithm):
    ALG_ID = "scoreassets"
    ALG_GROUP = "plan"

    INPUT = "INPUT"
    CRITERIA = "CRITERIA"
    METHOD = "METHOD"
    CLASSES = "CLASSES"
    OUTPUT = "OUTPUT"
    SCORED_COUNT = "SCORED_COUNT"

    def displayName(self):
        return self.tr("Score assets")

    def shortHelpString(self):
        return self.tr(
            "Scores every feature of any vector layer from 0 (lowest risk) to 100 (highest) "
            "with weighted criteria, and explains each score.\n\n"
            "CRITERIA: one criterion per line, items separated by |, for example\n"
            "hz_level | weight=3 | higher | minmax | nulls=lowest | label=Flood level\n"
            'rd_prem | weight=2 | log\n`"gt_aer_m" / 1000` | weight=1 | rank | nulls=exclude\n'
            "The first item is a field or a QGIS expression (between backticks when it holds "
            "|). Then, in any order: weight= (any number >= 0, divided by the sum of weights); "
            "higher or lower (which way means more risk); minmax, rank (percentile, ties "
            "averaged), log (log(1 + v - min)) or thresholds=t1;t2;… (classes of fixed "
            "thresholds); nulls=lowest, highest or exclude (the feature is not scored, with a "
            "warning); label= and name= (suffix of the contribution field). Lines starting "
            "with # are comments. The scoring dock writes this text.\n\n"
            "METHOD: weighted sum (score = 100 × Σ w·r) or weighted product (geometric mean "
            "of the risks floored at 1 %, rescaled to 0–100; contributions split in proportion "
            "to each criterion's weighted log-risk).\n"
            "CLASSES: breaks=20;40;60;80 | labels=… (fixed score breaks) or quantiles=5; "
            "empty: breaks 20;40;60;80 labelled very low to very high in QGIS's language.\n\n"
            "OUTPUT keeps every input field and adds sc_score (0–100), sc_rank (1 = highest "
            "risk; equal scores keep the input order), sc_class, and one sc_<criterion> per "
            "criterion: its share of the score, so that they add up to sc_score. A criterion "
            "with a single value brings 0, with a warning. Attributes only: geometries and "
            "CRS are copied as they are."
        )

    def initAlgorithm(self, config=None):
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.INPUT,
                self.tr("Assets to score"),
                [QgsProcessing.SourceType.TypeVector],
            )
        )
        self.addParameter(
            QgsProcessingParameterString(
                self.CRITERIA, self.tr("Criteria (one per line)"), multiLine=True
            )
        )
        self.addParameter(
            QgsProcessingParameterEnum(
                self.METHOD,
                self.tr("Method"),
                options=[self.tr("Weighted sum"), self.tr("Weighted product")],
                defaultValue=0,
            )
        )
        self.addParameter(
            QgsProcessingParameterString(
                self.CLASSES,
                self.tr("Classes of sc_class"),
                defaultValue=default_classes(),
                optional=True,
            )
        )
        self.addParameter(QgsProcessingParameterFeatureSink(self.OUTPUT, self.tr("Scored assets")))
        self.addOutput(QgsProcessingOutputNumber(self.SCORED_COUNT, self.tr("Scored features")))

    def process(self, parameters, context, feedback):
        # scores read attributes only: a layer without a CRS is scored as it is
        source = layers.require_source(self, parameters, self.INPUT, context, placed=False)
        name = layers.layer_name(self, parameters, self.INPUT, context)
        method = METHODS[self.parameterAsEnum(parameters, self.METHOD, context)]
        classes = (
            self.parameterAsString(parameters, self.CLASSES, context).strip() or default_classes()
        )
        try:
            criteria = parse_criteria(self.parameterAsString(parameters, self.CRITERIA, context))
            parse_classes(classes)
        except InputError as exc:
            raise QgsProcessingException(str(exc)) from None

        layer = layers.read_layer(source, name, source.sourceCrs(), context, feedback)
        if len(layer) == 0:
            feedback.pushWarning(
                self.tr('Layer "{}" has no feature: nothing to score.').format(name)
            )
        expression_context = self.createExpressionContext(parameters, context, source)
        columns = criteria_columns(
            criteria, layer.features, layer.fields, expression_context, name, feedback.isCanceled
        )
        feedback.setProgress(40)
        try:
            result = score_assets(
                columns,
                criteria,
                method,
                classes,
                progress=lambda f: feedback.setProgress(40 + 40 * f),
                is_cancelled=feedback.isCanceled,
            )
        except InputError as exc:
            raise QgsProcessingException(str(exc)) from None
        for warning in result.warnings:
            feedback.pushWarning(warning)

        with sinks.discard_on_failure() as written:
            dest = sinks.write_layer(
                self,
                parameters,
                self.OUTPUT,
                context,
                layer,
                score_fields(result.names),
                score_columns(result),
                feedback,
                written,
                (80.0, 100.0),
                crs=source.sourceCrs(),
            )
        scored = int((~result.excluded).sum())
        feedback.pushInfo(
            self.tr("{scored} of {total} features scored; contribution fields: {names}.").format(
                scored=scored, total=len(layer), names=", ".join(result.names)
            )
        )
        return {self.OUTPUT: dest, self.SCORED_COUNT: scored}
