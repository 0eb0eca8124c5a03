"""The strict loader: YAML 1.1 surprises, hostile input, and locations."""

from __future__ import annotations

import string

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sdm_desktop.grids.findings import Severity
from sdm_desktop.grids.library import load_data
from sdm_desktop.grids.yamlsafe import MAX_BYTES, MAX_DEPTH, load_bytes


def only_error(data: bytes) -> tuple[str, int, int]:
    result = load_bytes(data, "x.yaml")
    assert result.data is None
    assert len(result.findings) == 1, result.findings
    f = result.findings[0]
    assert f.severity is Severity.ERROR
    return f.rule, f.line, f.column


def test_yaml_11_surprises_are_neutralised() -> None:
    text = b"a: no\nb: yes\nc: on\nd: off\ne: 2020-01-01\nf: 1:30\ng: 0o17\nh: 1_000\ni: true\nj: ~\nk: 012\nl: .5\n"
    data = load_bytes(text, "x").data
    assert data == {
        "a": "no",
        "b": "yes",
        "c": "on",
        "d": "off",
        "e": "2020-01-01",
        "f": "1:30",
        "g": "0o17",
        "h": "1_000",
        "i": True,
        "j": None,
        "k": 12,
        "l": 0.5,
    }


def test_quoted_values_stay_text() -> None:
    data = load_bytes(b"a: 'true'\nb: \"12\"\nc: '~'\n", "x").data
    assert data == {"a": "true", "b": "12", "c": "~"}


def test_every_value_and_key_is_located() -> None:
    result = load_bytes(b"top:\n  inner:\n    - first\n    - {k: v}\n", "x")
    assert result.source.values[("top", "inner", 0)] == (3, 7)
    assert result.source.values[("top", "inner", 1, "k")] == (4, 11)
    assert result.source.keys[("top", "inner")] == (2, 3)
    # An unknown path falls back to its nearest located parent.
    assert result.source.locate(("top", "inner", 1, "missing")) == (4, 7)


@pytest.mark.parametrize(
    ("data", "rule", "line"),
    [
        (b"a: &x [1]\nb: *x\n", "yaml-alias", 1),
        (b"a: 1\nb: *x\n", "yaml-alias", 2),  # refused before it is even resolved
        (b"a: !!python/object/apply:os.system ['true']\n", "yaml-tag", 1),
        (b"a: !!python/name:os.system\n", "yaml-tag", 1),
        (b"a: !custom 1\n", "yaml-tag", 1),
        (b"a: !!binary aGk=\n", "yaml-tag", 1),
        (b"a: !!set {x}\n", "yaml-tag", 1),
        (b"a: 1\n<<: {b: 2}\n", "yaml-merge", 2),
        (b"a: 1\nb: 2\na: 3\n", "duplicate-key", 3),
        (b"a: 1\n---\nb: 2\n", "yaml-multi-document", 2),
        (b"", "empty-file", 1),
        (b"# only a comment\n", "empty-file", 1),
        (b"- a\n- b\n", "not-a-mapping", 1),
        (b"42\n", "not-a-mapping", 1),
        (b"a:\n\tb: 1\n", "yaml-tab", 2),
        (b"a: \xc3\x28\n", "encoding", 1),
        (b"a: b\x00c\n", "encoding", 1),
        (b"a: [1,\n", "yaml-syntax", 2),
        (b"? [1, 2]\n: x\n", "yaml-key", 1),
    ],
)
def test_hostile_or_broken_input_gives_one_located_error(data: bytes, rule: str, line: int) -> None:
    got_rule, got_line, got_col = only_error(data)
    assert (got_rule, got_line) == (rule, line)
    assert got_col >= 1


def test_alias_bomb_is_refused_at_the_first_anchor() -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [*a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}]" for i in range(1, 30)]
    assert only_error("\n".join(lines).encode()) == ("yaml-alias", 1, 5)


@pytest.mark.parametrize("opener", [b"[", b"{a: "])
def test_deep_nesting_is_refused_without_recursion(opener: bytes) -> None:
    rule, line, _ = only_error(b"k: " + opener * 100_000)
    assert rule == "yaml-too-deep"
    assert line == 1


def test_nesting_just_within_the_limit_loads() -> None:
    depth = MAX_DEPTH - 2
    result = load_bytes(b"k: " + b"[" * depth + b"1" + b"]" * depth, "x")
    assert result.ok


def test_oversized_file_is_refused_before_parsing() -> None:
    big = b"a: " + b"x" * (20 * 1_000_000)
    assert only_error(big)[0] == "file-too-large"
    assert len(big) > MAX_BYTES


def test_too_many_nodes_is_refused() -> None:
    data = b"a: [" + b"1," * 60_000 + b"1]\n"
    assert only_error(data)[0] == "yaml-too-large"


def test_utf8_bom_is_accepted() -> None:
    assert load_bytes(b"\xef\xbb\xbfa: 1\n", "x").data == {"a": 1}


# -- properties ---------------------------------------------------------------


@pytest.mark.slow
@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.binary(max_size=2000))
def test_arbitrary_bytes_never_raise(data: bytes) -> None:
    loaded = load_data(data, "fuzz.yaml")
    for f in loaded.findings:
        assert f.line >= 1 and f.column >= 1
        assert f.rule and f.message


_yaml_chars = st.sampled_from(list(string.ascii_letters[:6] + string.digits[:3] + " :-[]{},&*!|>'\"#?\n\t%@`<=~"))


@pytest.mark.slow
@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.text(_yaml_chars, max_size=300))
def test_arbitrary_yaml_like_text_never_raises(text: str) -> None:
    loaded = load_data(text.encode(), "fuzz.yaml")
    assert loaded.document is None or loaded.ok or loaded.findings
    for f in loaded.findings:
        assert f.line >= 1 and f.column >= 1


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(min_size=1, max_size=8), children, max_size=4)
    ),
    max_leaves=30,
)


@pytest.mark.slow
@settings(max_examples=200, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from(["format", "kind", "id", "version", "title", "rows", "options", "metadata", "x"]),
        json_values,
        max_size=8,
    )
)
def test_arbitrary_documents_never_raise(doc: dict[str, object]) -> None:
    import json

    loaded = load_data(json.dumps(doc).encode(), "fuzz.yaml")  # JSON is YAML
    assert loaded.findings or loaded.ok
