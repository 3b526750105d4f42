"""The quick look at TOML text before tomllib: nesting, dotted keys and tables are counted as TOML
reads them, so strings and comments that hold brackets, dots or quotes count for nothing."""

import tomllib

import pytest
import tomli_w
from hypothesis import given, settings
from hypothesis import strategies as st

from gdsim.model.toml_scan import TooComplex, scan

LIMITS = {"max_nesting": 3, "max_key_parts": 3, "max_tables": 3}


@pytest.mark.parametrize("text", [
    'a = "[[[[{{{{ a.b.c.d.e"\n',
    "a = '[[[[ a.b.c.d'\n",
    'a = """\n[t1]\n[t2]\n[t3]\n[t4]\n"""\n',
    "a = '''\n[[[[\n'''\n",
    'a = """ends in quotes"""""\nb = [[[1]]]\n',
    'a = "escaped \\" [[[[ quote"\n',
    "# [[[[ a.b.c.d.e\nx = 1\n",
    "x = [\n  [1],\n  [2],\n  [3],\n  [4],\n]\n",
    '"a.b.c.d.e" = 1\n',
    "x = [1.5, 2.5, 3.5, 1.5e3, 1979-05-27T07:32:00.999]\n",
    "[a]\n[b]\n[[c]]\n",
    "a.b.c = 1\n",
])
def test_what_lies_within_the_limits_passes(text):
    tomllib.loads(text)  # the cases are valid TOML
    scan(text, **LIMITS)


@pytest.mark.parametrize("text, what, line", [
    ("x = [[[[1]]]]\n", "nesting", 1),
    ("x = 1\ny = {a = {b = {c = {d = 1}}}}\n", "nesting", 2),
    ("a.b.c.d = 1\n", "key", 1),
    ('x = "s"\n"a" . "b" . c . d = 1\n', "key", 2),
    ("[a.b.c.d]\n", "key", 1),
    ("[a]\n\n\n[b]\n[c]\n[[d]]\n", "tables", 6),
    ('a = """\n\n"""\nb = [[[[1]]]]\n', "nesting", 4),
])
def test_what_goes_past_a_limit_is_found_on_its_line(text, what, line):
    with pytest.raises(TooComplex) as caught:
        scan(text, **LIMITS)
    assert (caught.value.what, caught.value.line) == (what, line)


TRICKY = st.text(alphabet=st.sampled_from(list("ab.[]{}#'\"\\\n =,")), max_size=12)
LEAVES = st.one_of(TRICKY, st.integers(), st.floats(allow_nan=False, allow_infinity=False), st.booleans())


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(TRICKY.filter(bool), st.one_of(LEAVES, st.lists(LEAVES, max_size=3)), max_size=6))
def test_strings_and_keys_that_hold_marks_count_for_nothing(doc):
    scan(tomli_w.dumps(doc), max_nesting=2, max_key_parts=2, max_tables=0)


def test_the_pass_is_linear_in_the_text():
    """A lesson's worth of marks is looked at in one pass (this would take hours if it were quadratic)."""
    for text in ["x = [" + "1.5," * 80_000 + "]\n", "\n" * 300_000, "[]" * 150_000, '"".' * 100_000]:
        try:
            scan(text, max_nesting=10**7, max_key_parts=10**7, max_tables=10**7)
        except TooComplex:
            pass
