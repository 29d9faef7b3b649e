"""Tier 1: crm_coal key-account share of our coal sales against the goal (seed 004)."""

import re

from crm_coal_lib.common import DomainError
from crm_coal_lib.share import meets_goal, share_pct
import pytest


def raises(message):
    return pytest.raises(DomainError, match=f"^{re.escape(message)}$")


def test_share_of_volume_and_revenue():
    assert share_pct(300, 400) == 75.0
    assert share_pct(180000, 250000) == 72.0
    assert share_pct(1, 3) == 33.33
    assert share_pct(2, 3) == 66.67  # rounded half up
    assert share_pct(0, 500) == 0.0
    assert share_pct(500, 500) == 100.0
    assert share_pct(-20, -80) == 25.0  # credit lines only: a share of the refunds


def test_share_of_nothing_is_unknown():
    assert share_pct(0, 0) is None


def test_share_refuses_a_part_outside_the_total():
    with raises("a share must lie between 0 and the total, got 500 of 400"):
        share_pct(500, 400)
    with raises("a share must lie between 0 and the total, got -1 of 400"):
        share_pct(-1, 400)


def test_goal():
    assert meets_goal(50.0, 50)
    assert not meets_goal(49.99, 50)
    assert meets_goal(72.0, 50)
    assert not meets_goal(None, 0)
    with raises("goal must be between 0 and 100 %, got 120"):
        meets_goal(60.0, 120)
