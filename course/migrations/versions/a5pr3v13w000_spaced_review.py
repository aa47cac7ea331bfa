"""spaced review: review cards, their log of ratings, and learners' review settings

Revision ID: a5pr3v13w000
Revises: f1a9pag35000
Create Date: 2026-12-02 13:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'a5pr3v13w000'
down_revision = 'f1a9pag35000'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'review_cards',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('learner_id', sa.Integer(), nullable=False),
        sa.Column('kind', sa.String(length=10), nullable=False),
        sa.Column('item_id', sa.String(length=100), nullable=False),
        sa.Column('lesson_id', sa.String(length=100), nullable=False),
        sa.Column('state', sa.Integer(), nullable=False),
        sa.Column('step', sa.Integer(), nullable=True),
        sa.Column('stability', sa.Double(), nullable=True),
        sa.Column('difficulty', sa.Double(), nullable=True),
        sa.Column('due_dt', sa.DateTime(), nullable=False),
        sa.Column('first_review_dt', sa.DateTime(), nullable=True),
        sa.Column('last_review_dt', sa.DateTime(), nullable=True),
        sa.Column('created_dt', sa.DateTime(), nullable=False),
        sa.Column('retired_dt', sa.DateTime(), nullable=True),
        sa.CheckConstraint("kind IN ('question', 'term')", name='ck_review_cards_kind'),
        sa.CheckConstraint('state IN (1, 2, 3)', name='ck_review_cards_state'),
        sa.ForeignKeyConstraint(['learner_id'], ['learners.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
        sa.UniqueConstraint('learner_id', 'kind', 'item_id'),
    )
    with op.batch_alter_table('review_cards', schema=None) as batch_op:
        batch_op.create_index(
            'ix_review_cards_due', ['learner_id', 'retired_dt', 'due_dt'], unique=False
        )
        batch_op.create_index(
            batch_op.f('ix_review_cards_lesson_id'), ['lesson_id'], unique=False
        )
    op.create_table(
        'review_logs',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('card_id', sa.Integer(), nullable=False),
        sa.Column('rating', sa.Integer(), nullable=False),
        sa.Column('review_dt', sa.DateTime(), nullable=False),
        sa.Column('duration_ms', sa.Integer(), nullable=True),
        sa.Column('attempt_id', sa.Integer(), nullable=True),
        sa.CheckConstraint('rating BETWEEN 1 AND 4', name='ck_review_logs_rating'),
        sa.ForeignKeyConstraint(['attempt_id'], ['attempts.id'], ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['card_id'], ['review_cards.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id'),
    )
    with op.batch_alter_table('review_logs', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_review_logs_attempt_id'), ['attempt_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_review_logs_card_id'), ['card_id'], unique=False)
    op.create_table(
        'review_settings',
        sa.Column('learner_id', sa.Integer(), nullable=False),
        sa.Column('desired_retention', sa.Double(), nullable=False),
        sa.Column('new_per_day', sa.Integer(), nullable=False),
        sa.Column('is_every_answer', sa.Boolean(), nullable=False),
        sa.Column('shown_lang', sa.String(length=5), nullable=True),
        sa.Column('shown_part', sa.String(length=10), nullable=False),
        sa.Column('recalled_lang', sa.String(length=5), nullable=True),
        sa.Column('recalled_part', sa.String(length=10), nullable=False),
        sa.Column('synced_dt', sa.DateTime(), nullable=True),
        sa.CheckConstraint(
            'desired_retention BETWEEN 0.7 AND 0.97', name='ck_review_settings_retention'
        ),
        sa.CheckConstraint('new_per_day BETWEEN 0 AND 100', name='ck_review_settings_new_per_day'),
        sa.CheckConstraint(
            "shown_part IN ('term', 'definition') AND recalled_part IN ('term', 'definition')",
            name='ck_review_settings_parts',
        ),
        sa.ForeignKeyConstraint(['learner_id'], ['learners.id'], ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('learner_id'),
    )


def downgrade():
    op.drop_table('review_settings')
    with op.batch_alter_table('review_logs', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_review_logs_card_id'))
        batch_op.drop_index(batch_op.f('ix_review_logs_attempt_id'))
    op.drop_table('review_logs')
    with op.batch_alter_table('review_cards', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_review_cards_lesson_id'))
        batch_op.drop_index('ix_review_cards_due')
    op.drop_table('review_cards')
