from . import crm_service_documents_report
