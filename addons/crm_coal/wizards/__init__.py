from . import crm_coal_timeliness_wizard
from . import crm_coal_timeliness_line
from . import crm_coal_price_convert_wizard
from . import crm_coal_market_report_wizard
from . import base_partner_merge_automatic_wizard
from . import crm_coal_credit_override_wizard
from . import crm_coal_supply_refresh_wizard
