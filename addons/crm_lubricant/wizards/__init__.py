from . import crm_lubricant_usage_wizard
