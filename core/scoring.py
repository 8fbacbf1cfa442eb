"""Weighted, explainable risk scores of assets (the engine of ``scoreassets`` and the dock).

Each criterion's column is turned into a risk in [0, 1] (normalisation, then direction,
then the NULL policy), weights are divided by their sum, and:

- weighted sum (default): ``sc_score = 100 * sum(w_i * r_i)``; the contribution of
  criterion i is ``100 * w_i * r_i``.
- weighted product: a weighted geometric mean of the risks floored at 1 % (so that one zero
  does not erase every other criterion), rescaled so that all-lowest gives 0 and
  all-highest 100: ``G = prod((0.01 + 0.99 r_i) ** w_i)``, ``sc_score = 100 (G - 0.01) /
  0.99``. The score is split among criteria in proportion to their weighted log-risk above
  the floor, ``u_i = w_i (1 - log(0.01 + 0.99 r_i) / log(0.01))``, so that contributions
  are >= 0 and add up to the score.

Normalisation statistics use the scored features only (NULLs and features excluded by a
``nulls=exclude`` criterion are left out). A column with a single distinct value (or no
value at all) carries no information: its risk is 0 everywhere, with a warning, never a
division by zero. ``sc_rank`` is 1 for the highest score; equal scores (to 1e-9) keep the
input order. Excluded features get NaN scores and contributions, rank 0 and no class.
"""

from dataclasses import dataclass, field
from typing import List, Optional, Sequence, Tuple, Union

import numpy as np
import pandas as pd
from scipy.stats import rankdata

from .criteria import ClassSpec, Criterion, contribution_names, parse_classes
from .errors import InputError
from .monitor import Monitor, as_monitor

METHODS = ("sum", "product")
PRODUCT_FLOOR = 0.01
_TIE_DECIMALS = 9


@dataclass
class NormalisedRisks:
    """Risks in [0, 1] per feature and criterion, ready to be weighted (weights not used)."""

    criteria: List[Criterion]
    risk: np.ndarray  # (n, k) float; rows of excluded features are NaN
    excluded: np.ndarray  # (n,) bool
    warnings: List[str] = field(default_factory=list)

    @property
    def weights(self) -> np.ndarray:
        return np.array([c.weight for c in self.criteria], dtype=float)


@dataclass
class ScoreResult:
    """The outputs of a scoring run, one row per input feature in input order."""

    names: List[str]  # sc_<criterion> field names, in criteria order
    score: np.ndarray  # (n,) float 0-100, NaN when excluded
    rank: np.ndarray  # (n,) int, 1 = highest risk, 0 when excluded
    classes: np.ndarray  # (n,) object: class label, None when excluded
    contributions: np.ndarray  # (n, k) float, rows add up to score
    excluded: np.ndarray  # (n,) bool
    warnings: List[str] = field(default_factory=list)


@dataclass
class RankStability:
    """Ranks the top assets take when weights are perturbed."""

    index: np.ndarray  # (t,) feature indices of the top assets, by base rank
    base_rank: np.ndarray  # (t,)
    rank_min: np.ndarray
    rank_p05: np.ndarray
    rank_median: np.ndarray
    rank_p95: np.ndarray
    rank_max: np.ndarray
    in_top_share: np.ndarray  # share of draws in which the asset stays within the top t
    draws: int
    spread: float


def as_numeric(values: Sequence, what: str) -> np.ndarray:
    """Feature values (numbers, numeric text, None) as floats with NaN for NULL.

    Raises InputError naming the criterion and the first features whose value is not a
    number, or is infinite.
    """
    series = pd.Series(list(values), dtype=object)
    is_null = series.isna().to_numpy()
    numbers = pd.to_numeric(series, errors="coerce").to_numpy(dtype=float)
    bad = ~is_null & ~np.isfinite(numbers)
    if bad.any():
        where = np.flatnonzero(bad)
        shown = ", ".join(f"#{i + 1} ({series.iloc[i]!r})" for i in where[:3])
        raise InputError(
            f"Criterion '{what}': {len(where)} value(s) are not finite numbers, "
            f"first at feature {shown}."
        )
    return numbers


