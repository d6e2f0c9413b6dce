"""Sources and indicators: written in a transaction, read back with their joins."""

import pytest

from belcat.core import projects, sources


def test_source_and_indicators_round_trip(catalog):
    sid = sources.create_source(
        catalog, {"title": "Статья", "publisher": "BelTA", "published_on": "2023-01-19"}
    )
    pid = projects.create_programme(catalog, {"name": "ГПИР", "kind": "state_innovation"})
    sources.create_indicator(
        catalog, {"name": "Доля", "value": 37.5, "unit": "%", "programme_id": pid, "source_id": sid}
    )
    sources.create_indicator(catalog, {"name": "Без программы", "value": None, "source_id": sid})
    assert [s["title"] for s in sources.sources(catalog)] == ["Статья"]
    every = sources.indicators(catalog)
    assert [i["name"] for i in every] == ["Доля", "Без программы"]
    assert every[0]["programme"] == "ГПИР"
    assert every[0]["source_title"] == "Статья"
    assert every[0]["source_published_on"] == "2023-01-19"
    assert [i["name"] for i in sources.indicators(catalog, pid)] == ["Доля"]


def test_indicator_without_name_is_rejected_and_rolled_back(catalog):
    with pytest.raises(Exception, match="NOT NULL"):
        sources.create_indicator(catalog, {"value": 1})
    assert catalog.scalar("SELECT count(*) FROM indicators") == 0
    assert not catalog.conn.in_transaction


def test_deleting_a_source_keeps_the_indicator(catalog):
    sid = sources.create_source(catalog, {"title": "Статья"})
    sources.create_indicator(catalog, {"name": "Цифра", "value": 1, "source_id": sid})
    with catalog.write():
        catalog.conn.execute("DELETE FROM sources WHERE id = ?", [sid])
    assert sources.indicators(catalog)[0]["source_id"] is None
