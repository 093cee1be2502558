"""Speed helpers for the readers: a `clean` that skips texts with nothing to change, and bounded memoisation.

`clean` (``spelling``) maps every character through a dict, which costs about as much as a regex pass over
the text; most texts hold no character it changes (or were cleaned already), and one search of a
character class finds that out several times faster. Same result as ``spelling.clean`` for every text.
"""

from __future__ import annotations

import os
import re
import re._constants as _c
import re._parser as _parser
from functools import lru_cache

from sources.normalise.spelling import _TABLE

_CHANGED = re.compile("[" + "".join(re.escape(chr(code)) for code in sorted(_TABLE)) + "]")
_REPLACEMENT = {chr(code): replacement for code, replacement in _TABLE.items()}
if not all(len(replacement) == 1 for replacement in _REPLACEMENT.values()):
    raise RuntimeError("clean must map one character to one (match offsets depend on it)")


# Characters a literal must not hold for `LiteralGate.within_raw` to judge it on the raw text: whitespace, and
# what clean maps from or to.
_RAW_UNSAFE = re.compile(r"[\s'\-" + "".join(re.escape(chr(code)) for code in sorted(_TABLE)) + "]")


def _replace(match: re.Match[str]) -> str:
    return _REPLACEMENT[match.group()]


_CHANGED_CHARACTERS = "".join(_REPLACEMENT)
_LONG = 1000  # from this length on, looking for each of a few characters (`in`, C) beats a regex class scan


def _holds_any(text: str, characters: str) -> bool:
    for character in characters:
        if character in text:
            return True
    return False


def quick_clean(text: str) -> str:
    """Exactly ``clean(text)``: each character `clean` maps is replaced by its one-character replacement.
    str.translate looks up every character of a non-ASCII text in the table (slow); this only the few that
    change, and returns `text` itself when none does.
    """
    changes = _holds_any(text, _CHANGED_CHARACTERS) if len(text) >= _LONG else _CHANGED.search(text)
    return _CHANGED.sub(_replace, text) if changes else text


# Outside ASCII, the decimal digits (what regex \d and str.isdecimal take) are all in U+0660..U+1C59 and from
# U+A620 on; in UTF-8 such a character starts with one of these bytes (a superset: D9..DF, E0, E1, EA..EF,
# F0..F4). A text whose UTF-8 holds none of them has no digit but ASCII ones.
_DIGIT_ZONE_LEADS = bytes([*range(0xD9, 0xE0), 0xE0, 0xE1, *range(0xEA, 0xF0), *range(0xF0, 0xF5)])
_NOT_DIGIT_ZONE_LEADS = bytes(byte for byte in range(256) if byte not in _DIGIT_ZONE_LEADS)
_DIGIT = re.compile(r"\d")


def may_hold_other_digits(text: str) -> bool:
    """False only when `text` holds no decimal digit outside 0-9."""
    if text.isascii():
        return False
    return bool(text.encode("utf-8", "surrogatepass").translate(None, _NOT_DIGIT_ZONE_LEADS))


def has_digit(text: str) -> bool:
    r"""``bool(re.search(r"\d", text))``, faster on long texts."""
    if len(text) < _LONG:
        return _DIGIT.search(text) is not None
    return _holds_any(text, "0123456789") or (may_hold_other_digits(text) and _DIGIT.search(text) is not None)


# Characters that re.IGNORECASE matches to a Latin or Cyrillic letter although they do not lower-case to it
# (dotted and dotless i, long s, the old Cyrillic letter variants). A text holding one is never judged by
# `LiteralGate`: the caller runs its regex as before.
_CASE_TRAPS = re.compile("[\u0130\u0131\u017f\u1c80-\u1c88\ua64a\ua64b]")


_last_long: tuple[str | None, str | None] = (None, None)  # the last long text lowered, and its result


_TRAP_CHARACTERS = "\u0130\u0131\u017f" + "".join(map(chr, range(0x1C80, 0x1C89))) + "\ua64a\ua64b"


