"""Strict, safe YAML loading with a location for every value.

Documents are read from the libyaml event stream (PyYAML's C parser where it is
available) by an iterative builder, never by PyYAML's constructors, so:

* no tag can construct a Python object: any tag outside the plain JSON-like
  types is refused;
* YAML 1.1 surprises are neutralised: only ``true``/``false`` are booleans,
  ``no``, ``yes``, ``on`` and ``off`` stay strings, and dates stay as written;
* anchors, aliases, merge keys (``<<``) and duplicate keys are refused;
* file size, nesting depth and node count are bounded, so no input can hang,
  exhaust memory or overflow the stack;
* every value and every key is located (1-based line and column) for messages.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import yaml

from .findings import Finding, Severity

try:
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - libyaml missing
    _Loader = yaml.SafeLoader

MAX_BYTES = 1_000_000
MAX_DEPTH = 40
MAX_NODES = 50_000
# Numbers in content are small: scores, points, counts out of 100 or 1000,
# relative risks. A longer run of digits is a mistake (and Python refuses to
# read integers past 4,300 digits), so it gets a located error instead.
MAX_NUMBER_CHARS = 30
# Text in content is read by people: no value is a book, no word is a page
# long. Longer ones are refused before any later step (or the PDF) works on them.
MAX_TEXT_CHARS = 50_000
MAX_WORD_CHARS = 1_000
_LONG_WORD = re.compile(rf"\S{{{MAX_WORD_CHARS + 1}}}")

Path = tuple[str | int, ...]
Mark = tuple[int, int]

_CORE = "tag:yaml.org,2002:"
_ALLOWED_SCALAR_TAGS = {_CORE + t for t in ("str", "int", "float", "bool", "null")}
_INT = re.compile(r"[-+]?[0-9]+\Z")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?\Z")
_NULLS = {"", "~", "null", "Null", "NULL"}
_TRUE = {"true", "True", "TRUE"}
_FALSE = {"false", "False", "FALSE"}


@dataclass
class SourceMap:
    """Where each value (and each mapping key) of a document stands."""

    values: dict[Path, Mark] = field(default_factory=dict)
    keys: dict[Path, Mark] = field(default_factory=dict)

    def locate(self, path: Path, *, key: bool = False) -> Mark:
        """The mark of ``path``, falling back to its nearest located parent."""
        table = self.keys if key else self.values
        p = tuple(path)
        while p:
            if p in table:
                return table[p]
            if p in self.values:
                return self.values[p]
            p = p[:-1]
        return self.values.get((), (1, 1))


@dataclass
class LoadResult:
    data: Any
    source: SourceMap
    findings: list[Finding]

    @property
    def ok(self) -> bool:
        return not any(f.severity is Severity.ERROR for f in self.findings)


class _Refused(Exception):
    def __init__(self, mark: Mark, message: str, rule: str) -> None:
        super().__init__(message)
        self.mark = mark
        self.message = message
        self.rule = rule


def _mark(event: Any) -> Mark:
    m = event.start_mark
    return (m.line + 1, m.column + 1)


def _scalar(event: Any) -> Any:
    value: str = event.value
    if len(value) > MAX_WORD_CHARS and not _INT.match(value) and not _FLOAT.match(value):
        if len(value) > MAX_TEXT_CHARS:
            raise _Refused(
                _mark(event),
                f"this text is {len(value):,} characters long; the limit is {MAX_TEXT_CHARS:,}",
                "text-too-long",
            )
        if _LONG_WORD.search(value):
            raise _Refused(
                _mark(event),
                f"this text has a word over {MAX_WORD_CHARS:,} characters long; break it up or shorten it",
                "text-too-long",
            )
    tag = event.tag
    if tag is not None and tag != "!":
        if tag not in _ALLOWED_SCALAR_TAGS:
            raise _Refused(_mark(event), f"the tag {tag!r} is not allowed; write plain values", "yaml-tag")
        if tag == _CORE + "str":
            return value
    plain = event.style in ("", None) and (tag is None or tag != "!")
    if not plain and tag is None:
        return value
    if tag is None or tag == "!":
        if value in _NULLS:
            return None
        if value in _TRUE:
            return True
        if value in _FALSE:
            return False
        if _INT.match(value):
            return _number(event, value, int)
        if _FLOAT.match(value) and any(c.isdigit() for c in value):
            return _number(event, value, float)
        return value
    # An explicit core tag on a value.
    try:
        if tag == _CORE + "int":
            return _number(event, value, int)
        if tag == _CORE + "float":
            return _number(event, value, float)
        if tag == _CORE + "bool":
            if value in _TRUE:
                return True
            if value in _FALSE:
                return False
            raise ValueError(value)
        if value in _NULLS:
            return None
        raise ValueError(value)
    except ValueError:
        raise _Refused(_mark(event), f"{value!r} does not fit the tag {tag!r}", "yaml-tag") from None


def _number(event: Any, value: str, kind: type[int] | type[float]) -> int | float:
    """``value`` read as ``kind``; a number too long to be meant, or beyond a float's range, is refused."""
    if len(value) > MAX_NUMBER_CHARS:
        raise _Refused(
            _mark(event),
            f"the number {value[:12]}... is {len(value)} characters long; numbers here have at most {MAX_NUMBER_CHARS}",
            "number-too-long",
        )
    number = kind(value)
    if isinstance(number, float) and not math.isfinite(number):
        raise _Refused(_mark(event), f"the number {value} is too large", "number-too-long")
    return number


