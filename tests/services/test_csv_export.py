"""CSV export: what the file holds in each preset, which records, streaming
with progress and Cancel, and no half-written file under the chosen name."""

import csv
import io

import pytest

from belcat.core import listing
from belcat.services.csv_columns import all_keys, default_keys
from belcat.services.csv_export import ExportCancelled, ExportOptions, export_csv


def read(path, encoding="utf-8-sig", delimiter=";"):
    with open(path, encoding=encoding, newline="") as fh:
        return list(csv.reader(fh, delimiter=delimiter))


def test_excel_preset(filled, tmp_path):
    catalog, _ = filled
    path = tmp_path / "orgs.csv"
    n = export_csv(catalog, path, ExportOptions("organizations", columns=all_keys("organizations")))
    assert n == 3
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert raw.count(b"\r\n") >= 4  # records end in CRLF
    rows = read(path)
    assert len(rows) == 4 and all(len(r) == len(rows[0]) for r in rows)
    header = rows[0]
    assert header[:3] == ["Название", "Полное наименование", "Название по-белорусски"]
    gomselmash = dict(zip(header, rows[1]))
    assert gomselmash["Название"] == "Гомсельмаш"
    assert gomselmash["Телефон"] == "'+375 232 59-12-12"
    assert gomselmash["Описание"].startswith("'=HYPERLINK")
    assert "\nвторая строка; \"кавычки\", запятая" in gomselmash["Описание"]
    assert gomselmash["Резидент ПВТ с"] == "01.05.2019"
    assert gomselmash["Другие названия"] == "Gomselmash; ГСМ;; завод"
    assert gomselmash["Регион"] == "Гомельская область"
    # Coded values in Russian, as the headers are; RFC 4180 keeps the codes.
    # A link's details follow " — "; a dash inside them is written twice.
    assert gomselmash["Связи"] == "Внедрила продукцию: Тэхнасофт ўі 😀 — Система —— «Зрение», v2;; сварка"
    assert gomselmash["Роли"] == "Предприятие"


def test_rfc4180_preset(filled, tmp_path):
    catalog, _ = filled
    path = tmp_path / "projects.csv"
    export_csv(catalog, path, ExportOptions("projects", preset="rfc4180", columns=all_keys("projects")))
    raw = path.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")
    rows = read(path, "utf-8", ",")
    row = dict(zip(rows[0], rows[1]))
    assert row["title"] == "Роботизированная сварка"
    assert row["budget"] == "1234.5"
    assert row["pilot_started_on"] == "2022-03-15"
    assert row["participants"] == ("customer: Гомсельмаш (УНП 400069905); "
                                   'developer: Тэхнасофт ўі 😀 — сварочный робот —— в цехе №2;; "прототип"')
    assert row["programme"] == "ГПИР 2021–2025"


def test_excel_numbers_use_a_decimal_comma(filled, tmp_path):
    catalog, _ = filled
    path = tmp_path / "p.csv"
    export_csv(catalog, path, ExportOptions("projects", columns=["title", "budget", "pilot_started_on"]))
    assert read(path)[1] == ["Роботизированная сварка", "1234,5", "15.03.2022"]


def test_protection_can_be_switched_off(filled, tmp_path):
    catalog, _ = filled
    path = tmp_path / "o.csv"
    export_csv(catalog, path, ExportOptions("organizations", preset="rfc4180", columns=["phone"], neutralise=False))
    assert "+375 232 59-12-12" in [r[0] for r in read(path, "utf-8", ",")]


def test_default_columns_and_unknown_column(filled):
    assert ExportOptions("residents").columns == default_keys("residents")
    with pytest.raises(ValueError, match="unknown column"):
        ExportOptions("organizations", columns=["name", "nonsense"])
    with pytest.raises(ValueError, match="preset"):
        ExportOptions("organizations", preset="xls")


def test_scopes_query_and_ids(filled, tmp_path):
    catalog, ids = filled
    path = tmp_path / "o.csv"
    query = listing.ListQuery("organizations", sort_key="name", descending=True)
    export_csv(catalog, path, ExportOptions("organizations", columns=["name"]), query=query)
    names = [r[0] for r in read(path)[1:]]
    assert names == [listing.rows(catalog, query.spec, [i])[i][0] for i in listing.ids(catalog, query)]
    residents = listing.ListQuery("residents")
    export_csv(catalog, path, ExportOptions("residents", columns=["name"]), query=residents)
    assert [r[0] for r in read(path)[1:]] == ["Тэхнасофт ўі 😀"]
    export_csv(catalog, path, ExportOptions("organizations", columns=["name"]), ids=[ids["mtz"], ids["gomselmash"]])
    assert [r[0] for r in read(path)[1:]] == ["Минский тракторный завод", "Гомсельмаш"]


def test_stream_output(filled):
    catalog, _ = filled
    out = io.BytesIO()
    export_csv(catalog, out, ExportOptions("projects", preset="rfc4180", columns=["title", "status"]))
    assert out.getvalue().decode() == "title,status\r\nРоботизированная сварка,in_progress\r\n"


def test_progress_and_cancel_leave_the_old_file(filled, tmp_path, monkeypatch):
    catalog, _ = filled
    monkeypatch.setattr("belcat.services.csv_export.PAGE", 1)
    (tmp_path / "out").mkdir()
    path = tmp_path / "out" / "o.csv"
    path.write_text("old content")
    seen = []
    with pytest.raises(ExportCancelled):
        export_csv(catalog, path, ExportOptions("organizations"),
                   progress=lambda done, total: seen.append((done, total)),
                   cancelled=lambda: len(seen) > 2)
    assert seen[:3] == [(0, 3), (1, 3), (2, 3)]
    assert path.read_text() == "old content"
    assert sorted(p.name for p in path.parent.iterdir()) == ["o.csv"]


def test_failure_half_way_leaves_nothing(filled, tmp_path, monkeypatch):
    catalog, _ = filled
    monkeypatch.setattr("belcat.services.csv_export.PAGE", 1)
    (tmp_path / "out").mkdir()
    path = tmp_path / "out" / "o.csv"

    def boom(done, total):
        if done == 2:
            raise OSError(28, "No space left on device")
    with pytest.raises(OSError):
        export_csv(catalog, path, ExportOptions("organizations"), progress=boom)
    assert list(path.parent.iterdir()) == []


def test_missing_folder_is_refused(filled, tmp_path):
    catalog, _ = filled
    with pytest.raises(FileNotFoundError):
        export_csv(catalog, tmp_path / "no" / "o.csv", ExportOptions("organizations"))


def test_file_mode_follows_umask(filled, tmp_path):
    catalog, _ = filled
    path = tmp_path / "o.csv"
    export_csv(catalog, path, ExportOptions("organizations"))
    assert path.stat().st_mode & 0o044  # readable by others as any new file is, not 0600
