"""Periodic station evaluation (考评): metrics, a 0–100 score and a recommended level.

Scoring
-------
Each metric ``m`` has a :class:`MetricTarget` ``(weight, target, limit)``.  Its sub-score is linear
between ``limit`` (0) and ``target`` (1) and clipped to ``[0, 1]``::

    sub = clip((value - limit) / (target - limit), 0, 1)

which works for "higher is better" metrics (``target > limit``, e.g. first-pass approval rate) and
"lower is better" ones (``target < limit``, e.g. rejection rate).  The score is the weighted mean of
the sub-scores × 100 over the metrics that have a value (a station without return visits is
scored on the other metrics), computed in Decimal and rounded to 2 places half up.  The
recommended level is the first level whose minimum the rounded score reaches (default A ≥ 85,
B ≥ 70, C ≥ 55, else D).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from .common import DomainError, Number, fmt_number, require_int, require_non_negative

METRICS = (
    "first_pass_rate",
    "rejection_rate",
    "turnaround_days",
    "satisfaction",
    "complaints_per_100",
)
"""Metric names, in the order they are scored."""

_HUNDRED = Decimal(100)
_CENT = Decimal("0.01")


@dataclass(frozen=True)
class StationFigures:
    """Raw counts of one station over one period (cheap ``read_group`` results).

    :param claims: claims decided in the period
    :param first_pass_approved: of those, approved at the first review (never sent back)
    :param rejected: of those, rejected
    :param repairs: repairs completed in the period
    :param turnaround_days_total: sum over those repairs of (completion − reception) in days
    :param return_visits: return visits with a satisfaction score
    :param satisfaction_total: sum of their satisfaction scores (1–5 each)
    :param complaints: complaints received in the period
    """

    claims: int = 0
    first_pass_approved: int = 0
    rejected: int = 0
    repairs: int = 0
    turnaround_days_total: Number = 0
    return_visits: int = 0
    satisfaction_total: Number = 0
    complaints: int = 0

    def __post_init__(self) -> None:
        for name in (
            "claims",
            "first_pass_approved",
            "rejected",
            "repairs",
            "return_visits",
            "complaints",
        ):
            require_int(getattr(self, name), name)
        require_non_negative(self.turnaround_days_total, "turnaround_days_total")
        require_non_negative(self.satisfaction_total, "satisfaction_total")
        if self.first_pass_approved + self.rejected > self.claims:
            raise DomainError(
                "inconsistent_figures",
                f"first_pass_approved + rejected ({self.first_pass_approved + self.rejected}) "
                f"exceeds claims ({self.claims}).",
            )
        low, high = self.return_visits, 5 * self.return_visits
        if not low <= self.satisfaction_total <= high:
            raise DomainError(
                "inconsistent_figures",
                f"satisfaction_total ({fmt_number(self.satisfaction_total)}) must be between"
                f" {low} and {high} "
                f"for {self.return_visits} return visits.",
            )


@dataclass(frozen=True)
class StationMetrics:
    """The metrics scored; ``None`` = no data for this metric in the period.

    :param first_pass_rate: share of decided claims approved at first review, 0–1
    :param rejection_rate: share of decided claims rejected, 0–1
    :param turnaround_days: average repair turnaround in days
    :param satisfaction: average return-visit satisfaction, 1–5
    :param complaints_per_100: complaints per 100 repairs
    """

    first_pass_rate: Number | None = None
    rejection_rate: Number | None = None
    turnaround_days: Number | None = None
    satisfaction: Number | None = None
    complaints_per_100: Number | None = None

    def __post_init__(self) -> None:
        for name in METRICS:
            value = getattr(self, name)
            if value is not None:
                require_non_negative(value, name)
        for name in ("first_pass_rate", "rejection_rate"):
            value = getattr(self, name)
            if value is not None and value > 1:
                raise DomainError(
                    "out_of_range",
                    f"{name} must be between 0 and 1, got {fmt_number(value)}.",
                    field=name,
                )
        if self.satisfaction is not None and not 1 <= self.satisfaction <= 5:
            raise DomainError(
                "out_of_range",
                f"satisfaction must be between 1 and 5, got {fmt_number(self.satisfaction)}.",
                field="satisfaction",
            )


def station_metrics(figures: StationFigures) -> StationMetrics:
    """Derive the metrics from raw counts (a metric whose denominator is 0 is ``None``)."""
    if not isinstance(figures, StationFigures):
        raise DomainError(
            "invalid_figures", f"figures must be StationFigures, got {figures!r}."
        )
    f = figures
    claims, repairs, visits = f.claims, f.repairs, f.return_visits
    return StationMetrics(
        first_pass_rate=f.first_pass_approved / claims if claims else None,
        rejection_rate=f.rejected / claims if claims else None,
        turnaround_days=f.turnaround_days_total / repairs if repairs else None,
        satisfaction=f.satisfaction_total / visits if visits else None,
        complaints_per_100=f.complaints * 100 / repairs if repairs else None,
    )


@dataclass(frozen=True)
class MetricTarget:
    """Scoring of one metric: ``weight`` (≥ 0), value for full marks (``target``), value for 0
    (``limit``)."""

    weight: Number
    target: Number
    limit: Number

    def __post_init__(self) -> None:
        require_non_negative(self.weight, "weight")
        require_non_negative(self.target, "target")
        require_non_negative(self.limit, "limit")
        if self.target == self.limit:
            raise DomainError(
                "invalid_target",
                f"target and limit must differ, both are {fmt_number(self.target)}.",
            )


DEFAULT_LEVELS: tuple[tuple[str, Number], ...] = (("A", 85), ("B", 70), ("C", 55))
DEFAULT_LOWEST_LEVEL = "D"


@dataclass(frozen=True)
class EvaluationConfig:
    """Weights, targets and level thresholds (defaults: weights 30/20/20/20/10)."""

    first_pass_rate: MetricTarget = MetricTarget(weight=30, target=0.95, limit=0.5)
    rejection_rate: MetricTarget = MetricTarget(weight=20, target=0.02, limit=0.2)
    turnaround_days: MetricTarget = MetricTarget(weight=20, target=2, limit=10)
    satisfaction: MetricTarget = MetricTarget(weight=20, target=4.5, limit=3)
    complaints_per_100: MetricTarget = MetricTarget(weight=10, target=0, limit=5)
    levels: tuple[tuple[str, Number], ...] = DEFAULT_LEVELS
    lowest_level: str = DEFAULT_LOWEST_LEVEL
    min_sample: int = 0
    """Claims decided plus repairs completed below which a station is not scored."""

    def __post_init__(self) -> None:
        require_int(self.min_sample, "min_sample")
        for name in METRICS:
            if not isinstance(getattr(self, name), MetricTarget):
                raise DomainError("invalid_config", f"{name} must be a MetricTarget.")
        for level, minimum in self.levels:
            require_non_negative(minimum, "level minimum")
            if minimum > 100:
                raise DomainError(
                    "invalid_config",
                    f"level {level} minimum must be at most 100, got {fmt_number(minimum)}.",
                )


DEFAULT_CONFIG = EvaluationConfig()


@dataclass(frozen=True)
class ScoreComponent:
    """One metric's contribution: its value, sub-score 0–1, weight and points (share of the 100)."""

    metric: str
    value: Number
    sub_score: float
    weight: Number
    points: float


