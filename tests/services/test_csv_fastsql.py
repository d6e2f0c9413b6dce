"""The export's query (terms as literals, formula protection in SQL) gives
the very bytes of the straightforward one (a subquery per linked value,
every text cell protected in Python)."""

import csv
import io

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from belcat.core import listing
from belcat.core.catalog import open_catalog
from belcat.services.csv_columns import columns_for, is_text
from belcat.services.csv_export import ExportOptions, build_sql, export_csv, header_row
from belcat.services.csv_fastsql import MAX_CASE_BRANCHES, protected_sql
from belcat.services.csv_format import MULTI_SEPARATORS, PRESETS, neutralise

from tests.services.test_csv_import import TEXT, _fill, catalogs


def reference(catalog, options, **scope) -> bytes:
    """The straightforward export, written out in full."""
    preset = PRESETS[options.preset]
    sql, params = build_sql(options, **scope)
    columns = [c for c in columns_for(options.view) if c.key in options.columns]
    columns.sort(key=lambda c: options.columns.index(c.key))
    protect = preset.neutralise if options.neutralise is None else options.neutralise
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=preset.delimiter, lineterminator=preset.line_terminator)
    writer.writerow(header_row(options))
    for row in catalog.conn.execute(sql, params):
        writer.writerow([neutralise(v) if protect and is_text(c) and v else v
                         for c, v in zip(columns, row)])
    return out.getvalue().encode(preset.encoding)


def exported(catalog, options, **scope) -> bytes:
    out = io.BytesIO()
    export_csv(catalog, out, options, **scope)
    return out.getvalue()


def _odd_terms(catalog):
    """Terms as only SQL can write them: spaces and tabs around, separators
    and formula characters inside, an empty name; linked to every record."""
    names = [" \t-минус; точка ", "'=апостроф", "  ", "a | b, c\nd", "+плюс", "обычная"]
    with catalog.write():
        for n, name in enumerate(names):
            for kind in ("sector", "country"):
                catalog.conn.execute("INSERT INTO terms (kind, code, name_ru) VALUES (?, ?, ?)",
                                     [kind, f"odd{n}", name])
        catalog.conn.execute(
            "INSERT OR IGNORE INTO organization_terms SELECT o.id, t.id FROM organizations o, terms t "
            "WHERE t.code LIKE 'odd%' AND (o.id + t.id) % 3 = 0")
        catalog.conn.execute(
            "INSERT OR IGNORE INTO project_terms SELECT p.id, t.id FROM projects p, terms t "
            "WHERE t.code LIKE 'odd%' AND (p.id + t.id) % 2 = 0")
        catalog.conn.execute("INSERT OR IGNORE INTO organization_roles SELECT id, ' odd;role ' FROM organizations")


def _same(catalog, separator, neutralise_=None):
    for view in ("organizations", "projects"):
        keys = [c.key for c in columns_for(view)]
        for preset in PRESETS:
            for columns in ([], keys):
                options = ExportOptions(view, columns=columns, preset=preset, separator=separator,
                                        neutralise=neutralise_)
                assert exported(catalog, options) == reference(catalog, options), (view, preset)
        query = listing.ListQuery(view, sort_key=listing.VIEWS[view].columns[0].key, descending=True)
        options = ExportOptions(view, columns=keys)
        assert exported(catalog, options, query=query) == reference(catalog, options, query=query)
        ids = [r[0] for r in catalog.conn.execute(f"SELECT id FROM {listing.VIEWS[view].table} ORDER BY id DESC")]
        assert exported(catalog, options, ids=ids) == reference(catalog, options, ids=ids)


def test_same_bytes_on_awkward_text(filled):
    catalog, _ids = filled
    _odd_terms(catalog)
    for separator in MULTI_SEPARATORS.values():
        _same(catalog, separator)
    _same(catalog, "-", neutralise_=True)  # a separator that can start a formula
    _same(catalog, "; ", neutralise_=False)


def test_same_bytes_with_more_terms_than_literals(filled):
    catalog, _ids = filled
    with catalog.write():
        for n in range(MAX_CASE_BRANCHES + 1):
            catalog.conn.execute("INSERT INTO terms (kind, code, name_ru) VALUES ('sector', ?, ?)",
                                 [f"many{n}", f"=отрасль {n}"])
        catalog.conn.execute("INSERT OR IGNORE INTO organization_terms SELECT o.id, t.id FROM organizations o, "
                             "terms t WHERE t.code LIKE 'many%' AND (o.id + t.id) % 7 = 0")
    _same(catalog, "; ")


def test_protection_in_sql_matches_python(catalog):
    values = ["", "=1", "'=1", "''+x", "'", "''", "abc", "-", "@a", "\tx", "\rx", "'a", " =1", "\n=1"]
    for value in values:
        got = catalog.scalar(f"SELECT {protected_sql('?1')}", [value])
        assert got == neutralise(value), value
    assert catalog.scalar(f"SELECT {protected_sql('NULL')}") is None


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.too_slow])
@given(data=catalogs(), terms=st.lists(TEXT, max_size=4, unique=True),
       separator=st.sampled_from(list(MULTI_SEPARATORS.values())))
def test_same_bytes_on_hostile_catalogs(tmp_path_factory, data, terms, separator):
    folder = tmp_path_factory.mktemp("fast")
    with open_catalog(folder / "a.sqlite") as catalog:
        _fill(catalog, data)
        with catalog.write():
            for n, name in enumerate(terms):
                catalog.conn.execute("INSERT INTO terms (kind, code, name_ru) VALUES ('technology', ?, ?)",
                                     [f"h{n}", name])
            catalog.conn.execute("INSERT OR IGNORE INTO organization_terms SELECT o.id, t.id FROM "
                                 "organizations o, terms t WHERE t.code LIKE 'h%'")
        _same(catalog, separator)
