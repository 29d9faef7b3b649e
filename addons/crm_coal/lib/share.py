"""Key-account share of our coal sales (spec §1.1, seed 004).

Seed 004: "集团公司煤炭重点大户销售总量占企业煤炭销售量的50以上" — the key
accounts' sales take over 50 % of the company's coal sales.  The share is
therefore ``key accounts' tons (or revenue) / all our coal tons (or revenue)``
over the same sales (a region, an industry, a period), in percent; a key
account's own share is its tons over all our coal tons of the same sales.

* A share of an empty total (nothing sold) is ``None``: unknown, not 0 %.
* The goal is a percentage (default 50 in the settings); a share meets it when
  it is at least the goal.  An unknown share does not meet it.
"""

from __future__ import annotations

from .common import DomainError, Number, check_percentage, round_half_up, to_decimal

__all__ = ["share_pct", "meets_goal"]


def share_pct(part: Number, total: Number, digits: int = 2) -> float | None:
    """``part / total`` in percent, rounded half up to ``digits``; ``None`` when
    ``total`` is zero.  A part larger than the total, or of the other sign, is
    refused (it is not a share of that total)."""
    part_d, total_d = to_decimal(part, "part"), to_decimal(total, "total")
    if total_d == 0:
        return None
    if not 0 <= part_d / total_d <= 1:
        raise DomainError(
            "not_a_share",
            f"a share must lie between 0 and the total, got {part} of {total}",
            part=part,
            total=total,
        )
    return round_half_up(part_d * 100 / total_d, digits)


def meets_goal(share: float | None, goal: Number) -> bool:
    """Whether a share (percent, or None when unknown) reaches the goal (percent)."""
    goal_d = check_percentage(goal, "goal")
    return share is not None and to_decimal(share, "share") >= goal_d
