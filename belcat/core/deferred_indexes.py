"""Secondary indexes set aside while a bulk write adds many rows to their
tables, and made again in one pass afterwards: cheaper than keeping them in
step row by row. Only inside a write transaction: the DDL is part of it, so
a rollback brings the indexes back as they were."""


class DeferredIndexes:
    """Drops the non-unique indexes of ``tables`` (unique ones keep guarding
    their columns); ``restore()`` makes them again and may be called any
    number of times, e.g. before a query that needs them."""

    def __init__(self, conn, tables: tuple[str, ...]):
        self.conn = conn
        marks = ", ".join("?" for _ in tables)
        found = conn.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
            f"AND sql NOT LIKE 'CREATE UNIQUE%' AND tbl_name IN ({marks}) ORDER BY name", tables).fetchall()
        for name, _sql in found:
            conn.execute(f'DROP INDEX "{name}"')
        self.pending = [sql for _name, sql in found]

    def restore(self) -> None:
        for sql in self.pending:
            self.conn.execute(sql)
        self.pending = []
