"""build_query: language-aware matching, ranking, syntax, safety."""

import os
import zlib

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from belcat.core import index_texts, listing, organizations, projects, search, search_index
from belcat.core.textnorm import fold, translit


def found(cat, view, text, facets=None):
    return search.search_ids(cat, view, text, facets)


def names(cat, ids):
    return [cat.scalar("SELECT coalesce(name, '') FROM organizations WHERE id = ?", [i]) for i in ids]


@pytest.mark.parametrize(
    "text, key",
    [
        ("Беларуськалий", "kali"), ("Беларуськалій", "kali"), ("Belaruskali", "kali"),
        ("беларуськалий", "kali"), ("BELARUSKALI", "kali"), ("belarusk", "kali"),
        ("МТЗ", "mtz"), ("MTZ", "mtz"), ("мтз", "mtz"), ("mtz", "mtz"),
        ("Гомсельмаш", "gomselmash"), ("Gomselmash", "gomselmash"), ("гомсель", "gomselmash"),
        ("ujvctkmvfi", "gomselmash"),  # Гомсельмаш typed in the Latin layout
        ("Солигорск", "kali"), ("Saligorsk", "kali"),
        ("Минский тракторный", "mtz"), ("тракт завод", "mtz"), ("Мінскі трактарны", "mtz"),
        ("Технософт", "robo"), ("tekhnosoft", "robo"), ("Tehnosoft", "robo"),
        ("емкость", "robo"), ("ёмкость", "robo"),  # ё = е
        ("IT Solutions", "it"), ("айти", "it"),
        ("Витебская", "it"), ("Віцебская", "it"), ("vitebsk", "it"),
        ("зерноуборочных", "gomselmash"),
    ],
)
def test_finds_records_in_any_script(shared_search_catalog, text, key):
    cat, ids = shared_search_catalog
    assert ids[key] in found(cat, "organizations", text)


@pytest.mark.parametrize(
    "text, key",
    [("Гомсельмаш", "welding"), ("Belaruskali", "potash"), ("ГПИР", "welding"),
     ("State Programme", "welding"), ("Гомель", "welding"), ("Солигорск", "potash"),
     ("робот", "welding"), ("цифр рудн", "potash"), ("tsifrovoi", "potash")],
)
def test_projects_find_linked_names_programme_and_places(shared_search_catalog, text, key):
    cat, ids = shared_search_catalog
    assert ids[key] in found(cat, "projects", text)


def test_prefix_matches_word_start_only(shared_search_catalog):
    cat, ids = shared_search_catalog
    robot = found(cat, "organizations", "робот")
    assert ids["lab"] in robot and ids["robo"] in robot and ids["it"] in robot
    assert ids["kali"] not in robot
    assert found(cat, "organizations", "оботех") == []  # not a word start


def test_all_words_must_match(shared_search_catalog):
    cat, ids = shared_search_catalog
    assert found(cat, "organizations", "робот Витебск") == [ids["it"]]


def test_ranking_names_before_descriptions(shared_search_catalog):
    cat, ids = shared_search_catalog
    result = found(cat, "organizations", "робот")
    # the name starting with the word comes before mentions in sectors/descriptions
    assert result[0] == ids["lab"]
    assert result.index(ids["lab"]) < result.index(ids["it"])
    # exact name (any form, legal form aside) first
    assert found(cat, "organizations", "ОАО Беларуськалий")[0] == ids["kali"]
    mtz = found(cat, "organizations", "МТЗ")
    assert mtz[0] == ids["mtz"]


def test_view_limits_result(shared_search_catalog):
    cat, ids = shared_search_catalog
    assert found(cat, "residents", "робот") == sorted(
        found(cat, "residents", "робот"), key=lambda i: found(cat, "residents", "робот").index(i))
    assert ids["gomselmash"] not in found(cat, "residents", "")
    assert set(found(cat, "enterprises", "робот")) <= {ids["gomselmash"], ids["mtz"]}


