from . import test_key_account
