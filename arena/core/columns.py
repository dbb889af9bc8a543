"""Table and constraint pieces that several features' models share."""

from sqlalchemy import CheckConstraint, Column, ForeignKey, Table

from arena.extensions import db


def link_table(name: str, left_table: str, right_table: str) -> Table:
    """A many-to-many link: one row per pair, gone with either side. Each column is
    named after its table in the singular (`commitments` → `commitment_id`)."""
    return Table(
        name,
        db.metadata,
        *(
            Column(
                f"{table.removesuffix('s')}_id",
                ForeignKey(f"{table}.id", ondelete="CASCADE"),
                primary_key=True,
            )
            for table in (left_table, right_table)
        ),
    )


def exactly_one_of(first: str, second: str, *, name: str) -> CheckConstraint:
    """Of two nullable columns, exactly one holds a value."""
    return CheckConstraint(f"({first} IS NULL) <> ({second} IS NULL)", name=name)
