"""A local emulator of Sigma's REST API: FastAPI over SQLite, with a seeded demo organization.

Install with ``pip install "sigmakit[emulator]"``. Layout (after moto):

- ``registry.py``: every emulated resource once: its store, its tables and its router;
- ``routes/``: one module per API resource, thin handlers; ``control`` is the control plane;
- ``store/``: state and logic, one module per resource over one SQLite database;
- ``errors.py``: typed errors and their one handler; ``ratelimits.py``: per-minute limits;
- ``faults.py``: latency, 5xx, 429 and dropped connections on demand;
- ``seed.py``: the demo organization; ``server.py``: running it.
"""

#: what ``pip install "sigmakit[emulator]"`` brings (import names)
EXTRA_MODULES = ("fastapi", "starlette", "uvicorn", "fpdf", "PIL", "jinja2")

try:
    from .app import create_app
    from .config import EmulatorConfig, SeedSizes
    from .faults import FaultConfig
    from .server import EmulatorServer, serve
except ModuleNotFoundError as exc:  # one line that says what to install, from any import path
    if (exc.name or "").split(".")[0] not in EXTRA_MODULES:
        raise
    raise ModuleNotFoundError(
        f"the sigmakit emulator needs its extra packages ({exc.name} is missing): "
        "pip install 'sigmakit[emulator]'",
        name=exc.name,
    ) from None

__all__ = ["EmulatorConfig", "EmulatorServer", "FaultConfig", "SeedSizes", "create_app", "serve"]
