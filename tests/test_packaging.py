"""A wheel built from the tree carries what belcat needs at run time (the
starter catalog, the icon), and belcat installed from it, away from the
source tree, starts a new catalog from the starter data."""

import os
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _run(args, **kw):
    return subprocess.run([sys.executable, *map(str, args)], check=True, capture_output=True, text=True, **kw)


def test_a_wheel_carries_the_resources_and_starts_a_catalog(tmp_path):
    _run(["-m", "pip", "wheel", "-q", "--no-deps", "-w", tmp_path / "wheel", ROOT])
    wheel = next((tmp_path / "wheel").glob("belcat-*.whl"))
    packed = set(zipfile.ZipFile(wheel).namelist())
    shipped = [p.relative_to(ROOT / "resources").as_posix() for p in (ROOT / "resources").rglob("*") if p.is_file()]
    assert "starter/catalog.json" in shipped
    assert {f"belcat/_resources/{name}" for name in shipped} <= packed
    _run(["-m", "pip", "install", "-q", "--no-deps", "--target", tmp_path / "site", wheel])

    env = {k: v for k, v in os.environ.items() if k != "BELCAT_DB"}
    env.update(PYTHONPATH=str(tmp_path / "site"), HOME=str(tmp_path / "home"),
               XDG_DATA_HOME=str(tmp_path / "home" / "data"), QT_QPA_PLATFORM="offscreen")
    where = _run(["-c", "import belcat.resources as r; print(r.resource('starter'))"], cwd=tmp_path, env=env)
    assert Path(where.stdout.strip()) == tmp_path / "site" / "belcat" / "_resources" / "starter"
    catalog = tmp_path / "catalog.sqlite"
    _run(["-m", "belcat", "--db", catalog, "--screenshot", tmp_path / "window.png"], cwd=tmp_path, env=env)
    found = _run(["-m", "belcat", "search", "--db", catalog, "--kind", "enterprises", "завод"],
                 cwd=tmp_path, env=env)
    assert "Барановичский станкостроительный завод" in found.stdout
