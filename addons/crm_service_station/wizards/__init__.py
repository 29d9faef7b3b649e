from . import crm_service_settlement_wizard
from . import crm_service_evaluation_wizard
from . import crm_service_claim_decision
from . import crm_service_recovery_dispute
