"""A quick look at TOML text before tomllib parses it: how deep it nests, how long its dotted keys
are, how many tables it has. No Qt here.

tomllib is a recursive parser: arrays or inline tables nested ~500 deep exhaust Python's stack, and
a key of n dotted parts costs it time and memory that grow as n² (100,000 parts: minutes and
gigabytes). One linear pass over the text, which skips strings and comments as TOML defines them,
finds such text first, so that what tomllib gets is parsed in a bounded time. The pass only counts:
text it misreads is still parsed, and refused, by tomllib.
"""

import re

_MARK = re.compile(r"[.\"'\n#\[\]{}]")  # where the pass stops; between stops it only checks
_KEY_OR_SPACE = re.compile(r"[A-Za-z0-9_\- \t]*")
_NOT_BLANK = re.compile(r"[^ \t\r]")
_BLANKS = re.compile(r"[ \t\r\n]*")
_BASIC = re.compile(r'(?:[^"\\\n]|\\.)*+"')  # after the opening quote, through the closing one
_MULTILINE_BASIC = re.compile(r'(?:[^"\\]|\\[\s\S]|"(?!""))*+"""')
_LITERAL = re.compile(r"[^'\n]*+'")


class TooComplex(Exception):
    """Text past one of the limits: ``what`` is 'nesting', 'key' or 'tables', found on ``line``."""

    def __init__(self, what: str, line: int, limit: int):
        super().__init__(what, line, limit)
        self.what, self.line, self.limit = what, line, limit


def scan(text: str, *, max_nesting: int, max_key_parts: int, max_tables: int) -> None:
    """Raise TooComplex if arrays and inline tables nest deeper than ``max_nesting`` (a table header
    such as [[a]] counts as nesting too), a dotted key has more than ``max_key_parts`` parts (a.b.c
    has 3; a number such as 1.5 counts as 2), or there are more than ``max_tables`` table headers.
    Linear in the length of the text."""
    depth = tables = 0
    parts = 1  # of the dotted key being read
    line = 1
    line_empty = True  # nothing but blanks so far on this line: a '[' here opens a table header
    i, n = 0, len(text)
    while True:
        found = _MARK.search(text, i)
        j = n if found is None else found.start()
        if j > i:  # text between marks: part of a key, or something that ends one (=, a comma…)
            if not _KEY_OR_SPACE.fullmatch(text, i, j):
                parts = 1
            if line_empty and _NOT_BLANK.search(text, i, j):
                line_empty = False
        if found is None:
            return
        c, i = text[j], j + 1
        if c == ".":
            parts += 1
            if parts > max_key_parts:
                raise TooComplex("key", line, max_key_parts)
        elif c in "\"'":
            end = _string_end(text, j)
            if end < 0:
                return  # an unclosed string: tomllib says where
            line += text.count("\n", j, end)
            line_empty = False
            i = end  # a quoted key may be one part of a dotted key: parts go on
        elif c == "\n":
            parts = 1
            i = _BLANKS.match(text, i).end()  # and any blank lines after it
            line += 1 + text.count("\n", j + 1, i)
            line_empty = True
        elif c == "#":
            end = text.find("\n", j)
            i = n if end < 0 else end
        elif c in "[{":
            parts = 1
            if c == "[" and depth == 0 and line_empty:
                tables += 1
                if tables > max_tables:
                    raise TooComplex("tables", line, max_tables)
            depth += 1
            if depth > max_nesting:
                raise TooComplex("nesting", line, max_nesting)
            line_empty = False
        else:  # ] or }
            parts = 1
            depth = max(0, depth - 1)
            line_empty = False


def _string_end(text: str, i: int) -> int:
    """Where the string starting at ``i`` ends (the index after its closing quotes), or -1."""
    quote = text[i]
    if text.startswith(quote * 3, i):
        if quote == '"':
            found = _MULTILINE_BASIC.match(text, i + 3)
            end = found.end() if found else -1
        else:
            end = text.find("'''", i + 3)
            end = -1 if end < 0 else end + 3
        if end < 0:
            return -1
        for _ in range(2):  # up to two quotes more belong to the string: """a"""" holds 'a"'
            if text.startswith(quote, end):
                end += 1
        return end
    found = (_BASIC if quote == '"' else _LITERAL).match(text, i + 1)
    return found.end() if found else -1


__all__ = ["TooComplex", "scan"]
