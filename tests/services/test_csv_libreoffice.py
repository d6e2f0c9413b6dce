"""Exported files as LibreOffice Calc reads them: every cell intact (Cyrillic,
Belarusian letters, emoji, quotes, separators and line breaks inside
fields), one record per row, formula-like cells shown as text.

Needs ``soffice`` (Debian: apt-get install libreoffice-calc-nogui); skipped
when it is not installed."""

import csv
import shutil
import subprocess

import pytest

from belcat.core import organizations
from belcat.services.csv_columns import all_keys
from belcat.services.csv_export import ExportOptions, export_csv

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = pytest.mark.skipif(
    SOFFICE is None, reason="LibreOffice (soffice) is not installed: "
                            "apt-get install -y --no-install-recommends libreoffice-calc-nogui")

# LibreOffice's CSV filter options: separator (as a character code), text
# delimiter ("), character set (76 = UTF-8), first line.
FILTERS = {"excel": "59,34,76,1", "rfc4180": "44,34,76,1"}


def through_libreoffice(path, preset, tmp_path):
    """The cells LibreOffice reads from ``path``, written out again as plain CSV."""
    out = tmp_path / "lo-out"
    profile = (tmp_path / "lo-profile").as_uri()
    subprocess.run(
        [SOFFICE, f"-env:UserInstallation={profile}", "--headless",
         f"--infilter=CSV:{FILTERS[preset]}",
         "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1", "--outdir", str(out), str(path)],
        check=True, capture_output=True, timeout=120)
    with open(out / path.name, encoding="utf-8", newline="") as fh:
        return list(csv.reader(fh))


@pytest.mark.parametrize("preset", ["excel", "rfc4180"])
def test_libreoffice_reads_every_cell(filled, tmp_path, preset):
    catalog, _ = filled
    organizations.create(catalog, {
        "name": 'Кавычки "внутри"; точка с запятой, запятая', "roles": ["resident"],
        "description": "строка 1\r\nстрока 2\nстрока 3 — ў і ё 😀", "products": "-5",
        "aliases": ["@handle", "Ўладзімір"], "city": "Мінск"})
    path = tmp_path / f"organizations-{preset}.csv"
    columns = [k for k in all_keys("organizations") if k != "is_demo"]
    count = export_csv(catalog, path, ExportOptions("organizations", columns=columns, preset=preset))
    with open(path, encoding="utf-8-sig", newline="") as fh:
        ours = list(csv.reader(fh, delimiter=";" if preset == "excel" else ","))
    theirs = through_libreoffice(path, preset, tmp_path)
    assert len(theirs) == count + 1  # one record per row
    # A line break inside a cell is one character in a spreadsheet: CRLF becomes LF.
    assert theirs == [[c.replace("\r\n", "\n") for c in row] for row in ours]
    text = "\n".join(",".join(r) for r in theirs)
    for word in ("Гомсельмаш", "Тэхнасофт ўі 😀", "строка 1\nстрока 2\nстрока 3 — ў і ё 😀", "'=HYPERLINK", "'-5"):
        assert word in text
