"""The local library: SQLite database, models, migrations, search and folder import."""
