"""The fast paths of loading and printing give the same answers as the slow ones, and memory stays bounded.

Speed itself is measured in bench/build.py (no timed tests here): these tests hold what makes the speed safe.
libyaml composes the nodes (the pure-Python composer took 3.2 s of the 5.4 s validating a 1,000-card file), and
must give the same data, line marks and problems; fastjsonschema may only say "valid" where jsonschema finds
nothing; the QR cache, which grew 12.6 MB per 1,000 cards, is bounded.
"""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
import yaml

from cardengine.decks import yaml_fast as yamlfast
from cardengine.decks import yaml_source as yamlsource
from cardengine.decks.schema_fast import is_surely_valid
from cardengine.printing import qr

ROOT = Path(__file__).resolve().parent.parent
BUNDLED = sorted((ROOT / "decks").glob("*.yaml")) + sorted((ROOT / "layouts").glob("*.yaml"))

# Files that break every rule the reader has: each must read the same with and without libyaml.
HOSTILE = {
    "syntax": "id: x\ncards: [a, b\n",
    "tab": "id: x\n\tcards: []\n",
    "colon": "title: a: b\n",
    "two documents": "a: 1\n---\nb: 2\n",
    "empty": "",
    "comment only": "# nothing\n",
    "deep flow": "a: " + "[" * 60 + "]" * 60 + "\n",
    "deep block": "".join("  " * i + f"k{i}:\n" for i in range(45)) + "  " * 45 + "v\n",
    "deep 1,000 levels": "[" * 1200,
    "alias at the limit": "a: &a x\nb: " + "[" * 39 + "*a" + "]" * 39 + "\n",
    "recursive alias": "a: &a [1, *a]\n",
    "undefined alias": "a: *nowhere\n",
    "bomb": "a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
            "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n",
    "duplicate key": "a: 1\nb: 2\na: 3\n",
    "merge": "base: &b {x: 1, y: 2}\nc:\n  <<: *b\n  y: 3\n",
    "bad merge": "c:\n  <<: [1, 2]\n",
    "long int": "n: " + "9" * 40 + "\n",
    "not finite": "n: .inf\nm: .nan\n",
    "timestamp": "d: 2024-05-01\n",
    "tag": "x: !!python/object:os.system echo\ny: !custom 1\n",
    "binary": "x: !!binary aGVsbG8=\n",
    "list key": "? [a, b]\n: 1\n",
    "int key": "1: a\n",
    "control in escape": 'x: "a\\x07b"\n',
    "unicode columns": "é: 'ü'\nà: [\"𝄞\", ok]\nbad: [𝄞, ]x\n",
    "line separators": "a: x\u2028y\nb: [1,\n  2]\nc: {d\n",
    "crlf": "a: 1\r\nb: [2,\r\n 3]\r\nc: 'x\r\n  y'\r\n",
    "bom and quotes": "\ufeffa: 'it''s'\nb: \"\\u00e8\"\n",
    "anchors everywhere": "a: &x {k: &y [1, &z 2]}\nb: *x\nc: *y\nd: *z\n",
}


def read(path: Path, fast: bool, monkeypatch: pytest.MonkeyPatch):
    with monkeypatch.context() as m:
        if not fast:
            m.setattr(yamlfast, "_LOADER", None)
        return yamlsource.read_yaml(path)


def same(a, b) -> None:
    (doc_a, problems_a), (doc_b, problems_b) = a, b
    assert problems_a == problems_b
    assert (doc_a is None) == (doc_b is None)
    if doc_a is not None:
        assert doc_a.data == doc_b.data
        assert doc_a.positions == doc_b.positions


