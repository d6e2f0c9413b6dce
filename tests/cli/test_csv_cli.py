"""`belcat export` and `belcat import` from the command line."""

import csv
import subprocess
import sys

import pytest

from belcat.cli import main
from belcat.core import organizations
from belcat.core.catalog import open_catalog
from belcat.services.csv_format import MULTI_SEPARATORS
from belcat.services.csv_preview import preview
from tests.services.csv_helpers import raw_dump, records


def make_catalog(path):
    with open_catalog(path) as cat:
        a = organizations.create(cat, {"name": "Гомсельмаш", "unp": "400069905", "roles": ["enterprise"],
                                        "sectors": ["Машиностроение"], "phone": "+375 232 59-12-12"})
        b = organizations.create(cat, {"name": "Тэхнасофт ўі", "roles": ["resident"]})
        organizations.add_relation(cat, a, b, "adopted")


def test_export_to_file_and_import_into_new_catalog(tmp_path, capsys):
    make_catalog(tmp_path / "a.sqlite")
    out = tmp_path / "o.csv"
    assert main(["export", "--db", str(tmp_path / "a.sqlite"), "--kind", "organizations",
                 "--columns", "all", "--output", str(out)]) == 0
    assert "2 records written" in capsys.readouterr().err
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")
    assert main(["import", "--db", str(tmp_path / "b.sqlite"), "--kind", "organizations", "--dry-run", str(out)]) == 0
    assert not (tmp_path / "b.sqlite").exists()  # a dry run creates no catalog either
    assert main(["import", "--db", str(tmp_path / "b.sqlite"), "--kind", "organizations", str(out)]) == 0
    assert "2 added" in capsys.readouterr().err
    with open_catalog(tmp_path / "a.sqlite") as a, open_catalog(tmp_path / "b.sqlite") as b:
        assert records(a) == records(b)


@pytest.mark.parametrize("separator", list(MULTI_SEPARATORS))
def test_an_import_splits_values_as_the_file_does(tmp_path, capsys, separator):
    with open_catalog(tmp_path / "a.sqlite") as cat:
        for n in range(3):
            organizations.create(cat, {"name": f"Завод {n}", "sectors": ["Машиностроение", "Металлургия"],
                                       "aliases": [f"З-{n}", f"Z-{n}"], "roles": ["enterprise", "research"]})
    out = tmp_path / "o.csv"
    assert main(["export", "--db", str(tmp_path / "a.sqlite"), "--columns", "name,sectors,aliases,roles",
                 "--separator", separator, "--output", str(out)]) == 0
    assert preview(out, "organizations").separator == separator
    assert main(["import", "--db", str(tmp_path / "b.sqlite"), "--kind", "organizations", str(out)]) == 0
    with open_catalog(tmp_path / "a.sqlite") as a, open_catalog(tmp_path / "b.sqlite") as b:
        assert records(a) == records(b)


def test_cells_of_one_value_say_nothing_of_the_separator(tmp_path):
    path = tmp_path / "one.csv"
    path.write_text("name,sectors\nА,Металлургия\nБ,\n", encoding="utf-8")
    assert preview(path, "organizations").separator is None


def test_commas_inside_values_do_not_outvote_the_default_separator(tmp_path):
    path = tmp_path / "prose.csv"
    path.write_text('name;aliases\nА;"Альфа; Alpha"\nБ;"Бета, филиал"\nВ;"Вега, завод"\n', encoding="utf-8")
    assert preview(path, "organizations").separator == "semicolon"
    path.write_text('name;aliases\nА;"Альфа; Alpha"\nБ;"Бета, Beta"\nВ;"Вега, Vega"\nГ;"Гамма, Gamma"\n',
                    encoding="utf-8")
    assert preview(path, "organizations").separator == "comma"


def test_an_import_that_fails_leaves_no_new_catalog_behind(tmp_path, capsys):
    junk = tmp_path / "junk.csv"
    junk.write_bytes(b"name\x00\x01\x02")
    bad_row = tmp_path / "bad.csv"
    bad_row.write_text("name;unp\nОрганизация;12\n", encoding="utf-8")
    for source in (tmp_path / "missing.csv", junk, bad_row):
        assert main(["import", "--db", str(tmp_path / "new.sqlite"), str(source)]) == 1
        assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.csv", "junk.csv"], source
    capsys.readouterr()
    make_catalog(tmp_path / "old.sqlite")  # an existing catalog stays, as it was
    with open_catalog(tmp_path / "old.sqlite") as old:
        before = raw_dump(old)
    assert main(["import", "--db", str(tmp_path / "old.sqlite"), str(bad_row)]) == 1
    with open_catalog(tmp_path / "old.sqlite") as old:
        assert raw_dump(old) == before


