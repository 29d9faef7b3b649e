"""Tier 1: station evaluation score and level."""

from crm_service_station_lib.common import DomainError
from crm_service_station_lib.evaluation import (
    DEFAULT_CONFIG,
    EvaluationConfig,
    MetricTarget,
    ScoreComponent,
    StationFigures,
    StationMetrics,
    StationScore,
    evaluate_station,
    recommended_level,
    score_station,
    station_metrics,
)
import pytest

FIGURES = StationFigures(
    claims=10,
    first_pass_approved=8,
    rejected=1,
    repairs=20,
    turnaround_days_total=60,
    return_visits=10,
    satisfaction_total=42,
    complaints=1,
)
METRICS = StationMetrics(
    first_pass_rate=0.8,
    rejection_rate=0.1,
    turnaround_days=3,
    satisfaction=4.2,
    complaints_per_100=5,
)


def assert_error(excinfo, code, message):
    assert type(excinfo.value) is DomainError
    assert excinfo.value.code == code
    assert str(excinfo.value) == message


def test_station_metrics():
    assert station_metrics(FIGURES) == StationMetrics(
        first_pass_rate=0.8,
        rejection_rate=0.1,
        turnaround_days=3.0,
        satisfaction=4.2,
        complaints_per_100=5.0,
    )


def test_station_metrics_without_denominators():
    assert station_metrics(StationFigures(complaints=2)) == StationMetrics()


def test_score_hand_computed():
    # first pass (0.8-0.5)/(0.95-0.5)=2/3 -> 20; rejection (0.1-0.2)/(0.02-0.2)=5/9 -> 11.111;
    # turnaround (3-10)/(2-10)=7/8 -> 17.5; satisfaction (4.2-3)/1.5=0.8 -> 16; complaints 5 -> 0
    result = score_station(METRICS)
    assert (result.score, result.level, result.excluded) == (64.61, "C", ())
    assert [(c.metric, c.points) for c in result.components] == [
        ("first_pass_rate", 20.0),
        ("rejection_rate", 11.11),
        ("turnaround_days", 17.5),
        ("satisfaction", 16.0),
        ("complaints_per_100", 0.0),
    ]
    assert result.components[2] == ScoreComponent("turnaround_days", 3, 0.875, 20, 17.5)
    assert result.components[4].sub_score == 0.0
    assert evaluate_station(FIGURES) == result


def test_perfect_station_clipped_to_100():
    metrics = StationMetrics(
        first_pass_rate=1.0,
        rejection_rate=0.0,
        turnaround_days=1,
        satisfaction=5,
        complaints_per_100=0,
    )
    result = score_station(metrics)
    assert (result.score, result.level) == (100.0, "A")
    assert all(c.sub_score == 1.0 for c in result.components)


def test_worst_station_clipped_to_0():
    metrics = StationMetrics(
        first_pass_rate=0.2,
        rejection_rate=0.5,
        turnaround_days=15,
        satisfaction=1,
        complaints_per_100=12,
    )
    assert (score_station(metrics).score, score_station(metrics).level) == (0.0, "D")


def test_missing_metrics_are_excluded_and_weights_renormalised():
    # 30 x 2/3 and 20 x 0.8 over a total weight of 50: 40 + 32 = 72
    result = score_station(StationMetrics(first_pass_rate=0.8, satisfaction=4.2))
    assert (result.score, result.level) == (72.0, "B")
    assert result.excluded == (
        "rejection_rate",
        "turnaround_days",
        "complaints_per_100",
    )
    assert [c.points for c in result.components] == [40.0, 32.0]


def test_no_data_gives_no_score():
    assert score_station(StationMetrics()) == StationScore(
        score=None,
        level=None,
        components=(),
        excluded=(
            "first_pass_rate",
            "rejection_rate",
            "turnaround_days",
            "satisfaction",
            "complaints_per_100",
        ),
    )


def test_zero_weight_metric_excluded():
    config = EvaluationConfig(
        complaints_per_100=MetricTarget(weight=0, target=0, limit=5)
    )
    result = score_station(METRICS, config)
    # 64.611 of 100 weight -> the same points over 90: 64.611 / 0.9 = 71.79
    assert (result.score, result.level) == (71.79, "B")
    assert result.excluded == ("complaints_per_100",)


def satisfaction_only(value):
    config = EvaluationConfig(
        first_pass_rate=MetricTarget(0, 1, 0),
        rejection_rate=MetricTarget(0, 0, 1),
        turnaround_days=MetricTarget(0, 1, 10),
        complaints_per_100=MetricTarget(0, 0, 5),
    )
    return score_station(StationMetrics(satisfaction=value), config)


@pytest.mark.parametrize(
    "satisfaction, score, level",
    [
        (4.275, 85.0, "A"),  # (4.275 - 3) / 1.5 = 0.85 exactly
        (4.2748, 84.99, "B"),  # 84.9866... rounds to 84.99
        (4.05, 70.0, "B"),
        (4.0498, 69.99, "C"),
        (3.825, 55.0, "C"),
        (3.8248, 54.99, "D"),
    ],
)
def test_level_thresholds_through_score(satisfaction, score, level):
    result = satisfaction_only(satisfaction)
    assert (result.score, result.level) == (score, level)


def test_level_uses_rounded_score():
    # (4.27499 - 3) / 1.5 = 84.9993... -> 85.00 -> A
    assert (satisfaction_only(4.27499).score, satisfaction_only(4.27499).level) == (
        85.0,
        "A",
    )


@pytest.mark.parametrize(
    "score, level",
    [(100, "A"), (85, "A"), (84.99, "B"), (70, "B"), (55, "C"), (54.99, "D"), (0, "D")],
)
def test_recommended_level(score, level):
    assert recommended_level(score) == level


