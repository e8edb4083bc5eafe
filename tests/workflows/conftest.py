"""The workflows' fixtures beyond tests/conftest.py."""

from tests.support.trouble import troubled

__all__ = ["troubled"]
