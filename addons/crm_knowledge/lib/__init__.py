"""Pure-Python domain functions of crm_knowledge (no Odoo import: tested on any machine)."""
