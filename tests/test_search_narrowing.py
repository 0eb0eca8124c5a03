"""Search as you type narrows the last matches when it can, and always answers as a fresh search would."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from sdm_desktop.grids.search import Entry, SearchIndex, fold

VOCAB = ["heart", "hearing", "tablets", "tab", "blood", "test", "knee", "surgery", "clinic", "café", "x"]


def entry(i: int, title: str, condition: str, kind: str, topics: tuple[str, ...]) -> Entry:
    return Entry(
        key=f"k{i}",
        kind=kind,
        topics=topics,
        title=fold(title),
        condition=fold(condition),
        options=fold(""),
        keywords=fold(""),
        other=fold(" ".join(topics)),
    )


entries = st.lists(
    st.tuples(
        st.lists(st.sampled_from(VOCAB), max_size=3).map(" ".join),
        st.lists(st.sampled_from(VOCAB), max_size=2).map(" ".join),
        st.sampled_from(["option_grid", "prompt_set"]),
        st.lists(st.sampled_from(["heart", "joints"]), max_size=2, unique=True).map(tuple),
    ),
    max_size=25,
)
typing = st.lists(
    st.tuples(
        st.text(alphabet="heartbloodknetsx é", max_size=12),
        st.sampled_from([None, "option_grid", "prompt_set"]),
        st.sampled_from([None, "heart", "joints"]),
    ),
    max_size=12,
)


@settings(max_examples=300, deadline=None)
@given(entries, typing)
def test_each_keystroke_gets_what_a_fresh_search_gets(
    docs: list[tuple[str, str, str, tuple[str, ...]]], queries: list[tuple[str, str | None, str | None]]
) -> None:
    made = [entry(i, *doc) for i, doc in enumerate(docs)]
    index = SearchIndex(made)
    for query, kind, topic in queries:
        assert index.search(query, kind, topic) == SearchIndex(made).search(query, kind, topic)


def test_typing_forward_looks_only_at_the_last_matches() -> None:
    made = [entry(i, f"heart {i}", "", "option_grid", ()) for i in range(50)]
    made += [entry(100 + i, f"knee {i}", "", "option_grid", ()) for i in range(50)]
    index = SearchIndex(made)
    assert len(index.search("he")) == 50
    looked: list[str] = []
    original = Entry.score

    def counting(self: Entry, query_words: list[str]) -> int:
        looked.append(self.key)
        return original(self, query_words)

    Entry.score = counting  # type: ignore[method-assign]
    try:
        assert index.search("hea") == SearchIndex(made).search("hea")
        assert len(looked) == 50 + 100  # the narrowed search, then the fresh one
        looked.clear()
        assert index.search("knee") == SearchIndex(made).search("knee")  # not a narrowing: every entry again
        assert len(looked) == 100 + 100
    finally:
        Entry.score = original  # type: ignore[method-assign]