def lowered(text: str) -> str | None:
    """`text.lower()`, or None when the text holds a character `_CASE_TRAPS` names. Memoised for sentences
    (several gates look at the same one); of long texts (a page) only the last one is kept, by identity.
    """
    global _last_long
    if len(text) <= 1000:
        return _lowered_short(text)
    last = _last_long  # one read: another thread may replace the pair, never half of it
    if last[0] is text:
        return last[1]
    result = None if _holds_any(text, _TRAP_CHARACTERS) else text.lower()
    _last_long = (text, result)
    return result


@lru_cache(maxsize=4096)
def _lowered_short(text: str) -> str | None:
    return None if _CASE_TRAPS.search(text) else text.lower()


def _common_prefixes(literals, min_length: int = 6) -> list[str]:
    """The literals, those sharing a prefix of `min_length` or more replaced by it (a substring of a literal
    is in every text the literal is in): fewer to look for.
    """
    ordered = sorted(set(literals))
    out: list[str] = []
    for literal in ordered:
        if out and len(common := os.path.commonprefix([out[-1], literal])) >= min_length:
            out[-1] = common
        else:
            out.append(literal)
    return out


class LiteralGate:
    """A cheap test that a case-insensitive regex cannot match: every match of the regex holds one of the
    literals (as written by the caller, who keeps the two in step; tests check it). `may_match` is False only
    when the lower-cased text holds none of them, so skipping the regex then changes nothing.
    """

    __slots__ = ("literals",)

    def __init__(self, *literals: str) -> None:
        lowered_literals = _common_prefixes(literal.lower() for literal in literals)
        # A literal that holds another is redundant: the shorter one is in every text the longer is in.
        self.literals = tuple(
            literal
            for literal in lowered_literals
            if not any(other != literal and other in literal for other in lowered_literals)
        )

    def may_match(self, text: str) -> bool:
        """Whether ``text`` holds one of the literals (so the pattern may match it)."""
        if not self.literals:
            return False
        low = lowered(text)
        if low is None:
            return True
        for literal in self.literals:
            if literal in low:
                return True
        return False

    @classmethod
    def _of(cls, literals: tuple[str, ...]) -> LiteralGate:
        gate = cls.__new__(cls)
        gate.literals = literals
        return gate

    def within_raw(self, text: str) -> LiteralGate:
        """Like `within`, for parts that are `text` cleaned and with its spaces squashed (sentences of a page):
        a literal free of spaces and of the characters `clean` maps from or to is in such a part only if it
        is in `text` itself; the other literals are all kept.
        """
        low = lowered(text)
        if low is None:
            return self
        gate = LiteralGate.__new__(LiteralGate)
        gate.literals = tuple(literal for literal in self.literals if _RAW_UNSAFE.search(literal) or literal in low)
        return gate

    def within(self, text: str) -> LiteralGate:
        """The gate for the parts of `text` (its sentences, as substrings of it): only the literals `text`
        holds can be in a part. A gate with none answers False without looking; that is right because a
        text with a `_CASE_TRAPS` character keeps every literal, and so does the gate for its parts.
        """
        low = lowered(text)
        if low is None:
            return self
        gate = LiteralGate.__new__(LiteralGate)
        gate.literals = tuple(literal for literal in self.literals if literal in low)
        return gate


# --- Gates derived from a pattern itself ------------------------------------------------------------------

_MAX_PRODUCT = 48  # most strings one literal set may hold before it is cut


def _plain_char(code: int) -> bool:
    """A literal whose IGNORECASE matches all lower-case to its own lower case (but for `_CASE_TRAPS`)."""
    char = chr(code)
    return code < 0x80 or 0x400 <= code < 0x530 or (char.lower() == char and char.upper() == char)


