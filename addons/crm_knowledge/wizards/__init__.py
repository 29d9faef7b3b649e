from . import crm_knowledge_search
