from . import crm_lubricant_usage_wizard
from . import crm_lubricant_assign_wizard