def _exact(item) -> set[str] | None:
    """Every string `item` can match, when it is a small set of literals; else None."""
    op, av = item
    if op is _c.LITERAL:
        return {chr(av).lower()} if _plain_char(av) else None
    if op is _c.IN:
        chars = set()
        for member_op, member in av:
            if member_op is not _c.LITERAL or not _plain_char(member):
                return None
            chars.add(chr(member).lower())
        return chars if len(chars) <= 8 else None
    if op is _c.SUBPATTERN:
        return _exact_sequence(av[-1])
    if op is _c.BRANCH:
        out = _union(av[1], _exact_sequence)
        return out if out is not None and len(out) <= _MAX_PRODUCT else None
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT) and av[0] == av[1] == 1:
        return _exact_sequence(av[2])
    return None


def _union(branches, read) -> set[str] | None:
    """The union of `read` over the branches of an alternation; None when a branch gives None."""
    out: set[str] = set()
    for branch in branches:
        found = read(branch)
        if found is None:
            return None
        out |= found
    return out


def _exact_sequence(items) -> set[str] | None:
    out = {""}
    for item in items:
        found = _exact(item)
        if found is None:
            return None
        out = {a + b for a in out for b in found}
        if len(out) > _MAX_PRODUCT:
            return None
    return out


def _needed(item) -> set[str] | None:
    """Strings one of which every match of `item` holds, or None when none is known."""
    found = _exact(item)
    if found is not None:
        return found
    op, av = item
    if op is _c.SUBPATTERN:
        return _needed_sequence(av[-1])
    if op is _c.ATOMIC_GROUP:
        return _needed_sequence(av)
    if op is _c.BRANCH:
        return _union(av[1], _needed_sequence)
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT) and av[0] >= 1:
        return _needed_sequence(av[2])
    return None


def _score(candidate: set[str]) -> tuple[int, int]:
    return min(min(len(s) for s in candidate), 6), -len(candidate)


def _needed_sequence(items) -> set[str] | None:
    candidates = _all_needed(items, 1)
    return max(candidates, key=_score) if candidates else None


def _all_needed(items, min_length: int) -> list[set[str]]:
    """Every literal set `_needed_sequence` weighs for a sequence, of literals `min_length` long or more: a
    match of the sequence holds one literal of each.
    """
    candidates: list[set[str]] = []
    run = {""}
    for item in items:
        found = _exact(item)
        if found is not None:
            product = {a + b for a in run for b in found}
            if len(product) <= _MAX_PRODUCT:
                run = product
                continue
            candidates.append(run)
            run = found
            continue
        candidates.append(run)
        run = {""}
        found = _needed(item)
        if found is not None:
            candidates.append(found)
    candidates.append(run)
    return [c for c in candidates if c and min(len(s) for s in c) >= min_length]


def _clauses(pattern: re.Pattern[str], min_length: int) -> tuple[tuple[tuple[str, ...], ...], ...] | None:
    """Per alternative of the pattern's top level, the literal sets a match of that alternative holds one of
    each of; None when some alternative has none.
    """
    items = _parser.parse(pattern.pattern, pattern.flags).data
    while len(items) == 1 and items[0][0] is _c.SUBPATTERN:
        items = items[0][1][-1]
    branches = items[0][1][1] if len(items) == 1 and items[0][0] is _c.BRANCH else [items]
    out = []
    for branch in branches:
        sets = _all_needed(branch, min_length)
        if not sets:
            return None
        out.append(tuple(tuple(sorted(c, key=lambda s: (-len(s), s))) for c in sets))
    return tuple(out)


def literal_gate(pattern: re.Pattern[str], min_length: int = 3) -> LiteralGate | None:
    """A LiteralGate read from the pattern's own syntax tree, or None when its literals are too short."""
    try:
        tree = _parser.parse(pattern.pattern, pattern.flags)
        found = _needed_sequence(tree.data)
    except Exception:  # noqa: BLE001 - a pattern this reader does not follow gets no gate
        return None
    if not found or min(len(s) for s in found) < min_length:
        return None
    return LiteralGate(*sorted(found, key=lambda s: (-len(s), s)))


