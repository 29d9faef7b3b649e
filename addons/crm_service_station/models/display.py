# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Display names of records that have no name of their own: the values of a few fields
joined with " · " (a many2one by its display name, a selection by its label in the
user's language, a date in ISO form or as a month)."""

SEPARATOR = " · "


def compute_display_names(records, fnames, months=()):
    """Set ``display_name`` of ``records`` from the fields ``fnames`` (empty ones left
    out); the date fields in ``months`` show as ``YYYY-MM``."""
    for record in records:
        parts = []
        for fname in fnames:
            field, value = record._fields[fname], record[fname]
            if not value:
                continue
            if field.type == "many2one":
                parts.append(value.display_name)
            elif field.type == "selection":
                labels = dict(field._description_selection(record.env))
                parts.append(labels.get(value, value))
            elif field.type == "date":
                parts.append(value.strftime("%Y-%m") if fname in months else str(value))
            else:
                parts.append(str(value))
        record.display_name = SEPARATOR.join(p for p in parts if p)
