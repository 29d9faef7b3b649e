# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The integrity guard of the addon's business models.

Every logged-in user can call ``create``/``write`` over JSON-RPC with any values; the
screens protect nothing.  A model that inherits this mixin declares:

``_workflow_fields``
    fields that only its action methods change (states, decisions, verdicts, computed
    money, counters).  An action checks the transition, then writes them with ``sudo()``;
    any other create or write that sets them is refused, for managers too.  Superuser
    code (actions, crons, data files) is the only door.
``_locked_states``
    values of ``state`` in which a record is immutable (past a decision); ``_lock_parent``
    names the many2one whose record's lock also locks this one (lines of a document).

and every float, monetary and integer value written must be a finite number within
bounds (NaN, infinities and absurd magnitudes are refused with a translated error).
"""

import math

from odoo import api, models
from odoo.exceptions import AccessError, UserError, ValidationError

# The largest magnitude of a figure: far above any real amount or measure, far below
# the point where floats lose whole units.
MAX_FIGURE = 1e12
MAX_INTEGER = 2**31 - 1
# Chatter and activity fields stay writable on locked records (messages, followers).
FREE_PREFIXES = ("message_", "activity_", "website_message")


class CrmCoalGuardMixin(models.AbstractModel):
    _name = "crm.coal.guard.mixin"
    _description = "Workflow and Input Guard"

    _workflow_fields = ()
    _locked_states = ()
    _lock_parent = None

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._guard_figures(vals)
        if not self.env.su:
            self._guard_workflow_create(vals_list)
            if self._lock_parent:
                parents = self.env[self._fields[self._lock_parent].comodel_name].browse(
                    {
                        vals[self._lock_parent]
                        for vals in vals_list
                        if vals.get(self._lock_parent)
                    }
                )
                parents._guard_locked()
        return super().create(vals_list)

    def write(self, vals):
        self._guard_figures(vals)
        if not self.env.su:
            forbidden = [name for name in self._workflow_fields if name in vals]
            if forbidden:
                self._raise_workflow_fields(forbidden)
            if any(not name.startswith(FREE_PREFIXES) for name in vals):
                self._guard_locked()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_locked(self):
        if not self.env.su:
            self._guard_locked()

    # ---------------------------------------------------------------- helpers
    def _guard_workflow_create(self, vals_list):
        """On create a workflow field may only be given its default (or an empty value)."""
        names = {
            name for vals in vals_list for name in self._workflow_fields if name in vals
        }
        if not names:
            return
        defaults = self.default_get(list(names))
        forbidden = sorted(
            {
                name
                for vals in vals_list
                for name in names
                if name in vals and vals[name] and vals[name] != defaults.get(name)
            }
        )
        if forbidden:
            self._raise_workflow_fields(forbidden)

    def _raise_workflow_fields(self, names):
        labels = ", ".join(
            self._fields[name]._description_string(self.env) for name in names
        )
        raise AccessError(
            self.env._(
                "%(fields)s of %(model)s change only through its actions (the buttons), never"
                " by a direct write.",
                fields=labels,
                model=self.env["ir.model"].sudo()._get(self._name).name,
            )
        )

    def _locked_records(self):
        """The records of ``self`` that are immutable now."""
        locked = self.browse()
        if self._locked_states and "state" in self._fields:
            locked |= self.filtered(lambda rec: rec.state in self._locked_states)
        if self._lock_parent:
            parents = self.mapped(self._lock_parent)
            locked_parents = parents._locked_records()
            if locked_parents:
                locked |= self.filtered(
                    lambda rec: rec[self._lock_parent] & locked_parents
                )
        return locked

    def _guard_locked(self):
        locked = self._locked_records()
        if locked:
            raise UserError(
                self.env._(
                    "%(records)s can no longer be changed or deleted: it is past a decision"
                    " (settled, paid, closed or published records are kept as they are).",
                    records=", ".join(
                        rec.display_name or f"{rec._description} {rec.id}"
                        for rec in locked[:5]
                    ),
                )
            )

    def _guard_figures(self, vals):
        """Refuse emptied required fields, NaN, infinities and absurd magnitudes."""
        for name, value in vals.items():
            field = self._fields.get(name)
            if field is None:
                continue
            if (
                field.required
                and field.type != "boolean"
                and (value is None or value is False or value == "")
            ):
                raise ValidationError(
                    self.env._(
                        "%(field)s is required: it cannot be emptied.",
                        field=field._description_string(self.env),
                    )
                )
            if value is None or value is False:
                continue
            if field.type in ("date", "datetime", "selection"):
                _guard_typed_value(self, field, value)
                continue
            if field.type not in ("float", "monetary", "integer"):
                continue
            try:
                number = float(value)
            except (TypeError, ValueError):
                number = math.nan
            limit = MAX_INTEGER if field.type == "integer" else MAX_FIGURE
            if not math.isfinite(number) or abs(number) > limit:
                shown_limit = f"{limit:,.0f}"
                raise ValidationError(
                    self.env._(
                        "%(field)s must be a number between -%(limit)s and %(limit)s"
                        " (got %(value)s).",
                        field=field._description_string(self.env),
                        limit=shown_limit,
                        value=str(value)[:40],
                    )
                )


def _guard_typed_value(model, field, value):
    """Refuse values of the wrong type for dates and selections (a function, so that
    models calling ``_guard_figures`` unbound can use it too)."""
    if field.type == "selection":
        valid = callable(field.selection) or value in field.get_values(model.env)
    else:
        try:
            valid = bool(field.convert_to_cache(value, model)) or not field.required
        except (TypeError, ValueError):
            valid = False
    if not valid:
        raise ValidationError(
            model.env._(
                "%(value)s is not a valid value for %(field)s.",
                field=field._description_string(model.env),
                value=str(value)[:40],
            )
        )
