from . import crm_knowledge_category
from . import crm_knowledge_article