@pytest.mark.parametrize(
    "text, present, absent",
    [
        ('"сварочные роботы"', ["robo"], ["gomselmash"]),
        ('"роботы сварочные"', [], ["robo"]),
        ("робот -витебск", ["robo", "lab"], ["it"]),
        ('робот -"IT Solutions"', ["robo"], ["it"]),
        ("sector:робот", ["robo", "lab"], ["it", "gomselmash"]),
        ("sector:программное-обеспечение", ["it"], ["robo"]),  # a term's code
        ("отрасль:Робототехника", ["robo", "lab"], ["it"]),
        ("region:Гомельская", ["gomselmash"], ["mtz", "robo"]),
        ("city:Минск", ["mtz", "robo", "lab"], ["gomselmash"]),
        ("technology:сварка", ["gomselmash"], ["robo"]),
        ("country:Казахстан", ["robo"], ["mtz"]),
        ("name:робот", ["lab"], ["robo", "it"]),
        ("role:resident", ["robo", "it", "lab"], ["mtz"]),
        ("role:research", ["lab"], ["robo"]),
        ("-role:resident", ["mtz", "kali"], ["robo"]),
        ("partner:МТЗ", ["robo"], ["gomselmash"]),
        ("role:nonsense", [], ["robo", "mtz"]),
        ("foo:bar", [], ["robo"]),  # unknown field: plain words
    ],
)
def test_advanced_syntax(shared_search_catalog, text, present, absent):
    cat, ids = shared_search_catalog
    result = found(cat, "organizations", text)
    for k in present:
        assert ids[k] in result, (text, k)
    for k in absent:
        assert ids[k] not in result, (text, k)


@pytest.mark.parametrize(
    "text, present, absent",
    [("status:completed", ["potash"], ["welding"]), ("status:in", ["welding"], ["potash"]),
     ("year:2024", ["welding"], ["potash"]), ("year:2020", ["potash"], ["welding"]),
     ("programme:ГПИР", ["welding"], ["potash"]), ("-status:completed", ["welding"], ["potash"])],
)
def test_project_fields(shared_search_catalog, text, present, absent):
    cat, ids = shared_search_catalog
    result = found(cat, "projects", text)
    for k in present:
        assert ids[k] in result
    for k in absent:
        assert ids[k] not in result


NASTY = ['"', "'", '""', '"робот', 'робот"', "AND", "OR", "NOT", "робот AND", "NEAR(a b)",
         "(", ")", "()", "*", "^", "-", "--", "- -", "+", ":", "sector:", ":робот", "a:b:c",
         "{name}: x", "col:", "'; DROP TABLE organizations; --", "%", "_", "\\", "\x00", "\x1b[31m",
         "\u202e", "😀", "🏭 завод", "a" * 5000, "робот " * 300, "\t\n", "ё", "й", "№ 5",
         "Hi-Tech", "C++", "e-mail@x.by", "http://x.by", "1.2.3", "-\"\"", "\"\"*", "x*", "^робот"]


@pytest.mark.parametrize("text", NASTY)
def test_any_text_is_safe(shared_search_catalog, text):
    cat, _ids = shared_search_catalog
    for view in listing.VIEWS:
        found(cat, view, text)
        listing.count(cat, search.build_query(view, text))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=80))
def test_no_text_breaks_search(shared_search_catalog, text):
    cat, _ids = shared_search_catalog
    for view in ("organizations", "projects"):
        found(cat, view, text)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(['"', "-", ":", "(", ")", "*", "AND", "OR", "NOT", "sector", "робот",
                                 "MTZ", "ё", " ", "^", "{", "}", "year", "2024"]), max_size=12))
def test_no_combination_of_operators_breaks_search(shared_search_catalog, parts):
    cat, _ids = shared_search_catalog
    found(cat, "organizations", "".join(parts))
    found(cat, "projects", " ".join(parts))


def test_parse_items():
    p = search.parse('робот "Exact Phrase" -мтз sector:IT city:"Минск район" foo:bar')
    kinds = [(i.words, i.phrase, i.negative, i.field) for i in p.items]
    assert kinds == [
        (["робот"], False, False, None),
        (["exact", "phrase"], True, False, None),
        (["мтз"], False, True, None),
        (["it"], False, False, "sector"),
        (["минск", "раион"], True, False, "place"),
        (["foo"], False, False, None),
        (["bar"], False, False, None),
    ]


def test_user_text_is_always_quoted():
    q = search.build_query("organizations", 'a" OR NEAR(x) NOT {keys}: *')
    match = q.clauses[0][1][0]
    for word in ("OR", "NEAR", "NOT"):
        assert f" {word} " not in match.replace(" OR ", " ") or word == "OR"
    assert "{keys}" not in match


