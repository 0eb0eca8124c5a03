"""The central store's schema (PostgreSQL), one numbered step at a time, in the ``sdm`` schema.

Final records are append-only there as they are on each PC: triggers refuse
any UPDATE, DELETE or TRUNCATE, and IT grants the sync role only INSERT and
SELECT. A record's id and version are its key; an amendment must point at the
version before it, which must already be there (a foreign key), so an
amendment can never arrive before what it amends.

A step is never edited once released. Steps run under an advisory lock, so
two PCs starting at once do not both try to create the tables.
"""

from __future__ import annotations

from typing import Any

import psycopg

from .settings import CentralError

_LOCK = 0x5D3_0001  # advisory lock key for schema changes

_V1 = (
    "CREATE SCHEMA IF NOT EXISTS sdm",
    """CREATE TABLE sdm.records (
        record_id text NOT NULL,
        version integer NOT NULL CHECK (version >= 1),
        amends text,
        amends_version integer GENERATED ALWAYS AS (CASE WHEN amends IS NULL THEN NULL ELSE version - 1 END) STORED,
        patient_id_kind text NOT NULL,
        patient_id text NOT NULL,
        consulted_at text NOT NULL,
        aid_id text,
        aid_version text NOT NULL,
        aid_title text NOT NULL,
        clinician_name text NOT NULL,
        decision_status text NOT NULL,
        option_id text,
        sure_total integer,
        collaborate_top_box integer,
        finalised_at text NOT NULL,
        body text NOT NULL,
        site text NOT NULL,
        machine_id text NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (record_id, version),
        FOREIGN KEY (amends, amends_version) REFERENCES sdm.records (record_id, version)
    )""",
    "CREATE INDEX records_amends ON sdm.records (amends) WHERE amends IS NOT NULL",
    "CREATE INDEX records_by_patient ON sdm.records (patient_id, consulted_at)",
    # Covers the service-wide figures, so they are read from the index without the records' JSON.
    "CREATE INDEX records_figures ON sdm.records (consulted_at) INCLUDE (record_id, aid_id, aid_title, "
    "decision_status, option_id, site, clinician_name, sure_total, collaborate_top_box)",
    # How many groups the figures have (aid, decision, month, site, clinician are far from independent), so the
    # planner groups them in a hash table instead of sorting a million rows.
    "CREATE STATISTICS sdm.records_groups (ndistinct) ON (substr(consulted_at, 1, 7)), aid_id, decision_status, "
    "option_id, site, clinician_name FROM sdm.records",
    """CREATE FUNCTION sdm.refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN RAISE EXCEPTION 'central records are never changed or deleted; amend them instead'; END $$""",
    "CREATE TRIGGER records_append_only BEFORE UPDATE OR DELETE ON sdm.records "
    "FOR EACH ROW EXECUTE FUNCTION sdm.refuse_change()",
    "CREATE TRIGGER records_never_truncated BEFORE TRUNCATE ON sdm.records "
    "FOR EACH STATEMENT EXECUTE FUNCTION sdm.refuse_change()",
)

