"""attempt kinds: a quiz attempt, or the practice kinds that do not count

Revision ID: e7a1c0k1nd00
Revises: c11acc0un750
Create Date: 2026-12-02 01:10:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'e7a1c0k1nd00'
down_revision = 'c11acc0un750'
branch_labels = None
depends_on = None

RESULTS_INDEX = 'ix_attempts_learner_results'
RESULTS_COLUMNS = [
    'learner_id', 'quiz_id', 'assignment_id', 'submitted_dt', 'started_dt', 'score',
    'max_score', 'is_late',
]


def upgrade():
    # Every attempt made so far is a quiz attempt: the server default says so.
    with op.batch_alter_table('attempts', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('kind', sa.String(length=20), server_default='quiz', nullable=False)
        )
        batch_op.drop_index(RESULTS_INDEX)
        batch_op.create_index(RESULTS_INDEX, [*RESULTS_COLUMNS, 'kind', 'id'], unique=False)


def downgrade():
    with op.batch_alter_table('attempts', schema=None) as batch_op:
        batch_op.drop_index(RESULTS_INDEX)
        batch_op.create_index(RESULTS_INDEX, [*RESULTS_COLUMNS, 'id'], unique=False)
        batch_op.drop_column('kind')
