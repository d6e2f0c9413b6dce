import os
import subprocess
import sys

import pytest

from belcat.cli import main
from belcat.core.catalog import open_catalog


def _counts(path):
    with open_catalog(path) as cat:
        return (cat.scalar("SELECT count(*) FROM organizations"),
                cat.scalar("SELECT count(*) FROM projects"),
                cat.scalar("SELECT count(*) FROM organizations WHERE is_demo = 0"))


def test_demo_command_end_to_end(tmp_path):
    path = tmp_path / "demo.sqlite"
    result = subprocess.run(
        [sys.executable, "-m", "belcat", "demo", "--db", str(path), "--organizations", "120",
         "--projects", "40", "--seed", "5"],
        capture_output=True, text=True, timeout=60, cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": os.getcwd()},
    )
    assert result.returncode == 0, result.stderr
    assert "120 organizations, 40 projects" in result.stdout and "seed 5" in result.stdout
    assert _counts(path) == (120, 40, 0)


def test_same_seed_gives_the_same_file_content(tmp_path):
    a, b = tmp_path / "a.sqlite", tmp_path / "b.sqlite"
    for path in (a, b):
        assert main(["demo", "--db", str(path), "--organizations", "50", "--projects", "20"]) == 0
    with open_catalog(a) as ca, open_catalog(b) as cb:
        for table in ("organizations", "projects", "project_participants"):
            sql = f"SELECT * FROM {table} ORDER BY 1, 2"
            assert [tuple(r) for r in ca.query(sql)] == [tuple(r) for r in cb.query(sql)]


def test_progress_goes_to_stderr_for_large_runs(tmp_path, capsys, monkeypatch):
    from belcat.cli import demo

    monkeypatch.setattr(demo, "PROGRESS_FROM", 300)
    assert main(["demo", "--db", str(tmp_path / "small.sqlite"), "--organizations", "100",
                 "--projects", "10"]) == 0
    assert capsys.readouterr().err == ""
    assert main(["demo", "--db", str(tmp_path / "d.sqlite"), "--organizations", "300",
                 "--projects", "10"]) == 0
    captured = capsys.readouterr()
    assert "organizations 300/300" in captured.err and "projects 10/10" in captured.err
    assert "300 organizations" in captured.out


@pytest.mark.parametrize("args, message", [
    (["--organizations", "-5", "--projects", "1"], "negative"),
    (["--organizations", "ten", "--projects", "1"], "not a whole number"),
    (["--organizations", "5"], "--projects"),
])
def test_bad_numbers_exit_2_and_create_nothing(tmp_path, capsys, args, message):
    path = tmp_path / "new.sqlite"
    with pytest.raises(SystemExit) as info:
        main(["demo", "--db", str(path), *args])
    assert info.value.code == 2
    assert message in capsys.readouterr().err
    assert not path.exists()


def test_projects_without_organizations_exit_2_and_create_nothing(tmp_path, capsys):
    path = tmp_path / "new.sqlite"
    assert main(["demo", "--db", str(path), "--organizations", "0", "--projects", "3"]) == 2
    assert "projects need organizations" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_wrong_file_is_refused_untouched(tmp_path, capsys):
    path = tmp_path / "notes.txt"
    path.write_text("not a catalog\n")
    assert main(["demo", "--db", str(path), "--organizations", "5", "--projects", "1"]) == 2
    assert "not a belcat catalog" in capsys.readouterr().err
    assert path.read_text() == "not a catalog\n"
    assert main(["demo", "--db", str(tmp_path), "--organizations", "5", "--projects", "1"]) == 2
    assert main(["demo", "--db", str(tmp_path / "no" / "x.sqlite"), "--organizations", "5",
                 "--projects", "1"]) == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


def test_catalog_with_records_is_refused_and_kept(tmp_path, capsys):
    from belcat.core import organizations

    path = tmp_path / "real.sqlite"
    with open_catalog(path) as cat:
        organizations.create(cat, {"name": "Гомсельмаш", "roles": ["enterprise"]})
    assert main(["demo", "--db", str(path), "--organizations", "5", "--projects", "1"]) == 2
    assert "already holds records" in capsys.readouterr().err
    assert _counts(path) == (1, 0, 1)
    assert path.exists()


@pytest.mark.parametrize("command", [["search", "а"], ["export", "--output", "-"]])
def test_output_read_only_in_part_ends_quietly(tmp_path, command):
    path = tmp_path / "demo.sqlite"
    assert main(["demo", "--db", str(path), "--organizations", "3000", "--projects", "0"]) == 0
    env = {**os.environ, "PYTHONPATH": os.getcwd()}
    reader = subprocess.Popen([sys.executable, "-m", "belcat", command[0], "--db", str(path), *command[1:]],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=tmp_path, env=env)
    first = reader.stdout.readline()  # like `| head -1`: read one line, close the pipe
    reader.stdout.close()
    stderr = reader.stderr.read().decode()
    reader.wait(timeout=60)
    assert first.strip() and stderr == "", stderr
