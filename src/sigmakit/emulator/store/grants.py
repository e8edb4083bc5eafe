"""Grants: a member or a team holds a permission on an inode (workspace, folder, workbook)
or on a connection. The effective permission a member has on a file is worked out from
ownership, direct grants, team grants and grants on the workspaces and folders above it."""

from __future__ import annotations

SCHEMA = """
CREATE TABLE IF NOT EXISTS grants (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    grant_id TEXT UNIQUE NOT NULL,
    -- an inode id (workspace, folder, workbook...) or a connection id
    inode_id TEXT NOT NULL,
    member_id TEXT,
    team_id TEXT,
    permission TEXT NOT NULL,
    created_by TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    CHECK ((member_id IS NULL) != (team_id IS NULL))
);
CREATE INDEX IF NOT EXISTS grants_inode ON grants(inode_id);
CREATE INDEX IF NOT EXISTS grants_member ON grants(member_id);
CREATE INDEX IF NOT EXISTS grants_team ON grants(team_id);
"""
