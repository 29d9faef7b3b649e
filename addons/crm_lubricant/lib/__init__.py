"""Pure-Python domain functions of crm_lubricant (no Odoo import: tested on any machine)."""
