"""`belcat search`: output, refusals with a message, nothing written."""

import json

import pytest

from belcat.cli import main


def test_search_prints_records_and_refuses_bad_input(tmp_path, capsys, catalog):
    from belcat.core import organizations

    organizations.create(catalog, {"name": "Гомсельмаш", "roles": ["enterprise"], "aliases": ["Gomselmash"]})
    path = str(catalog.path)
    assert main(["search", "--db", path, "gomselmash"]) == 0
    out = capsys.readouterr()
    assert "Гомсельмаш" in out.out and "1 found" in out.err
    assert main(["search", "--db", path, "--json", "--kind", "residents", "гомсельмаш"]) == 0
    assert json.loads(capsys.readouterr().out)["count"] == 0
    assert main(["search", "--db", path, "nothing-like-this"]) == 0
    assert "Nothing found" in capsys.readouterr().out
    assert main(["search", "--db", path, "--facet", "nosuch=1", "x"]) == 2
    assert "unknown facet" in capsys.readouterr().err
    assert main(["search", "--db", path, "--facet", "region", "x"]) == 2
    assert main(["search", "--db", str(tmp_path / "missing.sqlite"), "x"]) == 2
    assert "no catalog" in capsys.readouterr().err
    assert not (tmp_path / "missing.sqlite").exists()
    capsys.readouterr()
    with pytest.raises(SystemExit) as stop:
        main(["search", "--db", path, "--limit", "-5", "гомсельмаш"])
    assert stop.value.code == 2 and "0 or more" in capsys.readouterr().err


def test_db_given_before_the_command_is_the_one_used(tmp_path, capsys, catalog, monkeypatch):
    from belcat.core import organizations

    organizations.create(catalog, {"name": "Гомсельмаш", "roles": ["enterprise"]})
    monkeypatch.delenv("BELCAT_DB", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))  # the default: no catalog there
    path = str(catalog.path)
    assert main(["--db", path, "search", "гомсельмаш"]) == 0
    assert "Гомсельмаш" in capsys.readouterr().out
    # Given after the command too, the nearer one counts.
    assert main(["--db", str(tmp_path / "missing.sqlite"), "export", "--db", path, "--kind", "enterprises",
                 "--output", str(tmp_path / "e.csv")]) == 0
    assert "Гомсельмаш" in (tmp_path / "e.csv").read_text(encoding="utf-8-sig")
    assert main(["--db", str(tmp_path / "missing.sqlite"), "search", "x"]) == 2
    assert "missing.sqlite" in capsys.readouterr().err


def test_the_default_catalog_is_made_with_the_starter_data_by_the_first_command(tmp_path, capsys,
                                                                                monkeypatch):
    monkeypatch.delenv("BELCAT_DB", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    default = tmp_path / "data" / "belcat" / "catalog.sqlite"
    # An import that does not happen leaves no catalog behind.
    bad = tmp_path / "bad.csv"
    bad.write_text("name,unp\nПлохая,12\n", encoding="utf-8")
    assert main(["import", "--kind", "organizations", str(bad)]) == 1
    assert not default.exists()
    capsys.readouterr()
    # The first search makes it, with the starter data the window would show.
    assert main(["search", "гомсельмаш"]) == 0
    out = capsys.readouterr()
    assert "Гомсельмаш" in out.out and "starter data" in out.err and default.exists()
    assert main(["search", "гомсельмаш"]) == 0
    assert "starter data" not in capsys.readouterr().err
    # An import into it adds to the starter data.
    default.unlink()
    good = tmp_path / "good.csv"
    good.write_text("name,city\nНовая организация,Минск\n", encoding="utf-8")
    assert main(["import", "--kind", "organizations", str(good)]) == 0
    capsys.readouterr()
    assert main(["export", "--kind", "organizations", "--output", "-"]) == 0
    exported = capsys.readouterr().out
    assert "Новая организация" in exported and "Гомсельмаш" in exported