@dataclass(frozen=True)
class StationScore:
    """Result of :func:`score_station`; ``score``/``level`` are ``None`` when no weighted metric
    has data."""

    score: float | None
    level: str | None
    components: tuple[ScoreComponent, ...] = ()
    excluded: tuple[str, ...] = field(default_factory=tuple)
    insufficient: bool = False
    """Not scored: fewer claims and repairs than the configured minimum sample."""


def _dec(value: Number) -> Decimal:
    return value if isinstance(value, Decimal) else Decimal(str(value))


def recommended_level(score: Number, config: EvaluationConfig = DEFAULT_CONFIG) -> str:
    """Level for a score: the first level (highest minimum first) whose minimum ``score``
    reaches."""
    require_non_negative(score, "score")
    for level, minimum in sorted(
        config.levels, key=lambda item: _dec(item[1]), reverse=True
    ):
        if _dec(score) >= _dec(minimum):
            return level
    return config.lowest_level


def score_station(
    metrics: StationMetrics, config: EvaluationConfig = DEFAULT_CONFIG
) -> StationScore:
    """Score 0–100 and recommended level (see module doc); metrics without value are
    ``excluded``."""
    if not isinstance(metrics, StationMetrics):
        raise DomainError(
            "invalid_metrics", f"metrics must be StationMetrics, got {metrics!r}."
        )
    available = []
    excluded = []
    for name in METRICS:
        value = getattr(metrics, name)
        target: MetricTarget = getattr(config, name)
        if value is None or not target.weight:
            excluded.append(name)
        else:
            available.append((name, value, target))
    total_weight = sum((_dec(t.weight) for _, _, t in available), Decimal(0))
    if not total_weight:
        return StationScore(
            score=None, level=None, components=(), excluded=tuple(excluded)
        )
    components = []
    score = Decimal(0)
    for name, value, target in available:
        sub = (_dec(value) - _dec(target.limit)) / (
            _dec(target.target) - _dec(target.limit)
        )
        if sub <= 0:  # also turns Decimal('-0') into a plain 0
            sub = Decimal(0)
        elif sub > 1:
            sub = Decimal(1)
        points = _dec(target.weight) * sub * _HUNDRED / total_weight
        score += points
        components.append(
            ScoreComponent(
                metric=name,
                value=value,
                sub_score=float(sub),
                weight=target.weight,
                points=float(points.quantize(_CENT, rounding=ROUND_HALF_UP)),
            )
        )
    rounded = score.quantize(_CENT, rounding=ROUND_HALF_UP)
    return StationScore(
        score=float(rounded),
        level=recommended_level(rounded, config),
        components=tuple(components),
        excluded=tuple(excluded),
    )


def evaluate_station(
    figures: StationFigures, config: EvaluationConfig = DEFAULT_CONFIG
) -> StationScore:
    """:func:`score_station` of :func:`station_metrics`, unless the station has fewer claims
    decided plus repairs completed than ``config.min_sample``: then it is not scored (no score,
    no level, ``insufficient``)."""
    if not isinstance(figures, StationFigures):
        raise DomainError(
            "invalid_figures", f"figures must be StationFigures, got {figures!r}."
        )
    if figures.claims + figures.repairs < config.min_sample:
        return StationScore(
            score=None, level=None, excluded=tuple(METRICS), insufficient=True
        )
    return score_station(station_metrics(figures), config)