def normalise(
    criteria: Sequence[Criterion],
    columns: Sequence[np.ndarray],
    progress=None,
    is_cancelled=None,
) -> NormalisedRisks:
    """Risks in [0, 1] of each feature for each criterion (``columns`` in criteria order)."""
    monitor = progress if isinstance(progress, Monitor) else as_monitor(progress, is_cancelled)
    criteria = list(criteria)
    if not criteria:
        raise InputError("No criteria to score with.")
    if len(columns) != len(criteria):
        raise InputError(f"{len(criteria)} criteria but {len(columns)} value columns.")
    values = [np.asarray(col, dtype=float) for col in columns]
    n = len(values[0])
    if any(v.shape != (n,) for v in values):
        raise InputError("Every criterion needs one value per feature.")
    warnings: List[str] = []
    excluded = np.zeros(n, dtype=bool)
    for c, v in zip(criteria, values):
        if np.isinf(v).any():
            first = int(np.flatnonzero(np.isinf(v))[0])
            raise InputError(f"Criterion '{c.title}': infinite value at feature #{first + 1}.")
        if c.nulls == "exclude":
            nulls = np.isnan(v)
            if nulls.any():
                warnings.append(
                    f"Criterion '{c.title}': {int(nulls.sum())} feature(s) with NULL are "
                    f"left unscored (nulls=exclude)."
                )
            excluded |= nulls
    risk = np.full((n, len(criteria)), np.nan)
    kept = ~excluded
    for j, (c, v) in enumerate(zip(criteria, values)):
        risk[kept, j] = _criterion_risk(c, v[kept], warnings)
        monitor.report((j + 1) / len(criteria))
    return NormalisedRisks(criteria=criteria, risk=risk, excluded=excluded, warnings=warnings)


def _criterion_risk(c: Criterion, v: np.ndarray, warnings: List[str]) -> np.ndarray:
    nulls = np.isnan(v)
    valid = v[~nulls]
    scaled = np.zeros(len(v))
    if c.normalisation == "thresholds":
        steps = np.searchsorted(np.asarray(c.thresholds), valid, side="right")
        scaled[~nulls] = steps / len(c.thresholds)
        informative = True
    elif valid.size == 0 or valid.min() == valid.max():
        informative = False
        if len(v):
            what = "has no value" if valid.size == 0 else "has a single value"
            warnings.append(
                f"Criterion '{c.title}' {what} over the scored features: it adds 0 to "
                f"every score."
            )
    else:
        informative = True
        low, high = valid.min(), valid.max()
        if c.normalisation == "minmax":
            scaled[~nulls] = (valid - low) / (high - low)
        elif c.normalisation == "log":
            scaled[~nulls] = np.log1p(valid - low) / np.log1p(high - low)
        else:  # rank: average rank of ties, 0 for the lowest value, 1 for the highest
            ranks = rankdata(valid, method="average")
            scaled[~nulls] = (ranks - ranks.min()) / (ranks.max() - ranks.min())
    # a constant column stays at 0 whichever the direction
    risk = 1.0 - scaled if c.direction == "lower" and informative else scaled
    risk[nulls] = 1.0 if c.nulls == "highest" else 0.0
    return np.clip(risk, 0.0, 1.0)


def unit_weights(weights: Union[Sequence[float], np.ndarray]) -> np.ndarray:
    """Weights divided by their sum (InputError if negative or all zero)."""
    w = np.asarray(weights, dtype=float)
    if (w < 0).any() or not np.isfinite(w).all():
        raise InputError("Weights must be finite numbers >= 0.")
    total = w.sum()
    if total <= 0:
        raise InputError("Every weight is zero: give at least one criterion a weight above 0.")
    return w / total