def test_huge_results_are_ordered_by_name(search_catalog, monkeypatch):
    cat, _ids = search_catalog
    monkeypatch.setattr(search, "RANK_LIMIT", 2)
    q = search.plan(cat, search.build_query("organizations", "м"))
    assert q.rank_sql is None
    result = listing.ids(cat, q)
    assert [n.casefold() for n in names(cat, result)] == sorted(n.casefold() for n in names(cat, result))


def test_index_follows_core_writes(search_catalog):
    cat, ids = search_catalog
    organizations.update(cat, ids["mtz"], {"name": "Минский тракторный завод имени Ленина"})
    assert found(cat, "organizations", "Ленина")[0] == ids["mtz"]
    assert ids["robo"] in found(cat, "organizations", "Ленина")  # its partner names it
    organizations.update(cat, ids["robo"], {"name": "Роботех"})
    # the project that lists it as participant finds it under its new name
    assert found(cat, "projects", "Роботех") == [ids["welding"]]
    assert found(cat, "organizations", "Технософт") == []
    projects.update(cat, ids["welding"], {"participants": [{"org_id": ids["kali"], "role": "customer"}]})
    assert ids["kali"] in found(cat, "organizations", "рам")  # the project's title now links to it
    assert ids["gomselmash"] not in found(cat, "organizations", "Роботизированная")
    projects.delete(cat, ids["welding"])
    assert found(cat, "projects", "Роботизированная") == []
    assert ids["kali"] not in found(cat, "organizations", "Роботизированная")
    organizations.delete(cat, ids["kali"])
    assert found(cat, "organizations", "Belaruskali") == []
    assert ids["potash"] not in found(cat, "projects", "Belaruskali")
    # the contentless index really lost the old tokens (not only the matches)
    cat.conn.execute("CREATE VIRTUAL TABLE temp.terms_org USING fts5vocab(main, search_org, 'row')")
    assert cat.scalar("SELECT count(*) FROM temp.terms_org WHERE term = 'технософт'") == 0
    assert cat.scalar("SELECT count(*) FROM temp.terms_org WHERE term = 'belaruskali'") == 0
    assert cat.scalar("SELECT count(*) FROM temp.terms_org WHERE term = 'роботех'") == 1
    for table in search_index.TABLES.values():
        cat.conn.execute(f"INSERT INTO {table} ({table}) VALUES ('integrity-check')")


def test_records_whose_text_an_earlier_version_packed_with_zlib_are_reindexed(search_catalog):
    cat, ids = search_catalog
    with cat.write():
        old = cat.conn.execute("SELECT id, packed FROM search_org_text").fetchall()
        unpack = search_index._unpacker()
        for rid, packed in old:
            repacked = zlib.compress(search_index.SEP.join(unpack(packed)).encode(), 1)
            cat.conn.execute("UPDATE search_org_text SET packed = ? WHERE id = ?", [repacked, rid])
    organizations.update(cat, ids["mtz"], {"name": "Минский завод колёсных тягачей"})
    assert found(cat, "organizations", "тягачей")[0] == ids["mtz"]
    assert cat.scalar("SELECT packed FROM search_org_text WHERE id = ?", [ids["mtz"]])[:4] \
        == search_index._ZSTD_MAGIC
    # the old tokens really left the contentless index: it equals one built afresh
    cat.conn.execute("CREATE VIRTUAL TABLE temp.org_terms USING fts5vocab(main, search_org, 'row')")
    after_update = cat.conn.execute("SELECT term, doc, cnt FROM temp.org_terms ORDER BY term").fetchall()
    with cat.write():
        search_index.rebuild(cat)
    assert cat.conn.execute("SELECT term, doc, cnt FROM temp.org_terms ORDER BY term").fetchall() == after_update


def test_write_rebuilds_an_index_of_an_older_layout(search_catalog):
    cat, ids = search_catalog
    with cat.write():
        cat.conn.execute("UPDATE settings SET value = '0' WHERE key = ?", [search_index.VERSION_KEY])
    organizations.update(cat, ids["mtz"], {"name": "Минский тракторный завод имени Ленина"})
    assert search_index.is_current(cat)
    assert found(cat, "organizations", "Ленина")[0] == ids["mtz"]


def test_rebuild_gives_same_results(search_catalog):
    cat, _ids = search_catalog
    before = {t: found(cat, "organizations", t) for t in ("робот", "MTZ", "минск", "г")}
    with cat.write():
        search_index.rebuild(cat)
    assert {t: found(cat, "organizations", t) for t in before} == before
    assert search_index.is_current(cat)


