"""a day's rota and the staffing changes applied during the day (issue 19 §2)

``rota_day`` marks a day whose rota was saved (without one the hall's default rota applies),
``rota_shift`` its shifts (work at a window, break, back office; minutes of the day),
``rota_minimum`` the least windows per lane (no date: the hall's default for the lane) and
``staffing_change`` each call-in, closing, moved break or reopening with its figures. New
tables only: nothing already stored changes.

Revision ID: 0029
Revises: 0028
Create Date: 2026-12-02 18:40:00
"""

from alembic import op
import sqlalchemy as sa

from hall_app.store.types import AwareDateTime


revision = "0029"
down_revision = "0028"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "rota_day",
        sa.Column("service_date", sa.Date(), nullable=False),
        sa.Column("saved_at", AwareDateTime(), nullable=False),
        sa.Column("saved_by", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["saved_by"], ["staff.id"]),
        sa.PrimaryKeyConstraint("service_date"),
    )
    op.create_table(
        "rota_shift",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("service_date", sa.Date(), nullable=False),
        sa.Column("kind", sa.String(length=12), nullable=False),
        sa.Column("staff_id", sa.Integer(), nullable=False),
        sa.Column("window_number", sa.Integer(), nullable=True),
        sa.Column("start_minute", sa.Integer(), nullable=False),
        sa.Column("end_minute", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["staff_id"], ["staff.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_rota_shift_day", "rota_shift", ["service_date"])
    op.create_table(
        "rota_minimum",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("service_date", sa.Date(), nullable=True),
        sa.Column("lane", sa.String(length=8), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_rota_minimum_day", "rota_minimum", ["service_date", "lane"])
    op.create_table(
        "staffing_change",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", AwareDateTime(), nullable=False),
        sa.Column("service_date", sa.Date(), nullable=False),
        sa.Column("kind", sa.String(length=12), nullable=False),
        sa.Column("staff_id", sa.Integer(), nullable=True),
        sa.Column("window_number", sa.Integer(), nullable=True),
        sa.Column("from_minute", sa.Integer(), nullable=True),
        sa.Column("to_minute", sa.Integer(), nullable=True),
        sa.Column("figures", sa.Text(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["staff_id"], ["staff.id"]),
        sa.ForeignKeyConstraint(["by_id"], ["staff.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_staffing_change_day", "staffing_change", ["service_date"])


def downgrade() -> None:
    op.drop_index("ix_staffing_change_day", table_name="staffing_change")
    op.drop_table("staffing_change")
    op.drop_index("ix_rota_minimum_day", table_name="rota_minimum")
    op.drop_table("rota_minimum")
    op.drop_index("ix_rota_shift_day", table_name="rota_shift")
    op.drop_table("rota_shift")
    op.drop_table("rota_day")
