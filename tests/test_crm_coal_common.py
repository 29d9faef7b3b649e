"""Tier 1: shared helpers of crm_coal's domain layer and its import hygiene."""

import ast
from decimal import Decimal
import math
import pathlib
import re
import sys

from crm_coal_lib.common import (
    DomainError,
    Reason,
    check_non_negative,
    check_percentage,
    check_positive,
    round_half_up,
    to_decimal,
)
import pytest

LIB_DIR = pathlib.Path(__file__).resolve().parent.parent / "addons" / "crm_coal" / "lib"


def raises(message):
    return pytest.raises(DomainError, match=f"^{re.escape(message)}$")


def test_error_is_a_value_error():
    assert issubclass(DomainError, ValueError)


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
        "__init__.py",
        "common.py",
        "pricing.py",
        "supply.py",
        "scoring.py",
        "receivables.py",
        "market.py",
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


@pytest.mark.parametrize(
    "call, code, params",
    [
        (lambda: to_decimal("7", "x"), "not_a_number", {"field": "x", "value": "'7'"}),
        (
            lambda: check_non_negative(-1, "n"),
            "negative_value",
            {"field": "n", "value": -1},
        ),
        (lambda: check_positive(0, "p"), "not_positive", {"field": "p", "value": 0}),
        (
            lambda: check_percentage(101, "pc"),
            "not_a_percentage",
            {"field": "pc", "value": 101},
        ),
    ],
)
def test_domain_errors_carry_a_code_and_params(call, code, params):
    with pytest.raises(DomainError) as caught:
        call()
    assert caught.value.code == code
    assert caught.value.params == params


def test_every_lib_raise_has_a_code():
    """Every ``raise DomainError(...)`` in lib passes a literal code first (the model layer
    translates by code, never by message)."""
    for path in LIB_DIR.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call):
                func = node.exc.func
                if isinstance(func, ast.Name) and func.id == "DomainError":
                    first = node.exc.args[0]
                    assert isinstance(first, ast.Constant) and isinstance(
                        first.value, str
                    ), f"{path.name}:{node.lineno}"
                    assert re.fullmatch(r"[a-z_]+", first.value), (
                        f"{path.name}:{node.lineno}"
                    )