# Version 2: the quality figures kept up to date month by month (UTC calendar months of the consultation), so
# the service-wide report reads one row per month, site, clinician, aid and decision instead of every record. Derived from sdm.records by a trigger
# (as the table's owner), in the same transaction as each insert: a new record adds to its month's group;
# an amendment also takes away the version it replaces, which stops counting (only the latest counts).
_CONTRIBUTION = """
    SELECT substr(r.consulted_at, 1, 7) AS month, coalesce(r.aid_id, '') AS aid_id, r.decision_status,
        coalesce(r.option_id, '') AS option_id, r.site, r.clinician_name, r.aid_title,
        {sign} AS records, {sign} * (CASE WHEN r.sure_total <= 3 THEN 1 ELSE 0 END) AS sure_flagged,
        {sign} * (CASE WHEN r.sure_total IS NOT NULL THEN 1 ELSE 0 END) AS sure_answered,
        {sign} * coalesce(r.collaborate_top_box, 0) AS top_box,
        {sign} * (CASE WHEN r.collaborate_top_box IS NOT NULL THEN 1 ELSE 0 END) AS top_answered,
        {sign} * (CASE WHEN r.collaborate_top_box = 1 AND r.body LIKE '{patient}' THEN 1 ELSE 0 END) AS top_box_patient,
        {sign} * (CASE WHEN r.collaborate_top_box IS NOT NULL AND r.body LIKE '{patient}' THEN 1 ELSE 0 END)
            AS top_answered_patient,
        {sign} * (CASE WHEN r.collaborate_top_box = 1 AND r.body LIKE '{clinician}' THEN 1 ELSE 0 END)
            AS top_box_clinician,
        {sign} * (CASE WHEN r.collaborate_top_box IS NOT NULL AND r.body LIKE '{clinician}' THEN 1 ELSE 0 END)
            AS top_answered_clinician
"""
_ADD_UP = """
    INSERT INTO sdm.figures_monthly AS f (month, aid_id, decision_status, option_id, site, clinician_name, aid_title,
        records, sure_flagged, sure_answered, top_box, top_answered, top_box_patient, top_answered_patient,
        top_box_clinician, top_answered_clinician)
    SELECT month, aid_id, decision_status, option_id, site, clinician_name, max(aid_title), sum(records),
        sum(sure_flagged), sum(sure_answered), sum(top_box), sum(top_answered), sum(top_box_patient),
        sum(top_answered_patient), sum(top_box_clinician), sum(top_answered_clinician)
    FROM ({rows}) AS c GROUP BY 1, 2, 3, 4, 5, 6
    ON CONFLICT (month, aid_id, decision_status, option_id, site, clinician_name) DO UPDATE SET
        aid_title = greatest(f.aid_title, excluded.aid_title), records = f.records + excluded.records,
        sure_flagged = f.sure_flagged + excluded.sure_flagged, sure_answered = f.sure_answered + excluded.sure_answered,
        top_box = f.top_box + excluded.top_box, top_answered = f.top_answered + excluded.top_answered,
        top_box_patient = f.top_box_patient + excluded.top_box_patient,
        top_answered_patient = f.top_answered_patient + excluded.top_answered_patient,
        top_box_clinician = f.top_box_clinician + excluded.top_box_clinician,
        top_answered_clinician = f.top_answered_clinician + excluded.top_answered_clinician
"""
# The same test of who answered as records/quality.py's ANSWERED_BY_PATIENT and ANSWERED_BY_CLINICIAN.
_PATTERNS = {"patient": '%"collaborate_by":"patient"%', "clinician": '%"collaborate_by":"clinician"%'}
_NEW_ROWS = (
    _CONTRIBUTION.format(sign=1, **_PATTERNS)
    + " FROM added AS r UNION ALL "
    + _CONTRIBUTION.format(sign=-1, **_PATTERNS)
    + " FROM sdm.records AS r WHERE r.record_id IN (SELECT amends FROM added WHERE amends IS NOT NULL)"
    " AND NOT EXISTS (SELECT 1 FROM sdm.records AS x WHERE x.amends = r.record_id"
    " AND x.record_id NOT IN (SELECT record_id FROM added))"
)
_V2 = (
    """CREATE TABLE sdm.figures_monthly (
        month text NOT NULL,
        aid_id text NOT NULL,
        decision_status text NOT NULL,
        option_id text NOT NULL,
        site text NOT NULL,
        clinician_name text NOT NULL,
        aid_title text NOT NULL,
        records bigint NOT NULL,
        sure_flagged bigint NOT NULL,
        sure_answered bigint NOT NULL,
        top_box bigint NOT NULL,
        top_answered bigint NOT NULL,
        top_box_patient bigint NOT NULL,
        top_answered_patient bigint NOT NULL,
        top_box_clinician bigint NOT NULL,
        top_answered_clinician bigint NOT NULL,
        PRIMARY KEY (month, aid_id, decision_status, option_id, site, clinician_name)
    )""",
    "CREATE FUNCTION sdm.add_figures() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER "
    "SET search_path = sdm, pg_temp AS $$ BEGIN " + _ADD_UP.format(rows=_NEW_ROWS) + "; RETURN NULL; END $$",
    "CREATE TRIGGER records_add_figures AFTER INSERT ON sdm.records REFERENCING NEW TABLE AS added "
    "FOR EACH STATEMENT EXECUTE FUNCTION sdm.add_figures()",
    _ADD_UP.format(
        rows=_CONTRIBUTION.format(sign=1, **_PATTERNS) + " FROM sdm.records AS r WHERE NOT EXISTS "
        "(SELECT 1 FROM sdm.records AS n WHERE n.amends = r.record_id)"
    ),
)

MIGRATIONS: tuple[tuple[str, ...], ...] = (_V1, _V2)
LATEST = len(MIGRATIONS)


def schema_version(conn: psycopg.Connection[Any]) -> int:
    exists = conn.execute("SELECT to_regclass('sdm.schema_version') IS NOT NULL").fetchone()
    if not exists or not exists[0]:
        return 0
    row = conn.execute("SELECT max(version) FROM sdm.schema_version").fetchone()
    return int(row[0]) if row and row[0] is not None else 0


def migrate(conn: psycopg.Connection[Any]) -> int:
    """Bring the central schema up to date (in one transaction); return the version it had."""
    try:
        with conn.transaction():
            conn.execute("SELECT pg_advisory_xact_lock(%s)", (_LOCK,))
            current = schema_version(conn)
            if current > LATEST:
                raise CentralError(
                    f"The central store was set up by a newer version of SDM Desktop (schema "
                    f"{current}; this version knows up to {LATEST}). Update SDM Desktop to sync."
                )
            if current == 0:
                conn.execute("CREATE SCHEMA IF NOT EXISTS sdm")
                conn.execute(
                    "CREATE TABLE sdm.schema_version (version integer PRIMARY KEY, "
                    "applied_at timestamptz NOT NULL DEFAULT now())"
                )
            for step in range(current, LATEST):
                for statement in MIGRATIONS[step]:
                    conn.execute(statement.encode())
                conn.execute("INSERT INTO sdm.schema_version (version) VALUES (%s)", (step + 1,))
            return current
    except psycopg.errors.InsufficientPrivilege as exc:
        raise CentralError(
            "The central store's tables need setting up or upgrading, and this computer's "
            "account may not do that. Ask IT to run `sdm-desktop sync` once as the owner role "
            "(see docs/central-store.md)."
        ) from exc