def _events(text: str) -> Iterator[Any]:
    loader = _Loader(text)
    try:
        while loader.check_event():
            yield loader.get_event()
    finally:
        loader.dispose()


def _build(text: str) -> tuple[Any, SourceMap]:
    source = SourceMap()
    # Each frame: [container, path, pending_key, pending_key_mark]
    stack: list[list[Any]] = []
    root: Any = None
    have_root = False
    documents = 0
    nodes = 0

    def place(value: Any, mark: Mark) -> None:
        nonlocal root, have_root
        if not stack:
            root, have_root = value, True
            source.values[()] = mark
            return
        frame = stack[-1]
        container, path = frame[0], frame[1]
        if isinstance(container, list):
            child: Path = (*path, len(container))
            container.append(value)
            source.values[child] = mark
            return
        if frame[2] is _NO_KEY:
            if not isinstance(value, str):
                if isinstance(value, (dict, list)):
                    raise _Refused(mark, "a mapping key must be a plain word, not a list or mapping", "yaml-key")
                value = "" if value is None else str(value).lower() if isinstance(value, bool) else str(value)
            if value == "<<":
                raise _Refused(mark, "merge keys ('<<') are not allowed; write each key out", "yaml-merge")
            if value in container:
                first = source.keys.get((*path, value), mark)
                raise _Refused(
                    mark,
                    f"duplicate key {value!r} (first given at line {first[0]})",
                    "duplicate-key",
                )
            frame[2], frame[3] = value, mark
            return
        key = frame[2]
        child = (*path, key)
        container[key] = value
        source.values[child] = mark
        source.keys[child] = frame[3]
        frame[2] = _NO_KEY

    for event in _events(text):
        kind = type(event).__name__
        if kind in ("StreamStartEvent", "StreamEndEvent", "DocumentEndEvent"):
            continue
        if kind == "DocumentStartEvent":
            documents += 1
            if documents > 1:
                raise _Refused(
                    _mark(event),
                    "only one YAML document is allowed per file ('---' starts another)",
                    "yaml-multi-document",
                )
            continue
        nodes += 1
        if nodes > MAX_NODES:
            raise _Refused(_mark(event), f"the document has more than {MAX_NODES} values", "yaml-too-large")
        if kind == "AliasEvent":
            raise _Refused(_mark(event), "aliases ('*name') are not allowed; write the value out", "yaml-alias")
        if kind in ("MappingEndEvent", "SequenceEndEvent"):
            frame = stack.pop()
            place(frame[0], frame[4])
            continue
        if getattr(event, "anchor", None):
            raise _Refused(_mark(event), "anchors ('&name') are not allowed; write the value out", "yaml-alias")
        if kind == "ScalarEvent":
            place(_scalar(event), _mark(event))
            continue
        tag = getattr(event, "tag", None)
        if tag is not None and tag != "!" and tag not in (_CORE + "map", _CORE + "seq"):
            raise _Refused(_mark(event), f"the tag {tag!r} is not allowed; write plain values", "yaml-tag")
        if len(stack) >= MAX_DEPTH:
            raise _Refused(_mark(event), f"nesting is deeper than {MAX_DEPTH} levels", "yaml-too-deep")
        mark = _mark(event)
        if stack:
            frame = stack[-1]
            if isinstance(frame[0], list):
                path: Path = (*frame[1], len(frame[0]))
            elif frame[2] is _NO_KEY:
                raise _Refused(mark, "a mapping key must be a plain word, not a list or mapping", "yaml-key")
            else:
                path = (*frame[1], frame[2])
        else:
            path = ()
        container: Any = {} if kind == "MappingStartEvent" else []
        stack.append([container, path, _NO_KEY, None, mark])
    if not have_root:
        raise _Refused((1, 1), "the file is empty", "empty-file")
    return root, source


