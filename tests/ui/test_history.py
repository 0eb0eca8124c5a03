"""Past records window: each filter finds the right records, reopen shows the record, amend and reprint."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from test_records_factory import final_record, valid_nhs

pytest.importorskip("PySide6.QtWidgets")

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QTextEdit,
    QWidget,
)

from sdm_desktop.records.model import AidRef, Decision, Record
from sdm_desktop.records.store import RecordStore
from sdm_desktop.ui.history.history_model import COL_SURE, COL_VERSION, DOMAIN_ROLE, HistoryModel
from sdm_desktop.ui.history.history_window import HistoryWindow

pytestmark = pytest.mark.gui

UTC = dt.UTC
AF = AidRef("af-anticoagulation", "1.2.0", "a" * 64, "Blood thinners for atrial fibrillation")
KNEE = AidRef("knee-oa", "1.0.0", "b" * 64, "Knee osteoarthritis")
PATIENT_A = valid_nhs(101)
PATIENT_B = valid_nhs(102)
PATIENT_C = valid_nhs(103)
LOCAL = "HOSP-4471"


def _at(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(12, 0), tzinfo=UTC)


def _record(
    i: int,
    day: dt.date,
    aid: AidRef,
    status: str,
    option: str | None,
    patient: str,
    *,
    kind: str = "nhs_number",
    notes: str = "",
    sure: dict[str, int] | None = None,
) -> Record:
    record = final_record(i, when=_at(day), status=status, option=option, patient=patient, notes=notes, sure=sure)
    return record.updated(aid=aid, patient_id_kind=kind)


def _seed() -> dict[str, Record]:
    r1 = _record(1, dt.date(2026, 1, 10), AF, "decided", "apixaban", PATIENT_A, notes="Worried about falls at home")
    r2 = _record(
        2,
        dt.date(2026, 2, 15),
        AF,
        "undecided",
        None,
        PATIENT_B,
        notes="Daughter helps with tablets",
        sure={"s1": 1, "s2": 0, "s3": 1, "s4": 0},
    )
    r3 = _record(3, dt.date(2026, 3, 20), KNEE, "more_time", None, PATIENT_A)
    r4 = _record(
        4,
        dt.date(2026, 4, 1),
        KNEE,
        "decided",
        "injection",
        LOCAL,
        kind="local_reference",
        notes="<b>not bold</b> & <script>x</script>",
    )
    r5 = _record(5, dt.date(2026, 5, 5), AF, "leaning", "warfarin", PATIENT_C)
    r6 = r5.updated(
        record_id="00000000-0000-4000-8000-000000000006",
        version=2,
        amends=r5.record_id,
        amended_by="Dr Bea Smith (GP)",
        amended_reason="Wrong option recorded",
        amended_at=_at(dt.date(2026, 5, 6)),
        finalised=_at(dt.date(2026, 5, 6)),
        decision=Decision("decided", "apixaban"),
    )
    return {"r1": r1, "r2": r2, "r3": r3, "r4": r4, "r5": r5, "r6": r6}


@pytest.fixture
def records() -> dict[str, Record]:
    return _seed()


@pytest.fixture
def store(tmp_path: Path, records: dict[str, Record]) -> Iterator[RecordStore]:
    with RecordStore.open(tmp_path / "data") as s:
        s.import_final(records.values())
        yield s


@pytest.fixture
def window(qtbot, store: RecordStore) -> Iterator[HistoryWindow]:  # type: ignore[no-untyped-def]
    win = HistoryWindow(store)
    qtbot.addWidget(win)
    win.resize(1100, 800)
    win.show()
    yield win
    win.close()


def _listed(win: HistoryWindow) -> set[str]:
    return {s.record_id for s in win.model.rows}


def _ids(records: dict[str, Record], *keys: str) -> set[str]:
    return {records[k].record_id for k in keys}


def test_opens_listing_the_latest_version_of_every_record(window: HistoryWindow, records: dict[str, Record]) -> None:
    # r5 was replaced by its amendment r6, so only r6 is listed
    assert _listed(window) == _ids(records, "r1", "r2", "r3", "r4", "r6")
    assert window.model.rows[0].record_id == records["r6"].record_id  # latest consultation first
    assert "5 records" in window.status.text()


@pytest.mark.parametrize(
    ("fill", "expected"),
    [
        (lambda w: w.patient.setText(PATIENT_A), ("r1", "r3")),
        (lambda w: w.patient.setText(f"{PATIENT_A[:3]} {PATIENT_A[3:6]} {PATIENT_A[6:]}"), ("r1", "r3")),
        (lambda w: w.patient.setText(LOCAL), ("r4",)),
        (lambda w: (w.since.setText("01/02/2026"), w.until.setText("2026-03-31")), ("r2", "r3")),
        (lambda w: w.since.setText("1/4/2026"), ("r4", "r6")),
        (lambda w: w.aid.setCurrentIndex(w.aid.findData("knee-oa")), ("r3", "r4")),
        (lambda w: w.decision.setCurrentIndex(w.decision.findData("undecided")), ("r2",)),
        (lambda w: w.decision.setCurrentIndex(w.decision.findData("more_time")), ("r3",)),
        (lambda w: w.decision.setCurrentIndex(w.decision.findData("decided")), ("r1", "r4", "r6")),
        (lambda w: w.option.setCurrentIndex(w.option.findData("apixaban")), ("r1", "r6")),
        (lambda w: w.words.setText("falls"), ("r1",)),
        (lambda w: w.words.setText("daught tablet"), ("r2",)),
        (
            lambda w: (w.patient.setText(PATIENT_A), w.aid.setCurrentIndex(w.aid.findData("af-anticoagulation"))),
            ("r1",),
        ),
    ],
)
def test_each_filter_finds_the_right_records(
    qtbot,
    window: HistoryWindow,
    records: dict[str, Record],  # type: ignore[no-untyped-def]
    fill: object,
    expected: tuple[str, ...],
) -> None:
    fill(window)  # type: ignore[operator]
    want = _ids(records, *expected)
    qtbot.waitUntil(lambda: _listed(window) == want, timeout=3000)


def test_typing_waits_for_a_pause_before_searching(qtbot, window: HistoryWindow, records: dict[str, Record]) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(window.model.searched, timeout=3000):
        qtbot.keyClicks(window.words, "falls")
        assert len(window.model.rows) == 5  # nothing has run yet while typing
    assert _listed(window) == _ids(records, "r1")


def test_option_list_follows_the_aid(qtbot, window: HistoryWindow) -> None:  # type: ignore[no-untyped-def]
    options = lambda: {window.option.itemData(i) for i in range(1, window.option.count())}  # noqa: E731
    assert options() == {"apixaban", "warfarin", "injection"}
    window.aid.setCurrentIndex(window.aid.findData("knee-oa"))
    assert options() == {"injection"}


def test_a_wrong_date_is_said_inline_and_keeps_the_list(qtbot, window: HistoryWindow) -> None:  # type: ignore[no-untyped-def]
    window.since.setText("31/02/2026")
    qtbot.waitUntil(lambda: window.date_error.isVisible(), timeout=3000)
    assert "There is no 31 February 2026" in window.date_error.text()
    assert len(window.model.rows) == 5
    window.since.setText("01/05/2026")
    window.until.setText("01/01/2026")
    qtbot.waitUntil(lambda: "before" in window.date_error.text(), timeout=3000)
    window.until.clear()
    qtbot.waitUntil(lambda: not window.date_error.isVisible(), timeout=3000)


def test_columns_show_the_sure_flag_and_the_version(window: HistoryWindow, records: dict[str, Record]) -> None:
    model = window.model
    by_id = {model.index(r, 0).data(DOMAIN_ROLE).record_id: r for r in range(model.rowCount())}
    low = model.index(by_id[records["r2"].record_id], COL_SURE)
    assert low.data() == "2 of 4, low"
    assert low.data(Qt.ItemDataRole.FontRole).bold()
    assert "3 or less" in low.data(Qt.ItemDataRole.ToolTipRole)
    assert model.index(by_id[records["r1"].record_id], COL_SURE).data() == "4 of 4"
    assert model.index(by_id[records["r6"].record_id], COL_VERSION).data() == "2, amended"
    assert model.index(by_id[records["r1"].record_id], COL_VERSION).data() == "1"


def test_the_model_passes_the_model_tester_while_paging(qtmodeltester, store: RecordStore) -> None:  # type: ignore[no-untyped-def]
    extra = [final_record(100 + i, when=_at(dt.date(2025, 1, 1)) + dt.timedelta(hours=i)) for i in range(7)]
    store.import_final(extra)
    model = HistoryModel(store, page_size=3)
    model.search(model.query)
    assert model.rowCount() == 3 and model.total == 12
    assert model.status_text().startswith("Showing the first 3 of 12 records")
    qtmodeltester.check(model, force_py=True)
    while model.canFetchMore():
        model.fetchMore()
    assert model.rowCount() == 12 and len({s.record_id for s in model.rows}) == 12
    assert model.status_text() == "12 records (latest first)."
    qtmodeltester.check(model, force_py=True)


def test_enter_opens_the_record_read_only_with_every_field(
    qtbot, window: HistoryWindow, records: dict[str, Record]
) -> None:  # type: ignore[no-untyped-def]
    row = next(r for r, s in enumerate(window.model.rows) if s.record_id == records["r4"].record_id)
    window.table.setFocus()
    window.table.selectRow(row)
    qtbot.keyClick(window.table, Qt.Key.Key_Return)
    text = window.view.text.toPlainText()
    assert window.view.record is not None and window.view.record.record_id == records["r4"].record_id
    assert window.view.text.isReadOnly()
    for needle in (
        "Knee osteoarthritis",
        f"Local reference {LOCAL}",
        "Dr Ada Jones, GP",
        "Decided: injection",
        "Will it hurt?",
        "avoid-pills: 3",
        "about 5 out of 100 over 1 year",
        "Total: 4 of 4",
        "c1: 4; c2: 4; c3: 4",
        "s1: yes; s2: yes; s3: yes; s4: yes",
        "Version 1, finalised by Dr Ada Jones",
    ):
        assert needle in text, needle
    # typed text is shown as typed, never as markup
    assert "<b>not bold</b> & <script>x</script>" in text


def test_reopen_lists_versions_with_who_when_and_why(qtbot, window: HistoryWindow, records: dict[str, Record]) -> None:  # type: ignore[no-untyped-def]
    window.open_record(records["r6"].record_id)
    text = window.view.text.toPlainText()
    assert "Version 1, finalised by Dr Ada Jones" in text
    assert "Version 2, amended by Dr Bea Smith (GP) on 06/05/2026" in text and "Reason: Wrong option recorded" in text
    assert window.view.amend_button.isEnabled()
    window.open_record(records["r5"].record_id)  # the replaced version can be read, not amended
    assert "Leaning: warfarin" in window.view.text.toPlainText()
    assert not window.view.amend_button.isEnabled() and window.view.reprint_button.isEnabled()
    assert "later version" in window.view.note.text()


def test_amend_asks_the_reason_then_emits_the_id(qtbot, window: HistoryWindow, records: dict[str, Record]) -> None:  # type: ignore[no-untyped-def]
    window.open_record(records["r1"].record_id)
    emitted: list[str] = []
    window.amendRequested.connect(emitted.append)
    dialog = window.view.ask_amend()
    assert dialog is not None and dialog.isVisible()
    dialog.amend_button.click()  # no reason yet
    assert emitted == [] and dialog.error.isVisible() and dialog.isVisible()
    dialog.reason.setText("  Follow-up date   was wrong ")
    with qtbot.waitSignal(window.amendRequested, timeout=2000) as blocker:
        dialog.amend_button.click()
    assert blocker.args == [records["r1"].record_id]
    assert window.amend_reason == "Follow-up date was wrong"


def test_reprint_emits_the_id_of_the_record_shown(qtbot, window: HistoryWindow, records: dict[str, Record]) -> None:  # type: ignore[no-untyped-def]
    assert not window.view.reprint_button.isEnabled()  # nothing open yet
    window.open_record(records["r2"].record_id)
    with qtbot.waitSignal(window.reprintRequested, timeout=2000) as blocker:
        window.view.reprint_button.click()
    assert blocker.args == [records["r2"].record_id]


def test_a_missing_record_gives_a_message(window: HistoryWindow) -> None:
    window.open_record("no-such-id")
    assert "could not be opened" in window.view.text.toPlainText()
    assert not window.view.reprint_button.isEnabled()


def test_every_control_is_named_and_reachable_by_keyboard(window: HistoryWindow) -> None:
    assert_named_and_reachable(window)


def assert_named_and_reachable(root: QWidget) -> None:
    """Every interactive control has an accessible name (or a label pointing at it) and takes Tab focus."""
    interactive = (QAbstractButton, QLineEdit, QComboBox, QAbstractSpinBox, QAbstractItemView, QTextEdit)
    buddies = {label.buddy() for label in root.findChildren(QLabel) if label.buddy() is not None}

    def internal(w: QWidget) -> bool:
        parent = w.parentWidget()
        while parent is not None:
            if isinstance(parent, (QComboBox, QAbstractSpinBox, QAbstractItemView, QLineEdit)):
                return True
            parent = parent.parentWidget()
        return w.objectName().startswith("qt_")

    controls = [w for w in root.findChildren(QWidget) if isinstance(w, interactive) and not internal(w)]
    assert len(controls) >= 5
    unnamed = [
        f"{type(w).__name__} {w.text() if isinstance(w, QAbstractButton) else ''}"
        for w in controls
        if not w.accessibleName().strip() and w not in buddies
    ]
    assert unnamed == []

    def tab_focus(w: QWidget) -> bool:
        # Qt gives Tab focus to the checked button of an exclusive group; arrow keys move within the group.
        group = w.group() if isinstance(w, QAbstractButton) else None
        members = group.buttons() if group is not None and group.exclusive() else [w]
        return any(m.focusPolicy() & Qt.FocusPolicy.TabFocus for m in members)

    unreachable = [f"{type(w).__name__} {w.accessibleName()}" for w in controls if not tab_focus(w)]
    assert unreachable == []


def test_refresh_finds_records_finalised_since_the_window_opened(window: HistoryWindow, store: RecordStore) -> None:
    new = final_record(50, when=_at(dt.date(2026, 6, 1)), status="decided", option="physio").updated(aid=KNEE)
    store.import_final([new])
    assert new.record_id not in _listed(window)
    window.refresh()
    assert new.record_id in _listed(window)
    assert window.option.findData("physio") >= 0


def test_with_the_library_options_questions_and_considerations_are_named(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from sdm_desktop.grids.store import LibraryStore
    from sdm_desktop.paths import SHIPPED_LIBRARY

    library = LibraryStore([SHIPPED_LIBRARY], cache_file=None).load()
    grid = next(g for g in library.grids if g.id == "af-anticoagulation")
    doac = next(o for o in grid.options if o.id == "doac")
    stroke = next(r for r in grid.rows if r.id == "stroke")
    consideration = grid.considerations[0]
    record = _record(
        1,
        dt.date(2026, 6, 1),
        AidRef(grid.id, grid.version, grid.content_hash, str(grid.title)),
        "decided",
        "doac",
        PATIENT_A,
    ).updated(rows_discussed=("stroke", "no-such-row"), importance={consideration.id: 4})
    with RecordStore.open(tmp_path / "named") as s:
        s.import_final([record])
        win = HistoryWindow(s, library=library)
        qtbot.addWidget(win)
        win.search_now()
        assert win.model.rowCount() == 1
        assert win.model.index(0, 3).data() == f"Decided: {doac.name}"
        win.table.setFocus()
        win.open_index(win.model.index(0, 0))
        text = win.view.text.toPlainText()
        assert str(stroke.question) in text and str(consideration.text) in text
        assert "no-such-row" in text  # an id the aid does not have is shown as it is
        bare = HistoryWindow(s)  # without the library, ids
        qtbot.addWidget(bare)
        bare.search_now()
        assert bare.model.index(0, 3).data() == "Decided: doac"
