"""Pure-Python domain functions of crm_service_station (no Odoo import: tested on any machine)."""
