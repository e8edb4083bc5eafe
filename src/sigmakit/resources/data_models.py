"""``/v2/dataModels``: data models and their code representation (``/spec``), read and

Generated in ``sigmakit._sync.resources.data_models``; re-exported here.
"""

from sigmakit._sync.resources.data_models import *  # noqa: F403
from sigmakit._sync.resources.data_models import __all__ as __all__
