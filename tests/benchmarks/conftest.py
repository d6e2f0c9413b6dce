import hashlib
import os
from pathlib import Path

import pytest

CACHE = Path(os.environ.get("BELCAT_BENCH_CACHE", "/tmp/belcat-bench"))


def _build_key() -> str:
    """Changes with the schema's migrations and the generator's code, so that a
    cached catalog is never one an older or newer belcat made (the cache
    folder may be shared by several source trees)."""
    from belcat.core import index_texts, schema, search_index, textnorm
    from belcat.services import demo, demo_orgs, demo_projects, demo_words

    digest = hashlib.sha256("\n".join(schema.MIGRATION_NAMES).encode())
    for module in (demo, demo_orgs, demo_projects, demo_words, index_texts, search_index, textnorm):
        digest.update(Path(module.__file__).read_bytes())
    return digest.hexdigest()[:10]


def demo_catalog(organizations: int, projects: int) -> Path:
    """A demo catalog of the given size, built once and kept between runs."""
    from belcat.core.catalog import open_catalog
    from belcat.services.demo import generate_demo

    CACHE.mkdir(parents=True, exist_ok=True)
    path = CACHE / f"demo-{organizations}-{projects}-{_build_key()}.sqlite"
    if not path.exists():
        partial = path.with_suffix(".partial")
        for leftover in CACHE.glob(partial.name + "*"):
            leftover.unlink()
        with open_catalog(partial) as cat:
            generate_demo(cat, organizations=organizations, projects=projects, seed=1)
            cat.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        partial.rename(path)
    return path


@pytest.fixture(scope="session")
def demo_100k():
    return demo_catalog(100_000, 50_000)


@pytest.fixture(scope="session")
def demo_1m():
    return demo_catalog(1_000_000, 0)