def test_this_machine_composes_with_libyaml() -> None:
    """PyYAML's wheels carry libyaml; without it validating a 1,000-card deck takes 5 s again (bench/build.py)."""
    if not yaml.__with_libyaml__:
        pytest.skip("PyYAML was built without libyaml here: the pure-Python composer is used (same answers)")
    assert yamlfast.compose_fast("a: [1, 2]\n", yamlsource.MAX_DEPTH) is not None


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.name)
def test_bundled_files_read_the_same_with_libyaml(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every value and every key of every bundled deck, criteria and layout file: same value, same line and
    column, whichever composer made the nodes."""
    fast, slow = read(path, True, monkeypatch), read(path, False, monkeypatch)
    same(fast, slow)
    assert fast[0] is not None and len(fast[0].positions.values) > 10


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_files_read_the_same_with_libyaml(name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Syntax errors, deep nesting, aliases (recursive, at the depth limit, a bomb), tags, odd keys and numbers:
    the same problems at the same places, worded the same, with and without libyaml."""
    path = tmp_path / "deck.yaml"
    path.write_bytes(HOSTILE[name].encode("utf-8"))
    same(read(path, True, monkeypatch), read(path, False, monkeypatch))


def test_the_node_budget_counts_what_the_file_writes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The alias budget comes on top of the values written in the file; libyaml's nodes are counted the same
    (an alias is the node it names, not a new value), so the limit falls at the same place."""
    text = "a: &a [x, x, x, x, x, x, x, x, x, x]\nb: [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
    loader, _node = yamlfast.compose_fast(text, yamlsource.MAX_DEPTH) or pytest.skip("no libyaml here")
    slow = yamlsource._Loader(text)
    slow.get_single_node()
    assert loader.written == slow.written == 15  # root, a, its list and 10 items, b, its list
    path = tmp_path / "deck.yaml"
    path.write_text(text, encoding="utf-8")
    for budget in (94, 95, 96):  # 116 values in all: 15 written, so the limit sits between 100 and 101 extra
        monkeypatch.setattr(yamlsource, "MAX_NODES", budget)
        same(read(path, True, monkeypatch), read(path, False, monkeypatch))


def _deck_data() -> dict:
    return yaml.load((ROOT / "decks" / "energy.yaml").read_text(encoding="utf-8"), Loader=yaml.SafeLoader)


def _mutations(data: dict):
    """The bundled deck broken one way at a time: each field of the deck and of a card missing, empty, of the
    wrong type, out of range, or with a field too many."""
    yield "as is", data
    for where in ("deck", "card"):
        target_of = (lambda d: d) if where == "deck" else (lambda d: d["cards"][3])
        for key in list(target_of(data)):
            for label, value in (("missing", ...), ("none", None), ("number", 7), ("text", "x"), ("list", []),
                                 ("mapping", {}), ("bool", True), ("negative", -1), ("huge", 10 ** 9),
                                 ("blank", "  "), ("multi-line", "a\nb"), ("float", 2.5)):
                broken = copy.deepcopy(data)
                if value is ...:
                    del target_of(broken)[key]
                else:
                    target_of(broken)[key] = value
                yield f"{where}.{key} {label}", broken
        broken = copy.deepcopy(data)
        target_of(broken)["colour_"] = "#000000"
        yield f"{where} extra field", broken
    broken = copy.deepcopy(data)
    broken["cards"][2]["sdgs"] = [3, 3]
    yield "repeated sdg", broken
    broken = copy.deepcopy(data)
    broken["cards"][2]["sdgs"] = [1, True]
    yield "sdg true", broken
    broken = copy.deepcopy(data)
    broken["cards"][1]["title"] = {"it": "x", "en": ""}
    yield "empty translation", broken
    broken = copy.deepcopy(data)
    broken["cards"][1]["examples"] = [{"text": "x", "url": 5}]
    yield "example url number", broken


def test_the_fast_schema_check_says_valid_only_where_jsonschema_finds_nothing() -> None:
    """fastjsonschema answers in 0.1 s where jsonschema takes 1.6 s on 1,000 cards, but it only decides "valid":
    on every broken variant of a bundled deck it must agree with jsonschema, and it must not change the data
    (the schema has a default: quantity 1)."""
    from jsonschema import Draft7Validator

    from cardengine.schemas import load_schema

    validator = Draft7Validator(load_schema("deck"))
    checked = disagreements = 0
    for label, data in _mutations(_deck_data()):
        before = copy.deepcopy(data)
        fast = is_surely_valid("deck", data)
        assert data == before, f"{label}: the fast check changed the data"
        valid = not any(True for _ in validator.iter_errors(data))
        assert not (fast and not valid), f"{label}: fast check says valid, jsonschema finds errors"
        disagreements += fast != valid
        checked += 1
    assert checked > 200 and disagreements == 0


def test_the_qr_cache_is_bounded() -> None:
    """Every code made stayed in memory (12.6 MB per 1,000 cards); now only the last few hundred do."""
    qr.qr_runs.cache_clear()
    for n in range(qr.CACHE_SIZE + 40):
        qr.qr_runs(f"QR-{n}")
    info = qr.qr_runs.cache_info()
    assert info.maxsize is not None and info.currsize <= qr.CACHE_SIZE
    assert qr.qr_runs("QR-0") == qr.qr_runs.__wrapped__("QR-0")  # made again when needed, the same


def test_laying_out_a_deck_keeps_no_qr_codes() -> None:
    """Laying out made every card's QR code ahead of drawing and kept it for the whole run; codes are now made
    while drawing, a few at a time."""
    from cardengine.decks.load import load_deck
    from cardengine.printing.compose import lay_out_deck
    from cardengine.printing.layout import load_layout

    deck, problems = load_deck(ROOT / "decks" / "waste.yaml")
    assert deck is not None, problems
    qr.qr_runs.cache_clear()
    laid = lay_out_deck(deck, load_layout("poker"), "it", 3.0)
    assert len(laid.cards) == len(deck.cards) and qr.qr_runs.cache_info().currsize == 0