def restrict(text: str, gates: tuple[LiteralGate, ...], raw: bool = False) -> tuple[LiteralGate, ...]:
    """`gate.within(text)` (`within_raw` when `raw`) for each gate, each distinct literal looked for once."""
    low = lowered(text)
    if low is None:
        return gates
    present: dict[str, bool] = {}
    out = []
    for gate in gates:
        kept = []
        for literal in gate.literals:
            found = present.get(literal)
            if found is None:
                found = present[literal] = bool(raw and _RAW_UNSAFE.search(literal)) or literal in low
            if found:
                kept.append(literal)
        out.append(LiteralGate._of(tuple(kept)))
    return tuple(out)


class GatedPattern:
    """A compiled pattern behind its literal gate: a text holding none of the literals is not scanned.

    Same results as the pattern for search, match, fullmatch, finditer, findall and sub. Short texts go
    straight to the pattern (the gate would cost more than the scan).
    """

    __slots__ = ("_clauses", "_gate", "_pattern", "pattern", "flags")

    def __init__(self, compiled: re.Pattern[str], gate: LiteralGate, clauses=None) -> None:
        self._pattern = compiled
        self._gate = gate
        # A second look for texts the gate lets through: some alternative of the pattern must find one literal
        # of each of its sets ("министерств" is common; "министерств" and "торговл" together are not).
        self._clauses = clauses
        self.pattern = compiled.pattern
        self.flags = compiled.flags

    def _closed(self, text: str) -> bool:
        if len(text) <= 48:
            return False
        if not self._gate.may_match(text):
            return True
        if self._clauses is None:
            return False
        low = lowered(text)
        if low is None:
            return False
        for clause in self._clauses:
            for alternatives in clause:
                for literal in alternatives:
                    if literal in low:
                        break
                else:
                    break  # this alternative of the pattern lacks a part: try the next one
            else:
                return False  # an alternative has all its parts: the pattern may match
        return True

    def search(self, text: str, *args):
        """``re.search``, answered None at once when the text holds none of the literals."""
        return None if self._closed(text) else self._pattern.search(text, *args)

    def match(self, text: str, *args):
        """``re.match``, answered None at once when the text holds none of the literals."""
        return None if self._closed(text) else self._pattern.match(text, *args)

    def fullmatch(self, text: str, *args):
        """``re.fullmatch``, answered None at once when the text holds none of the literals."""
        return None if self._closed(text) else self._pattern.fullmatch(text, *args)

    def finditer(self, text: str, *args):
        """``re.finditer``, an empty iterator at once when the text holds none of the literals."""
        return iter(()) if self._closed(text) else self._pattern.finditer(text, *args)

    def findall(self, text: str, *args):
        """``re.findall``, an empty list at once when the text holds none of the literals."""
        return [] if self._closed(text) else self._pattern.findall(text, *args)

    def sub(self, repl, text: str, count: int = 0):
        """``re.sub``, the text unchanged at once when it holds none of the literals."""
        return text if self._closed(text) else self._pattern.sub(repl, text, count)

    def may_match(self, text: str) -> bool:
        """Whether ``text`` holds one of the literals."""
        return self._gate.may_match(text)

    @property
    def gate(self) -> LiteralGate:
        """The literal gate in front of the pattern."""
        return self._gate

    @property
    def literals(self) -> tuple[str, ...]:
        """The literals one of which every match holds."""
        return self._gate.literals


def gated(compiled: re.Pattern[str], min_length: int = 3) -> re.Pattern[str] | GatedPattern:
    """`compiled` behind the gate `literal_gate` reads from it; `compiled` itself when it has none."""
    gate = literal_gate(compiled, min_length)
    if gate is None:
        return compiled
    try:
        clauses = _clauses(compiled, min_length)
    except Exception:  # noqa: BLE001 - the first gate alone then
        clauses = None
    if clauses is not None and all(len(clause) == 1 for clause in clauses):
        clauses = None  # one set per alternative: the first gate says all there is to say
    return GatedPattern(compiled, gate, clauses)
