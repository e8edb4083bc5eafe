# generated from src/sigmakit/_async/__init__.py by scripts/unasync.py; edit that file, then `make generate`
"""The sync twin of ``sigmakit._async``, generated from it."""
