"""The central record store (PostgreSQL): settings, schema, sync from the local outbox, reports, search."""
