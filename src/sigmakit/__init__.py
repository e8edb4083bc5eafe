"""sigmakit: automate Sigma Computing from Python.

The public surface is exactly ``__all__``; everything in a module whose name starts
with an underscore may change without notice.
"""

from ._auth import FileTokenCache, MemoryTokenCache, Token
from ._client import Sigma
from ._errors import (
    APIConnectionError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    ConfigError,
    ConflictError,
    InputError,
    JobError,
    JobFailedError,
    JobTimeoutError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    ServerError,
    SigmaError,
)
from ._pagination import Paginator
from ._retry import RetryPolicy
from ._settings import REGIONS, Settings, load_settings
from ._version import __version__
from .resources import Identity, Member

__all__ = [
    "REGIONS",
    "APIConnectionError",
    "APIStatusError",
    "APITimeoutError",
    "AuthenticationError",
    "BadRequestError",
    "ConfigError",
    "ConflictError",
    "FileTokenCache",
    "Identity",
    "InputError",
    "JobError",
    "JobFailedError",
    "JobTimeoutError",
    "Member",
    "MemoryTokenCache",
    "NotFoundError",
    "Paginator",
    "PermissionDeniedError",
    "RateLimitError",
    "RetryPolicy",
    "ServerError",
    "Settings",
    "Sigma",
    "SigmaError",
    "Token",
    "__version__",
    "load_settings",
]
