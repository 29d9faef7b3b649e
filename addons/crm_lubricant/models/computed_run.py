# Copyright 2026 Industry CRM Suite contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Store the per-record results of a scheduled job through the ORM.

The value tiers, the churn risk and the stale flags are computed by a job over the whole
population (one aggregate query, then the library).  Their fields are stored computes without
dependencies: ``store_run`` marks the records to recompute, the compute methods read the
job's values (``run_values``) and the ORM flush writes them in batched UPDATEs (one per 1000
records and set of fields), whatever the number of distinct values.  A record created outside
a run gets the empty values.
"""


def store_run(records, key, fnames, values_by_id):
    """Recompute ``fnames`` of the records ``values_by_id`` ({id: {field: value}}) with
    these values, and flush them."""
    todo = records.browse(list(values_by_id))
    if not todo:
        return
    env = records.env
    # drop the cached values (pending writes flushed first): the ORM writes only the values
    # that differ from its cache, so every record gets the same set of columns and the flush
    # is one UPDATE per 1000 records, whatever changed
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