def combine(risks: NormalisedRisks, weights=None, method: str = "sum"):
    """Scores (0-100) and contributions (adding up to the score) of normalised risks.

    ``weights`` overrides the criteria weights (the dock's sliders); returns
    ``(score, contributions)`` with NaN rows for excluded features.
    """
    if method not in METHODS:
        raise InputError(f"Unknown scoring method '{method}' (use sum or product).")
    w = unit_weights(risks.weights if weights is None else weights)
    r = risks.risk
    if method == "sum":
        contributions = 100.0 * r * w
        return contributions.sum(axis=1), contributions
    log_floor = np.log(PRODUCT_FLOOR)
    log_r = np.log(PRODUCT_FLOOR + (1.0 - PRODUCT_FLOOR) * r)
    geometric = np.exp(log_r @ w)
    score = 100.0 * (geometric - PRODUCT_FLOOR) / (1.0 - PRODUCT_FLOOR)
    score = np.clip(score, 0.0, 100.0)
    share = w * (1.0 - log_r / log_floor)  # >= 0: weighted log-risk above the floor
    total = share.sum(axis=1, keepdims=True)
    with np.errstate(invalid="ignore", divide="ignore"):
        contributions = np.where(total > 0, score[:, None] * share / total, 0.0)
    contributions[np.isnan(score)] = np.nan
    return score, contributions


def rank_scores(score: np.ndarray) -> np.ndarray:
    """Ranks, 1 = highest score; equal scores (to 1e-9) keep the input order; 0 for NaN."""
    score = np.asarray(score, dtype=float)
    rank = np.zeros(len(score), dtype=np.int64)
    valid = np.flatnonzero(~np.isnan(score))
    order = valid[np.argsort(-np.round(score[valid], _TIE_DECIMALS), kind="stable")]
    rank[order] = np.arange(1, len(order) + 1)
    return rank


def classify(score: np.ndarray, spec: ClassSpec) -> np.ndarray:
    """The sc_class label of each score (None where the score is NaN)."""
    score = np.asarray(score, dtype=float)
    labels = np.array(list(spec.labels) + [None], dtype=object)
    valid = ~np.isnan(score)
    index = np.full(len(score), len(spec.labels))  # points at None
    rounded = np.round(score[valid], _TIE_DECIMALS)
    if spec.kind == "breaks":
        index[valid] = np.searchsorted(np.asarray(spec.breaks), rounded, side="right")
    elif valid.any():
        # class of the average rank, so that equal scores share a class
        ranks = rankdata(rounded, method="average")
        index[valid] = np.minimum(
            ((ranks - 1) * spec.count / len(rounded)).astype(int), spec.count - 1
        )
    return labels[index]


def score_assets(
    columns: Sequence[np.ndarray],
    criteria: Sequence[Criterion],
    method: str = "sum",
    classes: Optional[str] = None,
    progress=None,
    is_cancelled=None,
) -> ScoreResult:
    """Score features: ``columns[i]`` holds criterion i's values (NaN for NULL)."""
    monitor = as_monitor(progress, is_cancelled)
    criteria = list(criteria)
    names = contribution_names(criteria)
    spec = parse_classes(classes)
    if method not in METHODS:
        raise InputError(f"Unknown scoring method '{method}' (use sum or product).")
    unit_weights([c.weight for c in criteria])
    risks = normalise(criteria, columns, monitor.slice(0.0, 0.7))
    score, contributions = combine(risks, method=method)
    monitor.report(0.85)
    warnings = list(risks.warnings)
    if len(score) and risks.excluded.all():
        warnings.append(
            "No feature could be scored: every one has a NULL in an excluding criterion."
        )
    result = ScoreResult(
        names=names,
        score=score,
        rank=rank_scores(score),
        classes=classify(score, spec),
        contributions=contributions,
        excluded=risks.excluded,
        warnings=warnings,
    )
    monitor.report(1.0)
    return result


