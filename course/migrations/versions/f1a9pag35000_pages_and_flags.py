"""pages and flags: questions per page of an assignment, questions flagged in an attempt

Revision ID: f1a9pag35000
Revises: e7a1c0k1nd00
Create Date: 2026-12-02 04:40:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'f1a9pag35000'
down_revision = 'e7a1c0k1nd00'
branch_labels = None
depends_on = None


def upgrade():
    # Attempts made so far have nothing flagged; assignments follow their quiz's setting.
    with op.batch_alter_table('attempts', schema=None) as batch_op:
        batch_op.add_column(
            sa.Column('flagged', sa.JSON(), server_default=sa.text("'[]'"), nullable=False)
        )
    with op.batch_alter_table('assignments', schema=None) as batch_op:
        batch_op.add_column(sa.Column('per_page', sa.String(length=5), nullable=True))
        batch_op.create_check_constraint(
            'ck_assignments_per_page', "per_page IS NULL OR per_page IN ('1', '5', 'all')"
        )


def downgrade():
    with op.batch_alter_table('assignments', schema=None) as batch_op:
        batch_op.drop_constraint('ck_assignments_per_page', type_='check')
        batch_op.drop_column('per_page')
    with op.batch_alter_table('attempts', schema=None) as batch_op:
        batch_op.drop_column('flagged')
