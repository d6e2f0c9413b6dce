import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture
def catalog(tmp_path):
    """An empty catalog in a real SQLite file."""
    from belcat.core.catalog import open_catalog

    cat = open_catalog(tmp_path / "catalog.sqlite")
    yield cat
    cat.close()