class _NoKey:
    def __repr__(self) -> str:
        return "<no key>"


_NO_KEY = _NoKey()


def _error(path: str, mark: Mark, message: str, rule: str) -> Finding:
    return Finding(path, mark[0], mark[1], Severity.ERROR, message, rule)


def _offset_mark(data: bytes, offset: int) -> Mark:
    before = data[:offset]
    line = before.count(b"\n") + 1
    col = offset - (before.rfind(b"\n") + 1) + 1
    return (line, col)


def decode(data: bytes, path: str) -> tuple[str | None, list[Finding]]:
    """Decode UTF-8 text, refusing NUL bytes, bad bytes and tab indentation."""
    if len(data) > MAX_BYTES:
        return None, [
            _error(
                path,
                (1, 1),
                f"the file is too large ({len(data) / 1_000_000:.1f} MB; the limit is {MAX_BYTES // 1_000_000} MB)",
                "file-too-large",
            )
        ]
    nul = data.find(b"\x00")
    if nul >= 0:
        return None, [
            _error(path, _offset_mark(data, nul), "the file contains a NUL byte; is it a binary file?", "encoding")
        ]
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return None, [
            _error(
                path,
                _offset_mark(data, exc.start),
                f"the file is not valid UTF-8 (byte 0x{data[exc.start]:02x}); save it as UTF-8",
                "encoding",
            )
        ]
    findings = []
    for match in re.finditer(r"^[ ]*\t", text, re.MULTILINE):
        line = text.count("\n", 0, match.start()) + 1
        col = match.end() - match.start()
        findings.append(_error(path, (line, col), "a tab is used for indentation; use spaces", "yaml-tab"))
        break
    if findings:
        return None, findings
    return text, []


def load_text(text: str, path: str) -> LoadResult:
    try:
        data, source = _build(text)
    except _Refused as exc:
        return LoadResult(None, SourceMap(), [_error(path, exc.mark, exc.message, exc.rule)])
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        problem = exc.problem or exc.context or "the YAML could not be read"
        if "nesting depth" in problem:  # libyaml's own limit (newer releases), met while it reads ahead of ours
            return LoadResult(
                None, SourceMap(), [_error(path, where, f"nesting is deeper than {MAX_DEPTH} levels", "yaml-too-deep")]
            )
        ctx = exc.context_mark
        if exc.problem and ctx is not None and (ctx.line + 1, ctx.column + 1) != where:
            problem += f" (in what starts at line {ctx.line + 1}, column {ctx.column + 1})"
        return LoadResult(None, SourceMap(), [_error(path, where, f"YAML syntax: {problem}", "yaml-syntax")])
    except yaml.YAMLError as exc:
        return LoadResult(None, SourceMap(), [_error(path, (1, 1), f"YAML syntax: {exc}", "yaml-syntax")])
    if not isinstance(data, dict):
        what = "a list" if isinstance(data, list) else "a single value"
        return LoadResult(
            None,
            source,
            [
                _error(
                    path,
                    source.locate(()),
                    f"the document is {what}; it must be a mapping of keys such as 'kind:' and 'id:'",
                    "not-a-mapping",
                )
            ],
        )
    return LoadResult(data, source, [])


def load_bytes(data: bytes, path: str) -> LoadResult:
    text, findings = decode(data, path)
    if text is None:
        return LoadResult(None, SourceMap(), findings)
    return load_text(text, path)
