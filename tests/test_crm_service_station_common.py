"""Tier 1: shared helpers of crm_service_station (month arithmetic, input checks)."""

from datetime import date, datetime
from decimal import Decimal

from crm_service_station_lib.common import (
    DomainError,
    add_months,
    fmt_number,
    full_months_between,
    optional_date,
    optional_non_negative,
    require_date,
    require_int,
    require_non_negative,
    require_number,
)
import pytest


def assert_error(excinfo, code, message):
    assert type(excinfo.value) is DomainError
    assert isinstance(excinfo.value, ValueError)
    assert excinfo.value.code == code
    assert str(excinfo.value) == message


@pytest.mark.parametrize(
    "start, months, expected",
    [
        (date(2024, 1, 31), 1, date(2024, 2, 29)),  # leap year month end
        (date(2023, 1, 31), 1, date(2023, 2, 28)),  # common year month end
        (date(2024, 2, 29), 12, date(2025, 2, 28)),
        (date(2024, 2, 29), 48, date(2028, 2, 29)),
        (date(2024, 3, 31), -1, date(2024, 2, 29)),
        (date(2024, 11, 30), 3, date(2025, 2, 28)),
        (date(2024, 12, 15), 1, date(2025, 1, 15)),
        (date(2024, 1, 15), -13, date(2022, 12, 15)),
        (date(2024, 5, 31), 1, date(2024, 6, 30)),
        (date(2024, 1, 10), 0, date(2024, 1, 10)),
        (date(2024, 1, 31), 36, date(2027, 1, 31)),
    ],
)
def test_add_months(start, months, expected):
    assert add_months(start, months) == expected


def test_add_months_refuses_datetime():
    with pytest.raises(DomainError) as excinfo:
        add_months(datetime(2024, 1, 31, 8, 0), 1)
    assert_error(
        excinfo,
        "not_a_date",
        "start must be a date, got datetime.datetime(2024, 1, 31, 8, 0).",
    )


@pytest.mark.parametrize("months", [1.0, True, "1", None])
def test_add_months_refuses_non_integer_months(months):
    with pytest.raises(DomainError) as excinfo:
        add_months(date(2024, 1, 31), months)
    assert_error(
        excinfo, "not_an_integer", f"months must be an integer, got {months!r}."
    )


def test_add_months_out_of_range():
    with pytest.raises(DomainError) as excinfo:
        add_months(date(9999, 12, 1), 1)
    assert_error(excinfo, "date_out_of_range", "The resulting date is out of range.")


@pytest.mark.parametrize(
    "start, end, expected",
    [
        (date(2024, 1, 15), date(2024, 1, 15), 0),
        (date(2024, 1, 15), date(2024, 2, 14), 0),
        (date(2024, 1, 15), date(2024, 2, 15), 1),
        (date(2024, 1, 31), date(2024, 2, 28), 0),
        (date(2024, 1, 31), date(2024, 2, 29), 1),
        (date(2024, 1, 31), date(2024, 3, 30), 1),
        (date(2024, 1, 31), date(2024, 3, 31), 2),
        (date(2023, 5, 10), date(2025, 5, 9), 23),
        (date(2023, 5, 10), date(2025, 5, 10), 24),
    ],
)
def test_full_months_between(start, end, expected):
    assert full_months_between(start, end) == expected


def test_full_months_between_end_before_start():
    with pytest.raises(DomainError) as excinfo:
        full_months_between(date(2024, 3, 1), date(2024, 2, 29))
    assert_error(
        excinfo,
        "end_before_start",
        "end date 2024-02-29 is before start date 2024-03-01.",
    )
    assert excinfo.value.params == {"start": "2024-03-01", "end": "2024-02-29"}


@pytest.mark.parametrize(
    "value, text",
    [
        (1500.0, "1500"),
        (0.1, "0.1"),
        (Decimal("2.50"), "2.5"),
        (-1, "-1"),
        (1e6, "1000000"),
        (7, "7"),
    ],
)
def test_fmt_number(value, text):
    assert fmt_number(value) == text


@pytest.mark.parametrize("value", [0, 3, 2.5, Decimal("1.25")])
def test_require_number_accepts(value):
    assert require_number(value, "x") is value


@pytest.mark.parametrize(
    "value, message",
    [
        (True, "x must be a number, got True."),
        ("3", "x must be a number, got '3'."),
        (None, "x must be a number, got None."),
        (float("nan"), "x must be a finite number, got nan."),
        (float("inf"), "x must be a finite number, got inf."),
        (Decimal("NaN"), "x must be a finite number, got Decimal('NaN')."),
    ],
)
def test_require_number_refuses(value, message):
    with pytest.raises(DomainError) as excinfo:
        require_number(value, "x")
    assert_error(excinfo, "not_a_number", message)


def test_require_non_negative():
    assert require_non_negative(0, "qty") == 0
    with pytest.raises(DomainError) as excinfo:
        require_non_negative(-0.5, "qty")
    assert_error(excinfo, "negative_value", "qty must not be negative, got -0.5.")
    assert excinfo.value.params == {"field": "qty", "value": -0.5}


def test_optional_helpers_accept_none():
    assert optional_non_negative(None, "km") is None
    assert optional_date(None, "d") is None
    assert optional_date(date(2024, 1, 1), "d") == date(2024, 1, 1)


def test_require_int():
    assert require_int(0, "n") == 0
    with pytest.raises(DomainError) as excinfo:
        require_int(-1, "n")
    assert_error(excinfo, "negative_value", "n must not be negative, got -1.")
    with pytest.raises(DomainError) as excinfo:
        require_int(0, "n", minimum=1)
    assert_error(excinfo, "negative_value", "n must be at least 1, got 0.")
    with pytest.raises(DomainError) as excinfo:
        require_int(False, "n")
    assert_error(excinfo, "not_an_integer", "n must be an integer, got False.")


def test_require_date_refuses_string():
    with pytest.raises(DomainError) as excinfo:
        require_date("2024-01-01", "d")
    assert_error(excinfo, "not_a_date", "d must be a date, got '2024-01-01'.")
