from . import test_access
from . import test_article
from . import test_feedback
from . import test_portal
from . import test_question
from . import test_search
from . import test_suggestion
from . import test_integrity
