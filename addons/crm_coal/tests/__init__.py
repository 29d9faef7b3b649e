from . import test_key_account
from . import test_site_report
from . import test_market
from . import test_delivery_lot
from . import test_dashboard
from . import test_collections
from . import test_integrity
from . import test_quality_parameters
