"""Files (inodes): workspaces, folders, workbooks... Members' "My Documents" folders live here.
One owner, two modules: :mod:`.store` (the table and the ``/v2/files`` operations) and
:mod:`.reads` (what other stores, the seeds and the console ask of it)."""

from .store import DEFAULT_FILE_TYPES, FILE_TYPES, SCHEMA, FileStore

__all__ = ["DEFAULT_FILE_TYPES", "FILE_TYPES", "SCHEMA", "FileStore"]
