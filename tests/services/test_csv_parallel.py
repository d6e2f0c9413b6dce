"""An export in two processes writes the very bytes of the export in one,
and keeps its promises: nothing under the chosen name when it is cancelled
or fails, progress from the calling thread only, one state of the catalog."""

import dataclasses
import multiprocessing
import os
import signal
import threading

import pytest
from hypothesis import HealthCheck, given, settings

from belcat.core import listing
from belcat.core.catalog import open_catalog
from belcat.services import csv_export, csv_parallel
from belcat.services.csv_columns import columns_for
from belcat.services.csv_export import ExportCancelled, ExportOptions, export_csv
from belcat.services.csv_format import PRESETS

from tests.services.test_csv_fastsql import _odd_terms
from tests.services.test_csv_import import _fill, catalogs


@pytest.fixture
def split(monkeypatch):
    """Every export of a file splits (even of a few rows, on one core); the
    returned list holds the rows of each second half set going."""
    monkeypatch.setattr(csv_parallel, "PARALLEL_MIN_ROWS", 1)
    monkeypatch.setattr(csv_parallel, "_cores", lambda: 2)
    monkeypatch.setattr(csv_export, "PAGE", 3)
    monkeypatch.setattr(csv_parallel, "PAGE", 5)  # pages of 2 rows per half
    ran = []
    original = csv_parallel._SecondHalf.go

    def go(self):
        ran.append(self.job.total - self.job.middle)
        original(self)
    monkeypatch.setattr(csv_parallel._SecondHalf, "go", go)
    return ran


def _one_process(monkeypatch, catalog, path, options, **scope) -> bytes:
    with monkeypatch.context() as m:
        m.setattr(csv_parallel, "PARALLEL_MIN_ROWS", 10**9)
        export_csv(catalog, path, options, **scope)
    return path.read_bytes()


def _more_organizations(catalog, copies=6):
    """Copies of the awkward records (with their links), so that pages and
    halves hold several rows."""
    with catalog.write():
        for n in range(copies):
            catalog.conn.execute(
                "INSERT INTO organizations (name, legal_form, region_id, city, phone, description) "
                "SELECT name || ' ' || ?, legal_form, region_id, city, phone, description FROM organizations "
                "WHERE id <= 3", [n])
        catalog.conn.execute("INSERT OR IGNORE INTO organization_terms SELECT o.id, t.id FROM organizations o, "
                             "terms t WHERE t.kind IN ('sector', 'country') AND (o.id * 7 + t.id) % 11 = 0")
        catalog.conn.execute("INSERT OR IGNORE INTO organization_roles SELECT id, 'resident' FROM organizations "
                             "WHERE id % 2 = 0")


def _compare(monkeypatch, catalog, tmp_path, split):
    for view in ("organizations", "projects"):
        keys = [c.key for c in columns_for(view)]
        total = listing.count(catalog, listing.ListQuery(view))
        for preset in PRESETS:
            for columns in ([], keys):
                options = ExportOptions(view, columns=columns, preset=preset)
                for scope in ({}, {"query": listing.ListQuery(view, sort_key=keys[1], descending=True)},
                              {"ids": [r[0] for r in catalog.query(
                                  f"SELECT id FROM {listing.VIEWS[view].table} ORDER BY id DESC")]}):
                    before = len(split)
                    count = export_csv(catalog, tmp_path / "two.csv", options, **scope)
                    assert count == total
                    assert len(split) == before + (1 if total else 0)  # the second half ran
                    two = (tmp_path / "two.csv").read_bytes()
                    assert two == _one_process(monkeypatch, catalog, tmp_path / "one.csv", options, **scope), \
                        (view, preset, columns, scope)
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_two_processes_write_the_same_bytes(filled, tmp_path, monkeypatch, split):
    catalog, _ids = filled
    _odd_terms(catalog)
    _more_organizations(catalog)
    out = tmp_path / "out"
    out.mkdir()
    _compare(monkeypatch, catalog, out, split)
    assert split and max(split) >= 10


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                 HealthCheck.too_slow])
@given(data=catalogs())
def test_two_processes_on_hostile_catalogs(tmp_path_factory, monkeypatch, split, data):
    folder = tmp_path_factory.mktemp("split")
    with open_catalog(folder / "a.sqlite") as catalog:
        _fill(catalog, data)
        out = folder / "out"
        out.mkdir()
        _compare(monkeypatch, catalog, out, split)


def test_progress_comes_from_the_calling_thread(filled, tmp_path, split):
    catalog, _ids = filled
    _more_organizations(catalog)
    total = listing.count(catalog, listing.ListQuery("organizations"))
    seen = []
    caller = threading.current_thread()

    def progress(done, all_):
        assert threading.current_thread() is caller
        seen.append((done, all_))
    export_csv(catalog, tmp_path / "o.csv", ExportOptions("organizations"), progress=progress)
    assert split
    assert seen[0] == (0, total) and seen[-1] == (total, total)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)


