"""The fast YAML pass gives exactly what the careful reader gives: equal data of equal types, or the same error.

``parse`` (the fast pass, falling back to the careful reader) against ``parse_careful`` (the reader
as it was), on real data files, every input of the tests, odd cases and a seeded mutation fuzzer.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import pytest

from reportgen.formats import yaml as yaml_format
from reportgen.formats.yaml.fast import UNSURE, load_fast
from yaml_corpus import ODD, data_files, inputs_of_tests, mutants


def typed(value: Any) -> Any:
    """A value with every type spelt out, in order: 1 != True != Decimal(1) here, and NaN equals NaN."""
    if isinstance(value, dict):
        return ("dict", [(typed(k), typed(v)) for k, v in value.items()])
    if isinstance(value, list):
        return ("list", [typed(v) for v in value])
    return (type(value).__name__, repr(value))


def outcome(parse: Any, text: str) -> Any:
    try:
        return typed(parse(text, "r.yaml"))
    except Exception as exc:  # the error itself is compared
        problems = [str(p) for p in getattr(exc, "problems", [])]
        return (type(exc).__name__, str(exc), problems)


def assert_same(text: str) -> bool:
    """The fast pass and the careful reader agree on ``text``; whether the fast pass read it itself.

    Where the fast pass is unsure, ``parse`` is the careful reader itself: nothing to compare.
    """
    if load_fast(text) is UNSURE:
        return False
    assert outcome(yaml_format.parse, text) == outcome(yaml_format.parse_careful, text), repr(text[:300])
    return True


DATA = data_files()


@pytest.mark.parametrize("name", list(DATA))
def test_data_files_are_read_by_the_fast_pass_with_the_same_data(name: str) -> None:
    assert assert_same(DATA[name])  # and read by the fast pass itself, not handed on


def test_every_input_of_the_tests_and_the_catalogue_gives_the_same_data_or_message() -> None:
    texts = inputs_of_tests()
    read = sum(assert_same(text) for text in texts)
    assert len(texts) > 1000 and 0 < read < len(texts)


@pytest.mark.parametrize("text", ODD, ids=range(len(ODD)))
def test_odd_cases_give_the_same_data_or_message(text: str) -> None:
    assert_same(text)


@pytest.mark.parametrize("text", [
    "a: &x 1\nb: *x\n", "a: !!str 1\n", "<<: {a: 1}\nb: 2\n", "a: 1\na: 2\n", "\"a\": 1\na: 2\n", "1: a\n01: b\n",
    "true: 1\n", "~: 1\n",
    "? [a]\n: b\n", "%YAML 1.1\n---\na: 1\n", "a: 1\n---\nb: 2\n", "a: =\n", "[" * 60 + "]" * 60, "a: [1, 2\n",
    "x: " + " ".join(f"*a{i}" for i in range(150)) + "\n",
])
def test_the_unusual_is_left_to_the_careful_reader(text: str) -> None:
    assert load_fast(text) is UNSURE


def test_the_numbers_rules_hold_on_the_fast_pass() -> None:
    data = load_fast("a: 010\nb: 0x10\nc: 1:30\nd: 2_0\ne: 200.00\nf: 2024-01-20\n")
    assert data == {"a": 10, "b": "0x10", "c": "1:30", "d": "2_0", "e": Decimal("200.00"),
                    "f": datetime.date(2024, 1, 20)}
    assert type(data["a"]) is int and str(data["e"]) == "200.00"


def test_mutation_fuzzer() -> None:
    """Seeded mutations of the data files: deletions, insertions, swapped lines, indents, anchors, aliases,
    tags, merge keys, odd numbers, full-width colons, tabs, BOM, repeated keys, very long lines."""
    small = [t for name, t in DATA.items() if not name.startswith("starter")]
    texts = mutants(small, 900) + mutants([DATA["starter-2021"], DATA["starter-2019"]], 100, seed=17)
    read = sum(assert_same(text) for text in texts)
    assert 150 < read < len(texts) - 300, read  # both ways are exercised


def test_the_scalar_cache_stays_small_however_many_files() -> None:
    from reportgen.formats.yaml import fast

    text = "".join(f"k{i}: {i}\n" for i in range(3 * fast._CACHE_SIZE)) + "long: " + "长" * 100 + "\n"
    data = load_fast(text)
    assert data["k12345"] == 12345 and data["long"] == "长" * 100
    assert len(fast._CACHE) <= fast._CACHE_SIZE and "长" * 100 not in fast._CACHE
