"""`belcat search`: output, refusals with a message, nothing written."""

import json

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
