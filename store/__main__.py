"""Back up and restore the store (any backend) as one SQLite file.

    python -m store backup OUT.sqlite      consistent copy of every table (online)
    python -m store restore IN.sqlite      into an empty store (e.g. a new PostgreSQL)

The store is JUNHENG_STORE_URL, or the SQLite file beside the database (store/db.py)."""

import argparse
import sqlite3
import sys
from pathlib import Path

import sqlalchemy as sa

from store.db import APPEND_ONLY, create_engine, default_url, engine_for, flag_events, metadata


def backup(engine: sa.Engine, out: Path) -> dict[str, int]:
    """Copy every table to a new SQLite file `out`; returns the rows per table."""
    out = Path(out)
    if out.exists():
        raise FileExistsError(out)
    if engine.dialect.name == "sqlite":
        raw = engine.raw_connection()
        try:
            target = sqlite3.connect(out)
            raw.driver_connection.backup(target)  # one consistent snapshot, online
            target.close()
        finally:
            raw.close()
    else:
        target = create_engine(f"sqlite:///{out}")
        with (
            engine.connect().execution_options(isolation_level="REPEATABLE READ") as source,
            target.begin() as sink,
        ):
            for table in metadata.sorted_tables:
                rows = [dict(r._mapping) for r in source.execute(sa.select(table))]
                if rows:
                    sink.execute(table.insert(), rows)
        target.dispose()
    return counts(engine_for(f"sqlite:///{out}"))


def restore(engine: sa.Engine, backup_file: Path) -> dict[str, int]:
    """Copy a backup's rows into `engine`'s store, which must hold no follow-up yet."""
    with engine.connect() as con:
        if con.execute(sa.select(sa.func.count()).select_from(flag_events)).scalar():
            raise RuntimeError("the store already holds follow-up: restore into an empty one")
    source = engine_for(f"sqlite:///{Path(backup_file).resolve()}")
    with source.connect() as src, engine.begin() as sink:
        for table in metadata.sorted_tables:
            if table.name not in APPEND_ONLY:  # those are empty (checked above)
                sink.execute(table.delete())
            rows = [dict(r._mapping) for r in src.execute(sa.select(table))]
            if rows:
                sink.execute(table.insert(), rows)
            if engine.dialect.name == "postgresql" and "id" in table.c and rows:
                sink.exec_driver_sql(
                    f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                    f"(SELECT max(id) FROM {table.name}))"
                )
    return counts(engine)


def counts(engine: sa.Engine) -> dict[str, int]:
    with engine.connect() as con:
        return {
            t.name: con.execute(sa.select(sa.func.count()).select_from(t)).scalar()
            for t in metadata.sorted_tables
        }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m store", description=__doc__)
    parser.add_argument("--store", default=None, help="store URL (default: JUNHENG_STORE_URL)")
    parser.add_argument("command", choices=("backup", "restore"))
    parser.add_argument("file", type=Path)
    args = parser.parse_args(argv)
    engine = engine_for(args.store or default_url())
    try:
        result = (
            backup(engine, args.file) if args.command == "backup" else restore(engine, args.file)
        )
    except (FileExistsError, RuntimeError) as error:
        sys.exit(f"{args.command}: {error}")
    print(" ".join(f"{name}={n}" for name, n in result.items()))


if __name__ == "__main__":
    main()