def test_export_to_stdout_in_a_subprocess(tmp_path):
    make_catalog(tmp_path / "a.sqlite")
    proc = subprocess.run([sys.executable, "-m", "belcat", "export", "--db", str(tmp_path / "a.sqlite"),
                           "--kind", "residents", "--preset", "rfc4180", "--columns", "name,roles",
                           "--output", "-"], capture_output=True, check=True)
    assert proc.stdout.decode() == "name,roles\r\nТэхнасофт ўі,resident\r\n"


def test_columns_and_errors(tmp_path, capsys):
    make_catalog(tmp_path / "a.sqlite")
    db = str(tmp_path / "a.sqlite")
    assert main(["export", "--db", db, "--kind", "projects", "--list-columns"]) == 0
    assert "participants" in capsys.readouterr().out
    assert main(["export", "--db", db, "--columns", "name,bogus", "--output", "-"]) == 2
    assert "unknown column bogus" in capsys.readouterr().err
    assert main(["export", "--db", str(tmp_path / "none.sqlite"), "--output", "-"]) == 2
    assert not (tmp_path / "none.sqlite").exists()


def test_import_report_and_exit_code(tmp_path, capsys):
    make_catalog(tmp_path / "a.sqlite")
    db = str(tmp_path / "a.sqlite")
    bad = tmp_path / "bad.csv"
    bad.write_text("name;unp\nНовая;12\n", encoding="utf-8")
    with open_catalog(db) as cat:
        before = raw_dump(cat)
    report = tmp_path / "report.csv"
    assert main(["import", "--db", db, "--report", str(report), str(bad)]) == 1
    err = capsys.readouterr().err
    assert "row 2, unp: error: a UNP has 9 digits" in err and "nothing was changed" in err
    with open(report, encoding="utf-8-sig", newline="") as fh:
        assert list(csv.reader(fh, delimiter=";"))[1] == ["2", "unp", "error", "a UNP has 9 digits"]
    junk = tmp_path / "junk.csv"
    junk.write_bytes(b"\x00\x01\x02" * 100)
    assert main(["import", "--db", db, str(junk)]) == 1
    assert "binary" in capsys.readouterr().err
    with open_catalog(db) as cat:
        assert raw_dump(cat) == before


def test_export_search_and_facets_match_search(tmp_path, capsys):
    from belcat.core import search

    db = tmp_path / "a.sqlite"
    make_catalog(db)
    with open_catalog(db) as cat:
        organizations.create(cat, {"name": "Гомельский завод", "region": "gomel", "roles": ["enterprise"]})
        organizations.create(cat, {"name": "Брестский завод", "region": "brest", "roles": ["enterprise"]})
    cases = [("завод", []), ("", ["region=gomel"]), ("завод", ["region=-gomel"]), ("gomselmash", [])]
    for text, facets in cases:
        args = ["export", "--db", str(db), "--kind", "enterprises", "--preset", "rfc4180",
                "--columns", "name", "--output", "-"]
        if text:
            args += ["--search", text]
        for f in facets:
            args += ["--facet", f]
        assert main(args) == 0
        names = capsys.readouterr().out.splitlines()[1:]
        with open_catalog(db) as cat:
            ids = search.search_ids(cat, "enterprises", text, search.facets_from_args(facets))
            expected = [cat.scalar("SELECT name FROM organizations WHERE id = ?", [i]) for i in ids]
        assert names == expected and names, (text, facets)
    assert main(["export", "--db", str(db), "--facet", "colour=red", "--output", "-"]) == 2
    assert "unknown facet" in capsys.readouterr().err


