from . import test_station
from . import test_policy_engine
from . import test_repair
from . import test_claim
from . import test_settlement
from . import test_portal
from . import test_request
from . import test_analysis
