from . import test_lubricant_product
from . import test_value_tiers
from . import test_ownership
from . import test_claim_race
from . import test_dealer_portal
from . import test_big_deals
from . import test_funnel
from . import test_campaign
