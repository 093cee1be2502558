"""The prose extractor against its evaluation set (tests/facts/eval): precision >= 0.98, recall >= 0.95."""

from __future__ import annotations

from collections import Counter
from functools import cache

from tests.facts.eval.score import LANGUAGES, SETS, evaluate, load_cases

MIN_PRECISION = 0.98
MIN_RECALL = 0.95


@cache
def _result():
    return evaluate(load_cases())


def _misses() -> str:
    lines = []
    for case_id, missed, extra in _result().misses:
        lines += [f"{case_id}: missed {fact}" for fact in missed] + [f"{case_id}: extra {fact}" for fact in extra]
    return "\n".join(lines)


def test_the_set_has_its_size_languages_and_unique_ids():
    cases = load_cases()
    assert len(cases) >= 200
    per_language = Counter(case.language for case in cases)
    assert set(per_language) == set(LANGUAGES) and min(per_language.values()) >= 40, per_language
    assert {case.set for case in cases} == set(SETS)
    duplicated = [case_id for case_id, n in Counter(case.id for case in cases).items() if n > 1]
    assert not duplicated, duplicated


def test_precision_on_the_whole_set():
    overall = _result().overall
    assert overall.precision >= MIN_PRECISION, (
        f"precision {overall.precision:.3f} < {MIN_PRECISION} on {overall.cases} paragraphs "
        f"(python -m tests.facts.eval.score --show):\n{_misses()}"
    )


def test_recall_on_the_whole_set():
    overall = _result().overall
    assert overall.recall >= MIN_RECALL, (
        f"recall {overall.recall:.3f} < {MIN_RECALL} on {overall.cases} paragraphs "
        f"(python -m tests.facts.eval.score --show):\n{_misses()}"
    )
