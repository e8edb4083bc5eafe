# generated from src/sigmakit/_async/resources/__init__.py by scripts/unasync.py; edit that file, then `make generate`
"""The sync twin of ``sigmakit._async.resources``, generated from it."""
