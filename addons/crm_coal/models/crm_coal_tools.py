# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Helpers shared by the addon's models."""

from odoo import fields
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL

from ..lib import market

_ARRAY_TYPES = {"many2one": "int[]", "integer": "int[]", "date": "date[]"}


def mark_to_recompute(records, fnames):
    """Mark the stored computed fields ``fnames`` of ``records`` to recompute: the ORM
    computes them in one batch (one call of their compute method) and writes them with one
    UPDATE per set of fields when it flushes."""
    for fname in fnames:
        records.env.add_to_compute(records._fields[fname], records)


def series_changes_by_date(rows, days, max_gap_days=None):
    """{(key, date): lib.market PriceChange or None} of the observations ``rows``
    (``(key, date, value)``, in any order), each series compared over ``days`` days with
    the latest observation at most ``max_gap_days`` older than that (lib.market)."""
    series = {}
    for key, day, value in rows:
        series.setdefault(key, []).append((day, value))
    changes = {}
    for key, observations in series.items():
        observations.sort()
        for (day, _value), change in zip(
            observations,
            market.series_changes(observations, days, max_gap_days),
            strict=True,
        ):
            changes[key, day] = change
    return changes


def check_new_keys_unique(model, vals_list, key_fields, message):
    """Refuse, with ``message``, new records whose key is taken or repeated in the batch.

    The SQL unique constraint stays the guard; this check runs before the insert so
    that the form and the importer (one error per bad row) show the translated
    message instead of a database error.  One query for the whole batch.
    """
    keys = []
    for vals in vals_list:
        if not all(vals.get(fname) for fname in key_fields):
            continue  # defaults come later: the SQL constraint still guards
        key = []
        for fname in key_fields:
            value = vals[fname]
            if model._fields[fname].type == "date":
                value = fields.Date.to_date(value)
            key.append(value)
        keys.append(tuple(key))
    if not keys:
        return
    if len(set(keys)) < len(keys):
        raise ValidationError(message)
    model.flush_model(list(key_fields))
    columns = list(zip(*keys, strict=True))
    arrays = SQL(", ").join(
        SQL("%s::%s", list(column), SQL(_ARRAY_TYPES[model._fields[fname].type]))
        for fname, column in zip(key_fields, columns, strict=True)
    )
    model.env.cr.execute(
        SQL(
            "SELECT 1 FROM %s WHERE (%s) IN (SELECT * FROM unnest(%s)) LIMIT 1",
            SQL.identifier(model._table),
            SQL(", ").join(SQL.identifier(fname) for fname in key_fields),
            arrays,
        )
    )
    if model.env.cr.fetchone():
        raise ValidationError(message)


def check_series_unused(records, key_fields, message):
    """Refuse, with ``message`` (a ``%(records)s`` template), to delete observations that a
    later observation of their series compares with (week/month-over-month changes).

    History stays: such observations are archived instead.  One grouped query.
    """
    if records.env.su or not records:
        return

    def key_of(values):
        return tuple(getattr(value, "id", value) for value in values)

    # sudo: the latest date of each series, whoever may read its observations
    groups = records.sudo()._read_group(
        [(key_fields[0], "in", records.mapped(key_fields[0]).ids)],
        list(key_fields),
        ["date:max"],
    )
    latest = {key_of(row[:-1]): row[-1] for row in groups}
    used = records.filtered(
        lambda rec: (
            rec.date
            and (latest.get(key_of(rec[fname] for fname in key_fields)) or rec.date)
            > rec.date
        )
    )
    if used:
        raise UserError(
            message % {"records": ", ".join(used[:5].mapped("display_name"))}
        )
