"""Index for listing the library in artist/album/disc/track order (the empty-search view).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22
"""

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Same expressions as search.py's ORDER BY, so SQLite walks the index instead of sorting
    # 100,000 rows each time the search box is cleared.
    op.execute(
        "CREATE INDEX ix_track_listing ON track (artist_name COLLATE NOCASE, "
        "album_title COLLATE NOCASE, disc_number, track_number, title COLLATE NOCASE)"
    )


def downgrade() -> None:
    op.execute("DROP INDEX IF EXISTS ix_track_listing")
