"""Pure-Python domain functions of crm_coal (no Odoo import: tested on any machine)."""
