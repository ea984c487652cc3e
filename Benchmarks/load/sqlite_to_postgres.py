#!/usr/bin/env python3
"""Copies a Coproduce SQLite database (the national data of
national_data.py) into a PostgreSQL database that `coproduce migrate` has
made, so both stores are measured on the same rows. Every table but the
migrations' is emptied and filled with COPY, each value turned into the
column's PostgreSQL type (times from seconds since 1970, flags from 0 and 1).

Usage: sqlite_to_postgres.py SQLITE_FILE POSTGRES_URL
"""
import datetime
import json
import os
import sqlite3
import subprocess
import sys


def psql(url, sql, stdin=None):
    return subprocess.run(["psql", "--no-psqlrc", "-v", "ON_ERROR_STOP=1", "-At", "-F", "\t", url, "-c", sql],
                          input=stdin, check=True, capture_output=True, text=True).stdout


def convert(value, kind):
    if value is None:
        return ""
    if kind == "timestamp with time zone" or kind == "timestamp without time zone":
        if isinstance(value, (int, float)):
            value = datetime.datetime.fromtimestamp(value, datetime.timezone.utc).isoformat()
    elif kind == "boolean":
        value = "t" if value in (1, "1", True, "true") else "f"
    elif kind == "ARRAY":
        # SQLite keeps a list as JSON text; PostgreSQL as an array literal.
        items = json.loads(value)
        value = "{" + ",".join('"' + str(item).replace("\\", "\\\\").replace('"', '\\"') + '"' for item in items) + "}"
    elif kind == "bytea" and isinstance(value, bytes):
        value = "\\x" + value.hex()
    elif isinstance(value, bytes):
        value = value.decode("utf-8")
    text = str(value)
    return '"' + text.replace('"', '""') + '"'


def main():
    source, url = sys.argv[1], sys.argv[2]
    db = sqlite3.connect(source)
    tables = [row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name != '_fluent_migrations'")]
    columns = {}
    for line in psql(url, "SELECT table_name, column_name, data_type FROM information_schema.columns WHERE table_schema = 'public' ORDER BY table_name, ordinal_position").splitlines():
        table, column, kind = line.split("\t")
        columns.setdefault(table, []).append((column, kind))
    present = [t for t in tables if t in columns]
    psql(url, "TRUNCATE " + ", ".join(f'"{t}"' for t in present) + " CASCADE")
    total = 0
    for table in present:
        sqlite_columns = {row[1] for row in db.execute(f'PRAGMA table_info("{table}")')}
        shared = [(c, k) for c, k in columns[table] if c in sqlite_columns]
        names = ", ".join(f'"{c}"' for c, _ in shared)
        lines = []
        for row in db.execute(f'SELECT {names} FROM "{table}"'):
            lines.append(",".join(convert(value, kind) for value, (_, kind) in zip(row, shared)))
        if not lines:
            continue
        # Foreign keys are checked by the app that wrote the rows; replica mode lets tables load in any order.
        copied = subprocess.run(["psql", "--no-psqlrc", "-v", "ON_ERROR_STOP=1", "-q", url, "-c",
                                 f"COPY \"{table}\" ({names}) FROM STDIN WITH (FORMAT csv)"],
                                input="\n".join(lines) + "\n", capture_output=True, text=True,
                                env={**os.environ, "PGOPTIONS": "-c session_replication_role=replica"})
        if copied.returncode != 0:
            sys.exit(f"Copying {table} failed: {copied.stderr.strip()}")
        total += len(lines)
    psql(url, "ANALYZE")
    print(f"Copied {total:,} rows in {len(present)} tables to PostgreSQL.")


if __name__ == "__main__":
    main()
