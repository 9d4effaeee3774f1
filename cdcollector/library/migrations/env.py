"""Alembic environment: runs on the application's own connection, batch mode for SQLite."""

from alembic import context
from sqlmodel import SQLModel

import cdcollector.library.models  # noqa: F401  (registers the tables on SQLModel.metadata)

FTS_PREFIX = "track_fts"


def include_object(obj, name, type_, reflected, compare_to):
    # FTS5 virtual tables and their shadow tables are managed by hand in migrations.
    return not (type_ == "table" and name and name.startswith(FTS_PREFIX))


def run_migrations() -> None:
    connection = context.config.attributes.get("connection")
    if connection is None:
        from sqlalchemy import create_engine

        engine = create_engine(context.config.get_main_option("sqlalchemy.url"))
        with engine.begin() as connection:
            _run(connection)
        return
    _run(connection)


def _run(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=SQLModel.metadata,
        render_as_batch=True,
        include_object=include_object,
    )
    with context.begin_transaction():
        context.run_migrations()


run_migrations()
