"""Tier 1: quality-analysis figures."""

from datetime import date, datetime

from crm_service_station_lib.common import DomainError
from crm_service_station_lib.quality import (
    claims_per_thousand,
    months_in_service,
    parts_ppm,
    production_month,
)
import pytest


def assert_error(excinfo, code, message):
    assert type(excinfo.value) is DomainError
    assert excinfo.value.code == code
    assert str(excinfo.value) == message


@pytest.mark.parametrize(
    "claims, units, expected",
    [(7, 2_500, 2.8), (0, 100, 0.0), (3, 3, 1_000.0), (5, 2, 2_500.0), (1, 8, 125.0)],
)
def test_claims_per_thousand(claims, units, expected):
    assert claims_per_thousand(claims, units) == expected


@pytest.mark.parametrize(
    "args, code, message",
    [
        ((1, 0), "zero_units", "units_in_field must be positive, got 0."),
        ((-1, 10), "negative_value", "claims must not be negative, got -1."),
        ((1.5, 10), "not_an_integer", "claims must be an integer, got 1.5."),
        ((1, -10), "negative_value", "units_in_field must not be negative, got -10."),
    ],
)
def test_claims_per_thousand_bad_input(args, code, message):
    with pytest.raises(DomainError) as excinfo:
        claims_per_thousand(*args)
    assert_error(excinfo, code, message)


@pytest.mark.parametrize(
    "failed, installed, expected",
    [
        (3, 12_000, 250.0),
        (0, 10, 0.0),
        (10, 10, 1_000_000.0),
        (1, 3, 333_333.3333333333),
    ],
)
def test_parts_ppm(failed, installed, expected):
    assert parts_ppm(failed, installed) == expected


@pytest.mark.parametrize(
    "args, code, message",
    [
        ((0, 0), "zero_units", "installed_parts must be positive, got 0."),
        (
            (11, 10),
            "failed_exceeds_installed",
            "failed_parts (11) cannot exceed installed_parts (10).",
        ),
        ((-1, 10), "negative_value", "failed_parts must not be negative, got -1."),
        ((1, None), "not_an_integer", "installed_parts must be an integer, got None."),
    ],
)
def test_parts_ppm_bad_input(args, code, message):
    with pytest.raises(DomainError) as excinfo:
        parts_ppm(*args)
    assert_error(excinfo, code, message)


def test_parts_ppm_counts_repeat_replacements_when_allowed():
    # 12 replacements on 10 installed positions (two parts failed twice): 12 × 1e6 / 10.
    assert parts_ppm(12, 10, allow_repeats=True) == 1_200_000.0
    assert parts_ppm(3, 4_000, allow_repeats=True) == 750.0
    with pytest.raises(DomainError) as excinfo:
        parts_ppm(1, 0, allow_repeats=True)
    assert_error(excinfo, "zero_units", "installed_parts must be positive, got 0.")


@pytest.mark.parametrize(
    "start, repair, months",
    [
        (date(2024, 1, 15), date(2024, 1, 15), 0),
        (date(2024, 1, 15), date(2024, 2, 14), 0),
        (date(2024, 1, 15), date(2024, 2, 15), 1),
        (date(2024, 1, 31), date(2024, 2, 28), 0),
        (date(2024, 1, 31), date(2024, 2, 29), 1),
        (date(2024, 1, 31), date(2024, 3, 30), 1),
        (date(2024, 1, 31), date(2024, 3, 31), 2),
        (date(2023, 5, 10), date(2025, 5, 9), 23),
        (date(2023, 12, 31), date(2024, 12, 31), 12),
    ],
)
def test_months_in_service(start, repair, months):
    assert months_in_service(start, repair) == months


def test_months_in_service_repair_before_start():
    with pytest.raises(DomainError) as excinfo:
        months_in_service(date(2024, 1, 31), date(2024, 1, 30))
    assert_error(
        excinfo,
        "repair_before_warranty_start",
        "repair date 2024-01-30 is before warranty start 2024-01-31.",
    )


def test_months_in_service_needs_dates():
    with pytest.raises(DomainError) as excinfo:
        months_in_service(None, date(2024, 1, 30))
    assert_error(excinfo, "not_a_date", "warranty_start must be a date, got None.")


def test_production_month():
    assert production_month(date(2024, 3, 9)) == "2024-03"
    assert production_month(date(2024, 12, 31)) == "2024-12"
    assert production_month(date(987, 1, 1)) == "0987-01"


@pytest.mark.parametrize(
    "value, message",
    [
        (
            datetime(2024, 3, 9),
            "production_date must be a date, got datetime.datetime(2024, 3, 9, 0, 0).",
        ),
        ("2024-03-09", "production_date must be a date, got '2024-03-09'."),
    ],
)
def test_production_month_bad_input(value, message):
    with pytest.raises(DomainError) as excinfo:
        production_month(value)
    assert_error(excinfo, "not_a_date", message)
