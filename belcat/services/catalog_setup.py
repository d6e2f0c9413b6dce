"""Open the catalog a person asked for, creating and filling a new one."""

from pathlib import Path

from ..core.catalog import Catalog, is_empty, open_catalog


def open_or_create(path: Path, *, fill_new: bool = True) -> tuple[Catalog, bool]:
    """Open ``path``; a catalog created now gets the starter data.

    Returns the catalog and whether it was created by this call.
    """
    path = Path(path)
    created = not path.exists() or path.stat().st_size == 0
    catalog = open_catalog(path)
    if created and fill_new and is_empty(catalog):
        from .starter import load_starter

        try:
            load_starter(catalog)
        except BaseException:
            catalog.close()
            raise
    return catalog, created