def test_cancel_leaves_the_old_file(filled, tmp_path, split):
    catalog, _ids = filled
    _more_organizations(catalog)
    (tmp_path / "out").mkdir()
    path = tmp_path / "out" / "o.csv"
    path.write_text("old content")
    written = []  # cancelled once the first rows are written, both halves under way
    with pytest.raises(ExportCancelled):
        export_csv(catalog, path, ExportOptions("organizations"),
                   progress=lambda done, _total: written.append(done), cancelled=lambda: any(written))
    assert split
    assert path.read_text() == "old content"
    assert [p.name for p in path.parent.iterdir()] == ["o.csv"]
    assert not multiprocessing.active_children()  # the second process was stopped


def test_failure_of_the_second_half_leaves_nothing(filled, tmp_path, monkeypatch, split):
    catalog, _ids = filled
    _more_organizations(catalog)
    original = csv_parallel._SecondHalf.__init__

    def unwritable(self, context, job):  # the second half's own file cannot be made
        original(self, context, dataclasses.replace(job, part=str(tmp_path / "gone" / "half.part")))
    monkeypatch.setattr(csv_parallel._SecondHalf, "__init__", unwritable)
    (tmp_path / "out").mkdir()
    with pytest.raises(FileNotFoundError, match="half.part"):
        export_csv(catalog, tmp_path / "out" / "o.csv", ExportOptions("organizations"))
    assert list((tmp_path / "out").iterdir()) == []


def test_a_commit_while_the_halves_start_means_one_process(filled, tmp_path, monkeypatch, split):
    """Somebody else commits between reading the ids and opening the second
    connection: the halves might see two states, so one thread does it all."""
    catalog, ids = filled
    _more_organizations(catalog)
    original = csv_parallel._SecondHalf.ready

    def ready_after_a_commit(self, cancelled):
        select = original(self, cancelled)  # the second process has started its snapshot
        with open_catalog(catalog.path) as other, other.write():
            # The first organization in name order becomes the last one.
            other.conn.execute("UPDATE organizations SET name = 'Яяя' WHERE id = ?", [ids["gomselmash"]])
        return select
    monkeypatch.setattr(csv_parallel._SecondHalf, "ready", ready_after_a_commit)
    options = ExportOptions("organizations")
    export_csv(catalog, tmp_path / "o.csv", options)
    assert not split
    got = (tmp_path / "o.csv").read_bytes()
    assert got == _one_process(monkeypatch, catalog, tmp_path / "one.csv", options)
    assert got.decode("utf-8-sig").splitlines()[-1].startswith("Яяя")


def test_a_second_process_killed_leaves_nothing(filled, tmp_path, monkeypatch, split):
    catalog, _ids = filled
    _more_organizations(catalog)
    original = csv_parallel._SecondHalf.ready

    def ready_then_killed(self, cancelled):
        select = original(self, cancelled)
        os.kill(self.process.pid, signal.SIGKILL)
        self.process.join()
        return select
    monkeypatch.setattr(csv_parallel._SecondHalf, "ready", ready_then_killed)
    (tmp_path / "out").mkdir()
    path = tmp_path / "out" / "o.csv"
    path.write_text("old content")
    with pytest.raises(OSError, match="second process stopped"):
        export_csv(catalog, path, ExportOptions("organizations"))
    assert [p.name for p in path.parent.iterdir()] == ["o.csv"] and path.read_text() == "old content"


def test_without_a_fork_server_one_process_writes_it(filled, tmp_path, monkeypatch, split):
    catalog, _ids = filled
    _more_organizations(catalog)
    monkeypatch.setattr(csv_parallel, "_context", lambda: None)
    options = ExportOptions("organizations")
    count = export_csv(catalog, tmp_path / "o.csv", options)
    assert not split and count == listing.count(catalog, listing.ListQuery("organizations"))


def test_when_no_second_process_starts_one_process_writes_it(filled, tmp_path, monkeypatch, split):
    catalog, _ids = filled
    _more_organizations(catalog)

    def no_process(self, context, job):
        raise OSError(24, "Too many open files")
    monkeypatch.setattr(csv_parallel._SecondHalf, "__init__", no_process)
    (tmp_path / "out").mkdir()
    options = ExportOptions("organizations")
    count = export_csv(catalog, tmp_path / "out" / "o.csv", options)
    assert not split and count == listing.count(catalog, listing.ListQuery("organizations"))
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["o.csv"]  # its part file gone too
    assert (tmp_path / "out" / "o.csv").read_bytes() == _one_process(monkeypatch, catalog, tmp_path / "one.csv", options)


def test_a_cancel_while_the_second_process_starts(filled, tmp_path, monkeypatch, split):
    catalog, _ids = filled
    _more_organizations(catalog)
    monkeypatch.setattr(csv_parallel, "_second_half", _never_ready)
    (tmp_path / "out").mkdir()
    path = tmp_path / "out" / "o.csv"
    calls = []
    with pytest.raises(ExportCancelled):
        export_csv(catalog, path, ExportOptions("organizations"), cancelled=lambda: calls.append(1) or len(calls) > 3)
    assert not split and list(path.parent.iterdir()) == []
    assert not multiprocessing.active_children()


def _never_ready(job, pipe, written):
    """A second process that never gets its snapshot (a hung start)."""
    import time

    time.sleep(60)
