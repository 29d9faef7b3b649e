"""Tier 1: shared helpers of crm_coal's domain layer and its import hygiene."""

import ast
import math
import pathlib
import re
import sys
from decimal import Decimal

import pytest

from crm_coal_lib.common import (
    CoalValueError,
    Reason,
    check_non_negative,
    check_percentage,
    check_positive,
    round_half_up,
    to_decimal,
)

LIB_DIR = pathlib.Path(__file__).resolve().parent.parent / "addons" / "crm_coal" / "lib"


def raises(message):
    return pytest.raises(CoalValueError, match=f"^{re.escape(message)}$")


def test_error_is_a_value_error():
    assert issubclass(CoalValueError, ValueError)


def test_to_decimal_keeps_what_the_user_typed():
    assert to_decimal(0.1, "x") == Decimal("0.1")
    assert to_decimal(7, "x") == Decimal(7)
    assert to_decimal(Decimal("1.25"), "x") == Decimal("1.25")


@pytest.mark.parametrize(
    "value, message",
    [
        (None, "x must be a number, got None"),
        ("725", "x must be a number, got '725'"),
        (True, "x must be a number, got True"),
        (math.nan, "x must be a finite number, got nan"),
        (math.inf, "x must be a finite number, got inf"),
        (Decimal("NaN"), "x must be a finite number, got NaN"),
    ],
)
def test_to_decimal_refuses_non_numbers(value, message):
    with raises(message):
        to_decimal(value, "x")


def test_round_half_up_rounds_the_decimal_value():
    # round() gives 2.67 and 0.12 here (binary value / half to even)
    assert round(2.675, 2) == 2.67
    assert round_half_up(2.675) == 2.68
    assert round_half_up(0.125) == 0.13
    assert round_half_up(-0.125) == -0.13
    assert round_half_up(Decimal("659.0909"), 0) == 659.0
    assert round_half_up(1.23456, 4) == 1.2346


def test_checks():
    assert check_non_negative(0, "n") == 0
    assert check_positive(0.5, "p") == Decimal("0.5")
    assert check_percentage(100, "pc") == 100
    assert check_percentage(0, "pc") == 0
    with raises("n must not be negative, got -0.01"):
        check_non_negative(-0.01, "n")
    with raises("p must be greater than zero, got 0"):
        check_positive(0, "p")
    with raises("pc must be between 0 and 100 %, got 100.01"):
        check_percentage(100.01, "pc")
    with raises("pc must be between 0 and 100 %, got -1"):
        check_percentage(-1, "pc")


def test_reason_is_frozen_with_params():
    reason = Reason("cv_below_min", {"limit": 4500.0})
    assert reason == Reason("cv_below_min", {"limit": 4500.0})
    assert Reason("x").params == {}
    with pytest.raises(AttributeError):
        reason.code = "other"


def test_lib_imports_only_the_standard_library():
    files = sorted(LIB_DIR.glob("*.py"))
    assert {f.name for f in files} >= {
        "__init__.py", "common.py", "pricing.py", "supply.py",
        "scoring.py", "receivables.py", "market.py",
    }
    for path in files:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                roots = [alias.name.split(".")[0] for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                if node.level:  # relative import inside the lib
                    continue
                roots = [node.module.split(".")[0]]
            else:
                continue
            for root in roots:
                assert root != "odoo", f"{path.name} imports odoo"
                assert root in sys.stdlib_module_names or root == "__future__", (
                    f"{path.name} imports non-stdlib module {root}"
                )
