"""Named errors of the catalog core. Each carries a message fit for a person."""


class BelcatError(Exception):
    """Base class of every error belcat raises on purpose."""


class CatalogFileError(BelcatError):
    """The file cannot be used as a catalog; nothing was written to it."""

    def __init__(self, path, reason: str):
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


class NotSQLiteError(CatalogFileError):
    """The file is not an SQLite database at all."""


class ForeignDatabaseError(CatalogFileError):
    """An SQLite database that some other program made."""


class NewerCatalogError(CatalogFileError):
    """A catalog written by a newer belcat than this one."""


class CatalogBusyError(BelcatError):
    """Another program holds a lock on the catalog for too long."""


class CatalogReadOnlyError(BelcatError):
    """The catalog file cannot be written; the write was rolled back."""


class DanglingReferenceError(BelcatError):
    """A row refers to a record that does not exist; the write was rolled back."""


class NotFoundError(BelcatError):
    """A record that does not exist (any more)."""


class ValidationError(BelcatError):
    """Field values that break the catalog's rules.

    ``problems`` maps a field name to a message about it.
    """

    def __init__(self, problems: dict[str, str]):
        self.problems = dict(problems)
        super().__init__("; ".join(f"{k}: {v}" for k, v in self.problems.items()))


class ConflictError(BelcatError):
    """The record changed since it was read; the caller decides what wins."""

    def __init__(self, kind: str, record_id: int, current: dict | None):
        self.kind = kind
        self.record_id = record_id
        self.current = current
        super().__init__(f"{kind} {record_id} was changed by someone else")
