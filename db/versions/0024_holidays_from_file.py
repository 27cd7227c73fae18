"""holidays from the shipped file (issue 17)

The holidays and make-up workdays the app ships are the reviewed file
resources/holidays/cn_holidays.csv, no longer whatever chinesecalendar version was installed
when 0002 ran. A database seeded by 0002 from the package gets the file's days: ``package``
days the file lacks are removed, differing ones corrected, missing ones added; days an admin
entered are kept. With chinesecalendar 1.11.0 (the version pinned until now) nothing changes.
No schema change.

Revision ID: 0024
Revises: 0023
Create Date: 2026-12-02 06:00:00
"""
from alembic import op


revision = '0024'
down_revision = '0023'
branch_labels = None
depends_on = None


def upgrade() -> None:
    from hall_app.store.holidays import load_shipped, read_holidays

    load_shipped(op.get_bind(), read_holidays())


def downgrade() -> None:
    pass  # the days stay: they were the package's days, now the reviewed file's
