import subprocess
import sys


def test_core_and_services_import_no_qt():
    code = (
        "import pkgutil, importlib, sys, belcat.core, belcat.services\n"
        "for pkg in (belcat.core, belcat.services):\n"
        "    for m in pkgutil.iter_modules(pkg.__path__):\n"
        "        importlib.import_module(pkg.__name__ + '.' + m.name)\n"
        "import belcat.cli\n"
        "print(sorted(m for m in sys.modules if m.startswith('PySide6')))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_importing_creates_no_files(tmp_path):
    code = "import belcat.core.catalog, belcat.services.catalog_setup, belcat.cli"
    env = {"HOME": str(tmp_path), "XDG_DATA_HOME": str(tmp_path / "data"), "PATH": "/usr/bin:/bin"}
    subprocess.run([sys.executable, "-c", code], env=env, check=True, cwd=tmp_path)
    assert list(tmp_path.iterdir()) == []
