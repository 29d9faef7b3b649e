from . import crm_lubricant_funnel_line
from . import crm_lubricant_usage_point
from . import crm_lubricant_usage_wizard
from . import crm_lubricant_assign_wizard
from . import crm_lead_lost
from . import crm_lubricant_mass_action_wizard
