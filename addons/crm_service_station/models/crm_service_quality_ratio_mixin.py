# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, models


class CrmServiceQualityRatioMixin(models.AbstractModel):
    """Ratios that stay right in every group of a pivot, a graph or a grouped list.

    A ratio of sums is not the sum (nor the average) of the rows' ratios. The quality reports
    declare, per ratio measure, the numerator and denominator aggregates and the
    ``lib/quality`` function; each group's ratio is computed from that group's aggregates.
    Measures counted as distinct values (engines) are declared in ``_quality_distinct``: an
    engine appears on several rows (one per month in service) but counts once per group.
    """

    _name = "crm.service.quality.ratio.mixin"
    _description = "Quality Ratio Measures"

    #: measure name -> the aggregate that replaces its own (``"lot_id:count_distinct"``)
    _quality_distinct = {}
    #: ratio measure name -> (numerator aggregate, denominator aggregate, function)
    _quality_ratios = {}

    @api.model
    def _read_group(
        self,
        domain,
        groupby=(),
        aggregates=(),
        having=(),
        offset=0,
        limit=None,
        order=None,
    ):
        aggregates = tuple(aggregates)
        names = [spec.split(":")[0] for spec in aggregates]
        ratios = [
            (index, self._quality_ratios[name])
            for index, name in enumerate(names)
            if name in self._quality_ratios
        ]
        if not ratios and not set(names) & set(self._quality_distinct):
            return super()._read_group(
                domain, groupby, aggregates, having, offset, limit, order
            )
        specs = [
            self._quality_distinct.get(name, spec)
            for name, spec in zip(names, aggregates, strict=True)
        ]
        extra = []
        for _index, (numerator, denominator, _function) in ratios:
            extra.extend((numerator, denominator))
        rows = super()._read_group(
            domain, groupby, specs + extra, having, offset, limit, order
        )
        width = len(groupby) + len(specs)
        result = []
        for row in rows:
            values = list(row[:width])
            tail = row[width:]
            for position, (index, (_num, _den, function)) in enumerate(ratios):
                numerator, denominator = tail[2 * position], tail[2 * position + 1]
                values[len(groupby) + index] = (
                    function(int(numerator or 0), int(denominator))
                    if denominator
                    else 0.0
                )
            result.append(tuple(values))
        return result
