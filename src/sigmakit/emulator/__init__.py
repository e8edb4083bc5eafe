"""A local emulator of Sigma's REST API: FastAPI over SQLite, with a seeded demo organization.

Install with ``pip install "sigmakit[emulator]"``. Layout (after moto):

- ``routes/``: one module per API resource, thin handlers; ``control`` is the control plane;
- ``store/``: state and logic, one module per resource over one SQLite database;
- ``faults.py``: latency, 5xx, 429 and dropped connections on demand;
- ``seed.py``: the demo organization; ``server.py``: running it.
"""

from .app import create_app
from .config import EmulatorConfig, SeedSizes
from .faults import FaultConfig
from .server import EmulatorServer, serve

__all__ = ["EmulatorConfig", "EmulatorServer", "FaultConfig", "SeedSizes", "create_app", "serve"]
