from . import crm_lubricant_pack_size
from . import product_template
