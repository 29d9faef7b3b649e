# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Coal quality parameters in the models: derived from their declarations in lib.quality."""

from odoo.exceptions import ValidationError

from ..lib.common import DomainError
from ..lib.quality import SELECTION, check_physical_bounds
from .messages import message_text

#: Selection of the quality parameters (code, English label), in declaration order.
QUALITY_PARAMETERS = SELECTION


def check_quality_bounds(env, what, values):
    """Refuse ``values`` ({parameter: value}) of the record ``what`` outside the physical
    bounds of their declarations."""
    try:
        check_physical_bounds(values)
    except DomainError as err:
        raise ValidationError(
            message_text(env, err.code, dict(err.params, what=what))
        ) from err