def _index_snapshot(cat):
    return {t: cat.conn.execute(f"SELECT id, packed FROM {t}_text ORDER BY id").fetchall()
            for t in search_index.TABLES.values()}


def test_rebuilding_one_kind_leaves_the_other_alone_unless_the_layout_is_old(search_catalog):
    cat, ids = search_catalog
    assert ids["mtz"] not in found(cat, "organizations", "Жлобин")
    with cat.write():  # written behind the index's back: only a rebuild sees it
        cat.conn.execute("UPDATE organizations SET city = 'Жлобин' WHERE id = ?", [ids["mtz"]])
        cat.conn.execute("UPDATE projects SET title = 'Жлобинский проект' WHERE id = (SELECT min(id) FROM projects)")
        search_index.rebuild(cat, kinds=["organization"])
    assert ids["mtz"] in found(cat, "organizations", "Жлобин")
    assert list(search_index.stale(cat)) == ["project"]
    with cat.write():
        cat.conn.execute("UPDATE settings SET value = '0' WHERE key = ?", [search_index.VERSION_KEY])
        search_index.rebuild(cat, kinds=["organization"])
    assert search_index.stale(cat) == {} and search_index.is_current(cat)


def test_rebuild_folding_in_a_second_process_writes_the_same_index(search_catalog, monkeypatch):
    cat, _ids = search_catalog
    with cat.write():
        search_index.rebuild(cat)
    serial = _index_snapshot(cat)
    results = {t: found(cat, "organizations", t) for t in ("робот", "MTZ", "минск", "г")}
    monkeypatch.setattr(search_index, "PARALLEL_MIN", 0)
    monkeypatch.setattr(search_index, "CHUNK", 2)  # several chunks in flight
    with cat.write():
        search_index.rebuild(cat)
    assert _index_snapshot(cat) == serial
    assert {t: found(cat, "organizations", t) for t in results} == results
    for table in search_index.TABLES.values():
        cat.conn.execute(f"INSERT INTO {table} ({table}) VALUES ('integrity-check')")


_PARENT = os.getpid()
_FOLD = search_index._fold_chunk


def _fold_dying_in_a_child(texts, terms):
    if os.getpid() != _PARENT:
        os._exit(1)
    return _FOLD(texts, terms)


@pytest.mark.parametrize("parallel_min", [0, 10**9])
def test_rebuild_reports_its_progress(search_catalog, monkeypatch, parallel_min):
    cat, _ids = search_catalog
    monkeypatch.setattr(search_index, "PARALLEL_MIN", parallel_min)
    monkeypatch.setattr(search_index, "CHUNK", 2)
    reports = []
    with cat.write():
        search_index.rebuild(cat, lambda done, total: reports.append((done, total)))
    records = cat.scalar("SELECT count(*) FROM organizations") + cat.scalar("SELECT count(*) FROM projects")
    assert len(reports) > 2
    assert [d for d, _ in reports] == sorted(d for d, _ in reports)
    assert reports[-1] == (records, records) and {t for _, t in reports} == {records}


def test_rebuild_folds_the_rest_itself_when_the_second_process_dies(search_catalog, monkeypatch):
    cat, _ids = search_catalog
    with cat.write():
        search_index.rebuild(cat)
    serial = _index_snapshot(cat)
    monkeypatch.setattr(search_index, "_fold_chunk", _fold_dying_in_a_child)
    monkeypatch.setattr(search_index, "PARALLEL_MIN", 0)
    monkeypatch.setattr(search_index, "CHUNK", 2)
    with cat.write():
        search_index.rebuild(cat)
    assert _index_snapshot(cat) == serial


@pytest.mark.parametrize(
    "arg, expected",
    [("sector=robotics", ("sector", "robotics", False)), ("region=-gomel", ("region", "gomel", True)),
     (" status = completed ", ("status", "completed", False))],
)
def test_parse_facet_arg(arg, expected):
    assert search.parse_facet_arg(arg) == expected


@pytest.mark.parametrize("arg", ["sector", "=x", "sector=", "sector=-", "nosuch=1", ""])
def test_parse_facet_arg_refuses(arg):
    with pytest.raises(ValueError):
        search.parse_facet_arg(arg)