def test_imported_records_are_found_by_search(tmp_path):
    from belcat.core import search

    path = tmp_path / "in.csv"
    path.write_text("name;sectors\nБелорусский металлургический завод;Металлургия\n", encoding="utf-8")
    db = str(tmp_path / "b.sqlite")
    assert main(["import", "--db", db, str(path)]) == 0
    with open_catalog(db) as cat:
        assert len(search.search_ids(cat, "organizations", "металлург")) == 1
        assert len(search.search_ids(cat, "organizations", "sector:металлургия")) == 1


def test_ctrl_c_during_an_import_says_so_and_changes_nothing(tmp_path, capsys, monkeypatch):
    from belcat.services import csv_import, csv_rows

    make_catalog(tmp_path / "a.sqlite")
    path = tmp_path / "many.csv"
    path.write_text("name;unp\n" + "".join(f"Орг {i};{300_000_000 + i}\n" for i in range(20)), encoding="utf-8")
    monkeypatch.setattr(csv_rows, "CHUNK", 5)
    take = csv_import._Importer.take
    chunks = []

    def interrupted_at_the_third_chunk(self, read):
        chunks.append(read)
        if len(chunks) == 3:
            raise KeyboardInterrupt
        take(self, read)
    monkeypatch.setattr(csv_import._Importer, "take", interrupted_at_the_third_chunk)
    with open_catalog(tmp_path / "a.sqlite") as cat:
        before = raw_dump(cat)
    assert main(["import", "--db", str(tmp_path / "a.sqlite"), "--kind", "organizations", str(path)]) == 130
    assert "interrupted; nothing was imported" in capsys.readouterr().err
    with open_catalog(tmp_path / "a.sqlite") as cat:
        assert raw_dump(cat) == before


def test_a_catalog_with_a_dangling_row_refuses_a_large_import_clearly(tmp_path, capsys, monkeypatch):
    """A large import checks foreign keys once before it commits; a row that
    already refers to nothing (a catalog changed by another program) is named
    and the import changes nothing."""
    monkeypatch.setattr("belcat.services.csv_import.BULK_BYTES_PER_RECORD", 0)
    db = tmp_path / "a.sqlite"
    make_catalog(db)
    with open_catalog(db) as cat:
        cat.conn.execute("PRAGMA foreign_keys = OFF")
        cat.conn.execute("INSERT INTO organization_aliases (org_id, alias) VALUES (999, 'ничей')")
        before = raw_dump(cat)
    path = tmp_path / "new.csv"
    path.write_text("name\nНовая\n", encoding="utf-8")
    assert main(["import", "--db", str(db), "--kind", "organizations", str(path)]) == 1
    err = capsys.readouterr().err
    assert "a row of organization_aliases that refers to a missing row of organizations" in err
    assert "nothing was imported" in err
    with open_catalog(db) as cat:
        assert raw_dump(cat) == before


def test_a_report_that_cannot_be_written_is_said_so(tmp_path, capsys):
    bad_row = tmp_path / "bad.csv"
    bad_row.write_text("name;unp\nОрганизация;12\n", encoding="utf-8")
    make_catalog(tmp_path / "a.sqlite")
    nowhere = tmp_path / "no such folder" / "report.csv"
    assert main(["import", "--db", str(tmp_path / "a.sqlite"), "--report", str(nowhere), str(bad_row)]) == 2
    assert "its folder does not exist" in capsys.readouterr().err
    assert main(["import", "--db", str(tmp_path / "a.sqlite"), "--report", str(tmp_path), str(bad_row)]) == 1
    err = capsys.readouterr().err
    assert f"cannot write the report to {tmp_path}" in err and "1 row checked: 1 error, nothing" in err


def test_neither_the_export_nor_the_report_is_written_over_the_catalog(tmp_path, capsys):
    db = tmp_path / "a.sqlite"
    make_catalog(db)
    with open_catalog(db) as cat:
        before = raw_dump(cat)
    source = tmp_path / "bad.csv"
    source.write_text("name;unp\nОрганизация;12\n", encoding="utf-8")
    for target in (db, tmp_path / "a.sqlite-wal", tmp_path / "." / "a.sqlite"):
        assert main(["export", "--db", str(db), "--output", str(target)]) == 1
        assert "that is the catalog itself" in capsys.readouterr().err
        assert main(["import", "--db", str(db), "--report", str(target), str(source)]) == 2
        assert "that is the catalog itself" in capsys.readouterr().err
    with open_catalog(db) as cat:
        assert raw_dump(cat) == before
