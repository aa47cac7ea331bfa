"""accounts: named, expiring API tokens with their last use

Revision ID: c11acc0un750
Revises: c11a551gn000
Create Date: 2026-12-01 20:30:00.000000

"""
from datetime import UTC, datetime, timedelta

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'c11acc0un750'
down_revision = 'c11a551gn000'
branch_labels = None
depends_on = None

# Tokens issued before this revision had no expiry: they get the default lifetime from now.
EXISTING_TOKEN_DAYS = 90


def upgrade():
    with op.batch_alter_table('api_tokens', schema=None) as batch_op:
        batch_op.add_column(sa.Column('name', sa.String(length=100), nullable=True))
        batch_op.add_column(sa.Column('expires_dt', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('last_used_dt', sa.DateTime(), nullable=True))
    expires = datetime.now(UTC).replace(tzinfo=None) + timedelta(days=EXISTING_TOKEN_DAYS)
    op.execute(
        sa.text("UPDATE api_tokens SET name = 'API token', expires_dt = :expires").bindparams(
            expires=expires
        )
    )
    with op.batch_alter_table('api_tokens', schema=None) as batch_op:
        batch_op.alter_column('name', existing_type=sa.String(length=100), nullable=False)
        batch_op.alter_column('expires_dt', existing_type=sa.DateTime(), nullable=False)


def downgrade():
    with op.batch_alter_table('api_tokens', schema=None) as batch_op:
        batch_op.drop_column('last_used_dt')
        batch_op.drop_column('expires_dt')
        batch_op.drop_column('name')
