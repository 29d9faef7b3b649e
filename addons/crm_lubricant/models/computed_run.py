# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Store the per-record results of a scheduled job through the ORM.

The value tiers, the churn risk and the stale flags are computed by a job over the whole
population (one aggregate query, then the library).  Their fields are stored computes without
dependencies: ``store_run`` marks the records to recompute, the compute methods read the
job's values (``run_values``) and the ORM flush writes them in batched UPDATEs (one per 100
records, Odoo's ``UPDATE_BATCH_SIZE``), whatever the number of distinct values: no query per
record.  A record created outside
a run gets the empty values.
"""


def store_run(records, key, fnames, values_by_id):
    """Recompute ``fnames`` of the records ``values_by_id`` ({id: {field: value}}) with
    these values, and flush them; the records whose stored values are already these are left
    alone (one read per 1000 records)."""
    todo = _changed(records.browse(list(values_by_id)), fnames, values_by_id)
    if not todo:
        return
    env = records.env
    # drop the cached values (pending writes flushed first): the ORM writes only the values
    # that differ from its cache, so every record gets the same set of columns and the flush
    # is one UPDATE per 100 records, whatever changed
    todo.flush_recordset(list(fnames))
    todo.invalidate_recordset(list(fnames), flush=False)
    env.cr.cache[key] = values_by_id
    try:
        for fname in fnames:
            env.add_to_compute(records._fields[fname], todo)
        todo.flush_recordset(list(fnames))
    finally:
        env.cr.cache.pop(key, None)


def run_values(records, key):
    """The values of the run ``key`` being stored ({id: {field: value}}), else {}."""
    return records.env.cr.cache.get(key, {})


def _changed(records, fnames, values_by_id):
    """The records of which one of ``fnames`` differs from its value in ``values_by_id``
    (a field missing there takes the field's empty value)."""
    records.fetch(list(fnames))
    fields = [records._fields[fname] for fname in fnames]
    changed = []
    for record in records:
        values = values_by_id[record.id]
        for field in fields:
            new = field.convert_to_cache(values.get(field.name, False), record)
            if field.convert_to_record(new, record) != record[field.name]:
                changed.append(record.id)
                break
    return records.browse(changed)
