"""one open correction notice per application (issue 13)

A unique partial index lets at most one open first correction notice exist per applicant (ID
number) and item or bundle, so two windows issuing at the same moment cannot both succeed.
Older duplicates (issued before the rule) are closed first, the newest staying open.

Revision ID: 0014
Revises: 0013
Create Date: 2026-11-30 23:20:00
"""
from alembic import op
import sqlalchemy as sa


revision = '0014'
down_revision = '0013'
branch_labels = None
depends_on = None

BEFORE_THE_RULE = "本申请在一次性告知规则启用前已有告知单：已与首次告知单关联"
_OPEN_FIRST = (
    "kind = 'correction' AND closed_at IS NULL AND first_notice_id IS NULL AND id_number <> ''"
)


def upgrade() -> None:
    # the first notice of an application is the one the citizen holds: it stays open, and the
    # later ones (issued before the rule) become further notices linked to it, not lost
    op.execute(sa.text(
        "UPDATE notice SET further_reason = :why, first_notice_id = (SELECT MIN(earlier.id) "
        "FROM notice AS earlier WHERE earlier.kind = 'correction' AND earlier.closed_at IS NULL "
        "AND earlier.id_number = notice.id_number AND earlier.subject_code = notice.subject_code "
        "AND earlier.id < notice.id) WHERE " + _OPEN_FIRST + " AND EXISTS (SELECT 1 FROM notice "
        "AS earlier WHERE earlier.kind = 'correction' AND earlier.closed_at IS NULL "
        "AND earlier.id_number = notice.id_number AND earlier.subject_code = notice.subject_code "
        "AND earlier.id < notice.id)"
    ).bindparams(why=BEFORE_THE_RULE))
    op.create_index(
        'uq_notice_open_application', 'notice', ['id_number', 'subject_code'], unique=True,
        sqlite_where=sa.text(_OPEN_FIRST), postgresql_where=sa.text(_OPEN_FIRST),
    )


def downgrade() -> None:
    op.drop_index('uq_notice_open_application', table_name='notice')