def test_custom_levels_in_any_order():
    config = EvaluationConfig(
        levels=(("Silver", 60), ("Gold", 90)), lowest_level="Bronze"
    )
    assert recommended_level(95, config) == "Gold"
    assert recommended_level(60, config) == "Silver"
    assert recommended_level(59.99, config) == "Bronze"
    assert score_station(METRICS, config).level == "Silver"  # 64.61


def test_default_config_weights():
    weights = [
        getattr(DEFAULT_CONFIG, m).weight
        for m in (
            "first_pass_rate",
            "rejection_rate",
            "turnaround_days",
            "satisfaction",
            "complaints_per_100",
        )
    ]
    assert weights == [30, 20, 20, 20, 10]


@pytest.mark.parametrize(
    "kwargs, code, message",
    [
        ({"claims": -1}, "negative_value", "claims must not be negative, got -1."),
        ({"repairs": 2.5}, "not_an_integer", "repairs must be an integer, got 2.5."),
        (
            {"turnaround_days_total": -3},
            "negative_value",
            "turnaround_days_total must not be negative, got -3.",
        ),
        (
            {"claims": 5, "first_pass_approved": 4, "rejected": 2},
            "inconsistent_figures",
            "first_pass_approved + rejected (6) exceeds claims (5).",
        ),
        (
            {"return_visits": 10, "satisfaction_total": 51},
            "inconsistent_figures",
            "satisfaction_total (51) must be between 10 and 50 for 10 return visits.",
        ),
        (
            {"return_visits": 10, "satisfaction_total": 9.5},
            "inconsistent_figures",
            "satisfaction_total (9.5) must be between 10 and 50 for 10 return visits.",
        ),
    ],
)
def test_station_figures_bad_input(kwargs, code, message):
    with pytest.raises(DomainError) as excinfo:
        StationFigures(**kwargs)
    assert_error(excinfo, code, message)


@pytest.mark.parametrize(
    "kwargs, code, message",
    [
        (
            {"first_pass_rate": 1.2},
            "out_of_range",
            "first_pass_rate must be between 0 and 1, got 1.2.",
        ),
        (
            {"rejection_rate": -0.1},
            "negative_value",
            "rejection_rate must not be negative, got -0.1.",
        ),
        (
            {"satisfaction": 0.5},
            "out_of_range",
            "satisfaction must be between 1 and 5, got 0.5.",
        ),
        (
            {"satisfaction": 5.5},
            "out_of_range",
            "satisfaction must be between 1 and 5, got 5.5.",
        ),
        (
            {"turnaround_days": "3"},
            "not_a_number",
            "turnaround_days must be a number, got '3'.",
        ),
    ],
)
def test_station_metrics_bad_input(kwargs, code, message):
    with pytest.raises(DomainError) as excinfo:
        StationMetrics(**kwargs)
    assert_error(excinfo, code, message)


def test_config_bad_input():
    with pytest.raises(DomainError) as excinfo:
        MetricTarget(weight=10, target=3, limit=3.0)
    assert_error(excinfo, "invalid_target", "target and limit must differ, both are 3.")
    with pytest.raises(DomainError) as excinfo:
        MetricTarget(weight=-1, target=1, limit=0)
    assert_error(excinfo, "negative_value", "weight must not be negative, got -1.")
    with pytest.raises(DomainError) as excinfo:
        EvaluationConfig(levels=(("A", 120),))
    assert_error(
        excinfo, "invalid_config", "level A minimum must be at most 100, got 120."
    )
    with pytest.raises(DomainError) as excinfo:
        EvaluationConfig(satisfaction=(20, 4.5, 3))
    assert_error(excinfo, "invalid_config", "satisfaction must be a MetricTarget.")


def test_score_bad_input():
    with pytest.raises(DomainError) as excinfo:
        score_station({"first_pass_rate": 0.8})
    assert_error(
        excinfo,
        "invalid_metrics",
        "metrics must be StationMetrics, got {'first_pass_rate': 0.8}.",
    )
    with pytest.raises(DomainError) as excinfo:
        recommended_level(-1)
    assert_error(excinfo, "negative_value", "score must not be negative, got -1.")
    with pytest.raises(DomainError) as excinfo:
        station_metrics(None)
    assert_error(
        excinfo, "invalid_figures", "figures must be StationFigures, got None."
    )


# --- minimum sample ------------------------------------------------------------------------------


def test_below_the_minimum_sample_no_score_no_level():
    one_repair = StationFigures(repairs=1, turnaround_days_total=1)
    scored = evaluate_station(
        one_repair
    )  # no minimum by default: scored on turnaround only
    assert scored.score == 100.0 and scored.level == "A"
    result = evaluate_station(one_repair, EvaluationConfig(min_sample=3))
    assert result == StationScore(
        score=None,
        level=None,
        components=(),
        excluded=(
            "first_pass_rate",
            "rejection_rate",
            "turnaround_days",
            "satisfaction",
            "complaints_per_100",
        ),
        insufficient=True,
    )


def test_minimum_sample_counts_claims_and_repairs():
    # 2 claims + 1 repair = 3: exactly the minimum is enough
    figures = StationFigures(claims=2, first_pass_approved=2, repairs=1)
    assert (
        evaluate_station(figures, EvaluationConfig(min_sample=3)).insufficient is False
    )
    assert (
        evaluate_station(figures, EvaluationConfig(min_sample=4)).insufficient is True
    )


def test_minimum_sample_must_be_a_count():
    with pytest.raises(DomainError) as caught:
        EvaluationConfig(min_sample=-1)
    assert caught.value.code == "negative_value"
    with pytest.raises(DomainError) as caught:
        evaluate_station(METRICS)
    assert caught.value.code == "invalid_figures"
