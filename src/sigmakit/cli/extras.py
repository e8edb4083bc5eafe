"""Checks that an optional extra a command needs is installed: a clear one-line error
instead of an ImportError's traceback. Shared by the command groups that need one."""

from __future__ import annotations

__all__ = ["require_emulator", "require_mcp"]


def require_emulator() -> None:
    """The emulator's packages (``sigmakit[emulator]``) are importable, or a ConfigError."""
    try:
        import fastapi  # noqa: F401
        import uvicorn  # noqa: F401
    except ModuleNotFoundError:
        from .._errors import ConfigError

        raise ConfigError(
            "the emulator needs its extra packages: pip install 'sigmakit[emulator]'"
        ) from None


def require_mcp() -> None:
    """The MCP SDK (``sigmakit[mcp]``) is importable, or a ConfigError."""
    try:
        import mcp.server.mcpserver  # noqa: F401
    except ModuleNotFoundError:
        from .._errors import ConfigError

        raise ConfigError("sigmakit mcp needs the MCP SDK: pip install 'sigmakit[mcp]'") from None
