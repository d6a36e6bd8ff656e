"""The workshop file's format: its SQLite schema, version, application id and migrations."""

from __future__ import annotations

from cardengine.fileio import WORKSHOP_APPLICATION_ID

SCHEMA_VERSION = 1
APPLICATION_ID = WORKSHOP_APPLICATION_ID  # "CARD": marks the file as a cardengine workshop

SCHEMA_V1 = """
CREATE TABLE events (
    seq     INTEGER PRIMARY KEY AUTOINCREMENT,
    id      TEXT NOT NULL UNIQUE,
    at      TEXT NOT NULL,
    origin  TEXT NOT NULL,
    kind    TEXT NOT NULL,
    tbl     TEXT,
    payload TEXT NOT NULL
);
CREATE INDEX events_order ON events (at, origin, seq);
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""

# Migrations from version N to N+1, applied in order inside one transaction.
MIGRATIONS: dict[int, str] = {}
