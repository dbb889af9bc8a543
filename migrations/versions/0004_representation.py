"""Representation: profile answers, workshop counts by group; statistics uploads kept for
their preview

Revision ID: 0004_representation
Revises: fc63af1131a9
Create Date: 2026-12-01 23:01:58.066752

"""
from alembic import op
import sqlalchemy as sa

import arena.core.types


# revision identifiers, used by Alembic.
revision = '0004_representation'
down_revision = 'fc63af1131a9'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('profile_answers',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('question', sa.String(length=40), nullable=False),
    sa.Column('answer', sa.String(length=40), nullable=False),
    sa.Column('free_text', sa.String(length=60), nullable=True),
    sa.Column('answered_at', arena.core.types.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_profile_answers_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_profile_answers')),
    sa.UniqueConstraint('user_id', 'question', name=op.f('uq_profile_answers_user_id_question'))
    )
    with op.batch_alter_table('profile_answers', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_profile_answers_user_id'), ['user_id'], unique=False)

    op.create_table('statistics_uploads',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('token', sa.String(length=64), nullable=False),
    sa.Column('uploaded_by_id', sa.Integer(), nullable=False),
    sa.Column('content', sa.LargeBinary(), nullable=False),
    sa.Column('is_example', sa.Boolean(), nullable=False),
    sa.Column('replace_years', sa.Boolean(), nullable=False),
    sa.Column('created_at', arena.core.types.UTCDateTime(timezone=True), nullable=False),
    sa.Column('expires_at', arena.core.types.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['uploaded_by_id'], ['users.id'], name=op.f('fk_statistics_uploads_uploaded_by_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_statistics_uploads')),
    sa.UniqueConstraint('token', name=op.f('uq_statistics_uploads_token'))
    )
    with op.batch_alter_table('statistics_uploads', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_statistics_uploads_expires_at'), ['expires_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_statistics_uploads_uploaded_by_id'), ['uploaded_by_id'], unique=False)

    op.create_table('workshop_group_counts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('workshop_id', sa.Integer(), nullable=False),
    sa.Column('question', sa.String(length=40), nullable=False),
    sa.Column('answer', sa.String(length=40), nullable=False),
    sa.Column('count', sa.Integer(), nullable=False),
    sa.CheckConstraint('count >= 0', name=op.f('ck_workshop_group_counts_count_not_negative')),
    sa.ForeignKeyConstraint(['workshop_id'], ['workshops.id'], name=op.f('fk_workshop_group_counts_workshop_id_workshops'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_workshop_group_counts')),
    sa.UniqueConstraint('workshop_id', 'question', 'answer', name=op.f('uq_workshop_group_counts_workshop_id_question_answer'))
    )
    with op.batch_alter_table('workshop_group_counts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_workshop_group_counts_workshop_id'), ['workshop_id'], unique=False)



def downgrade():
    with op.batch_alter_table('workshop_group_counts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_workshop_group_counts_workshop_id'))

    op.drop_table('workshop_group_counts')
    with op.batch_alter_table('statistics_uploads', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_statistics_uploads_uploaded_by_id'))
        batch_op.drop_index(batch_op.f('ix_statistics_uploads_expires_at'))

    op.drop_table('statistics_uploads')
    with op.batch_alter_table('profile_answers', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_profile_answers_user_id'))

    op.drop_table('profile_answers')