@pytest.mark.parametrize("text", ["м", "а", "ооо", "г -минск", "ит"])
@pytest.mark.parametrize("view", ["organizations", "residents", "projects"])
def test_first_page_by_probing_equals_the_full_result(search_catalog, monkeypatch, view, text):
    cat, _ids = search_catalog
    monkeypatch.setattr(search, "RANK_LIMIT", 1)
    expected = search.search_ids(cat, view, text)
    monkeypatch.setattr(search, "_dense", lambda catalog, query, limit=200: True)
    for limit in (1, 2, 500):
        planned, ids, complete = search.first_page(cat, search.build_query(view, text), limit)
        assert ids == expected[:limit]
        assert complete == (len(expected) <= limit)


@pytest.mark.parametrize("text", ["минск", "т", "г", "о"])
@pytest.mark.parametrize("view", ["organizations", "residents", "projects"])
def test_first_page_of_many_matches_walked_in_name_order_equals_the_full_result(
        search_catalog, monkeypatch, view, text):
    cat, _ids = search_catalog
    monkeypatch.setattr(search, "RANK_LIMIT", 1)
    monkeypatch.setattr(search, "WALK_FACTOR", 0)
    monkeypatch.setattr(search, "_dense", lambda catalog, query, limit=200: False)
    expected = search.search_ids(cat, view, text)
    assert len(expected) >= 2
    for limit in (1, 2, 500):
        planned, ids, complete = search.first_page(cat, search.build_query(view, text), limit)
        assert planned.name_walk
        assert ids == expected[:limit]
        assert complete == (len(expected) <= limit)


def test_probing_only_for_terms_read_in_one_step():
    assert search._cheap_to_probe('("м"* OR "m"*) AND "завод"')
    assert search._cheap_to_probe('{name name_t}: ("роб"* OR "rab"*)')
    assert not search._cheap_to_probe('("минск"* OR "minsk"*)')
    assert search._cheap_to_probe('"a""b"*')


def test_probing_tests_role_views_per_record():
    where = listing.where_sql(search.build_query("residents", "м"))[0]
    assert "organization_roles x WHERE x.org_id = r.id AND x.role = 'resident'" in search._per_row_view(where)


def test_an_index_of_an_older_normalisation_is_rebuilt_when_the_catalog_opens(tmp_path):
    from belcat.core.catalog import open_catalog

    path = tmp_path / "old-index.sqlite"
    with open_catalog(path) as cat:
        organizations.create(cat, {"name": "Гомсельмаш", "roles": ["enterprise"]})
        with cat.write():
            cat.conn.execute("UPDATE settings SET value = 'old' WHERE key = ?", [search_index.VERSION_KEY])
        assert not search_index.is_current(cat)
    with open_catalog(path) as cat:
        assert search_index.is_current(cat)
        assert len(search.search_ids(cat, "organizations", "Gomselmash", {})) == 1


def test_texts_gathered_for_a_run_of_records_or_for_scattered_ones_are_the_same(search_catalog):
    cat, _ids = search_catalog
    for kind, table in (("organization", "organizations"), ("project", "projects")):
        ids = [r[0] for r in cat.conn.execute(f"SELECT id FROM {table} ORDER BY id")]
        run = {t[0]: t for t in index_texts.TEXTS[kind](cat.conn, ids)}  # one range
        assert sorted(run) == ids
        for scattered in (ids[::2], ids[1::2]):  # gaps: a list of ids
            assert [run[i] for i in scattered] == index_texts.TEXTS[kind](cat.conn, scattered)
        assert any(t[5].strip() for t in run.values())  # links and aliases were gathered


_name_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=20)


@given(name=_name_text, legal_form=_name_text,
       unp=st.one_of(st.none(), st.from_regex(r"[0-9]{1,12}", fullmatch=True), _name_text))
@settings(max_examples=300)
def test_an_organizations_name_columns_are_its_name_legal_form_and_unp_folded(name, legal_form, unp):
    texts = [(1, legal_form, unp, "", None, "", "", "", name + index_texts.NAMES_SEP)]
    row = search_index._rows({}, texts)[0]
    whole = f"{name} {legal_form} {unp or ''}"
    assert row[1:3] == (fold(whole), translit(whole))


@pytest.mark.parametrize("text", ["zzzzzzzz", "bbbbbbbbbb", "a" * 2000, "ёёёёёё"])
def test_a_word_of_one_repeated_letter_does_not_match_everything(shared_search_catalog, text):
    cat, _ids = shared_search_catalog
    assert found(cat, "organizations", text) == []
