"""A mirror whose source Spotify refuses for good keeps the reason and leaves the timer.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("sync_source") as batch_op:
        batch_op.add_column(sa.Column("refused_reason", sa.String(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("sync_source") as batch_op:
        batch_op.drop_column("refused_reason")
