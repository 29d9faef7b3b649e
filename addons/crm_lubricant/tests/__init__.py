from . import test_lubricant_product
