from . import test_article