def rank_stability(
    risks: NormalisedRisks,
    weights=None,
    method: str = "sum",
    top: int = 10,
    draws: int = 300,
    spread: float = 0.2,
    seed: Optional[int] = 0,
    progress=None,
    is_cancelled=None,
) -> RankStability:
    """Ranks of the ``top`` assets when each weight is multiplied by U(1 - spread, 1 + spread).

    Draws are scored in blocks (one matrix product per block), ranked with the same tie
    rule as :func:`rank_scores`; ``seed`` makes the draws reproducible.
    """
    monitor = as_monitor(progress, is_cancelled)
    if not 0 <= spread < 1:
        raise InputError("The weight spread must be between 0 and 1 (0.2 for ±20 %).")
    if draws < 1 or top < 1:
        raise InputError("Rank stability needs at least one draw and one asset.")
    base_w = unit_weights(risks.weights if weights is None else weights)
    base_score, _ = combine(risks, base_w, method)
    base_rank = rank_scores(base_score)
    scored = np.flatnonzero(~risks.excluded)
    r = risks.risk[scored]
    m = len(scored)
    top = min(top, m)
    top_local = np.argsort(base_rank[scored])[:top]  # positions in the scored rows
    rng = np.random.default_rng(seed)
    factors = rng.uniform(1.0 - spread, 1.0 + spread, size=(draws, len(base_w)))
    drawn_w = base_w * factors
    drawn_w /= drawn_w.sum(axis=1, keepdims=True)
    if method == "product":
        r = np.log(PRODUCT_FLOOR + (1.0 - PRODUCT_FLOOR) * r)
    ranks = np.empty((top, draws), dtype=np.int64)
    block = max(1, 2_000_000 // max(m, 1))
    for start in range(0, draws if top else 0, block):  # nothing to rank when none scored
        w = drawn_w[start : start + block].T  # (k, b)
        s = r @ w
        if method == "sum":
            s = 100.0 * s
        else:
            s = 100.0 * (np.exp(s) - PRODUCT_FLOOR) / (1.0 - PRODUCT_FLOOR)
        s = np.round(s, _TIE_DECIMALS)
        for d in range(s.shape[1]):
            ranks[:, start + d] = _ranks_of(s[:, d], top_local)
        monitor.report(min(start + block, draws) / draws)
    return RankStability(
        index=scored[top_local],
        base_rank=base_rank[scored[top_local]],
        rank_min=ranks.min(axis=1),
        rank_p05=np.percentile(ranks, 5, axis=1),
        rank_median=np.median(ranks, axis=1),
        rank_p95=np.percentile(ranks, 95, axis=1),
        rank_max=ranks.max(axis=1),
        in_top_share=(ranks <= top).mean(axis=1),
        draws=draws,
        spread=spread,
    )


def _ranks_of(score: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """Ranks (as :func:`rank_scores`) of a few ``rows`` without sorting every score.

    Only features scoring at least as high as the lowest of ``rows`` can rank above one
    of them, so the count runs over those candidates alone.
    """
    own = score[rows]
    candidates = np.flatnonzero(score >= own.min())
    cand_score = score[candidates][:, None]
    above = (cand_score > own) | ((cand_score == own) & (candidates[:, None] < rows))
    return 1 + above.sum(axis=0)


def score_histogram(score: np.ndarray, bins: int = 20):
    """Counts of scores in ``bins`` equal bins over 0-100 (NaN scores left out)."""
    score = np.asarray(score, dtype=float)
    return np.histogram(score[~np.isnan(score)], bins=bins, range=(0.0, 100.0))


@dataclass
class ScorePreview:
    """Scores of a layer for a set of criteria and weights, nothing written (the dock's
    live preview): ``fids`` name the features, ``names`` the contribution columns."""

    fids: np.ndarray
    risks: NormalisedRisks
    names: List[str]
    score: np.ndarray
    rank: np.ndarray
    contributions: np.ndarray

    def top(self, limit: int) -> np.ndarray:
        """Row indices of the ``limit`` best-ranked (highest-risk) features, rank order;
        unscored features (rank 0) never appear."""
        scored = np.flatnonzero(self.rank > 0)
        order = scored[np.argsort(self.rank[scored], kind="stable")]
        return order[: max(int(limit), 0)]

    def leading(self, row: int, count: int = 3) -> List[Tuple[str, float]]:
        """The ``count`` largest positive contributions of one row, as (criterion title,
        points), largest first: what makes this asset rank where it does."""
        titles = [c.title for c in self.risks.criteria]
        parts = sorted(zip(self.contributions[row], titles), key=lambda p: -p[0])
        return [(title, float(value)) for value, title in parts[:count] if value > 0]


def preview_scores(risks: NormalisedRisks, fids: np.ndarray, method: str = "sum") -> ScorePreview:
    """Combine already normalised risks (the criteria's own weights) into a preview.

    Normalising reads and sorts every column; weighting is cheap. The dock keeps the
    normalised risks and calls this on each weight change.
    """
    score, contributions = combine(risks, method=method)
    return ScorePreview(
        fids=np.asarray(fids),
        risks=risks,
        names=contribution_names(risks.criteria),
        score=score,
        rank=rank_scores(score),
        contributions=contributions,
    )
