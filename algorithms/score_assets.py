"""fibreresilience:scoreassets — a weighted, explainable risk score of any vector layer."""

from qgis.core import (
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterString,
)

from ..adapters import layers, sinks
from ..adapters.scores import (
    criteria_columns,
    criteria_fields,
    default_classes,
    score_columns,
    score_fields,
)
from ..core.criteria import parse_classes, parse_criteria
from ..core.errors import InputError
from ..core.scoring import METHODS, score_assets
from ..processing_provider.algorithm import FibreAlgorithm


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

        now = criteria_fields(criteria, source.fields())  # read in one pass
        layer = layers.read_layer(source, name, source.sourceCrs(), context, feedback, now=now)
        if len(layer) == 0:
            feedback.pushWarning(
                self.tr('Layer "{}" has no feature: nothing to score.').format(name)
            )
        expression_context = self.createExpressionContext(parameters, context, source)
        columns = criteria_columns(
            criteria,
            layer.features,
            layer.fields,
            expression_context,
            name,
            feedback.isCanceled,
            column=layer.values,
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
