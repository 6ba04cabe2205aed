"""The live table definitions the data-access code uses (SQLAlchemy Core, one code path for both backends).

They are the tables of migration 1 (``migrations.define_v1``) plus whatever later migrations add; a
migration that changes a table changes it here too.
"""

from __future__ import annotations

import sqlalchemy as sa

from marsad.store.migrations import define_v1, upgrade_v2

metadata = sa.MetaData()
define_v1(metadata)
upgrade_v2(metadata)

schema_migrations = metadata.tables["schema_migrations"]
documents = metadata.tables["documents"]
clusters = metadata.tables["clusters"]
document_signatures = metadata.tables["document_signatures"]
lsh_bands = metadata.tables["lsh_bands"]
mentions = metadata.tables["mentions"]
entities = metadata.tables["entities"]
entity_index = metadata.tables["entity_index"]
entity_keys = metadata.tables["entity_keys"]
events = metadata.tables["events"]
event_actors = metadata.tables["event_actors"]
evidence = metadata.tables["evidence"]
document_facets = metadata.tables["document_facets"]
document_points = metadata.tables["document_points"]
reviews = metadata.tables["reviews"]
audit_log = metadata.tables["audit_log"]
document_search = metadata.tables["document_search"]  # PostgreSQL only
users = metadata.tables["users"]
api_tokens = metadata.tables["api_tokens"]
sessions = metadata.tables["sessions"]

# SQLite only: the contentless FTS5 table (rowid = documents.num).
document_fts = sa.table("document_fts", sa.column("rowid", sa.Integer), sa.column("terms", sa.Text))
