"""SDM quality view: figures as quality_stats gives them, the chart paints, CSV export, the empty period."""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from test_records_factory import final_record

pytest.importorskip("PySide6.QtWidgets")

from PySide6.QtGui import QColor, QImage, QPalette

from sdm_desktop.records.model import AidRef
from sdm_desktop.records.store import RecordStore
from sdm_desktop.ui.history.bar_chart import Bar, BarChart
from sdm_desktop.ui.history.quality_view import PAGE_EMPTY, PAGE_FIGURES, QualityView, a_year_before

pytestmark = pytest.mark.gui

TODAY = dt.date(2026, 6, 30)
AF = AidRef("af-anticoagulation", "1.2.0", "a" * 64, "Blood thinners for atrial fibrillation")
KNEE = AidRef("knee-oa", "1.0.0", "b" * 64, "Knee osteoarthritis")
UNSURE = {"s1": 1, "s2": 0, "s3": 1, "s4": 1}  # total 3: flagged
SURE = {"s1": 1, "s2": 1, "s3": 1, "s4": 1}
TOP = {"c1": 4, "c2": 4, "c3": 4}
NOT_TOP = {"c1": 4, "c2": 3, "c3": 4}


def _at(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(12, 0), tzinfo=dt.UTC)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[RecordStore]:
    day = dt.date(2026, 3, 1)
    seed = [
        # AF: 3 decided apixaban, 1 undecided. SURE answered by all 4, 2 flagged. CollaboRATE: 3 answered, 1 top box.
        final_record(1, when=_at(day), status="decided", option="apixaban", sure=UNSURE, collaborate=TOP),
        final_record(2, when=_at(day), status="decided", option="apixaban", sure=SURE, collaborate=NOT_TOP),
        final_record(3, when=_at(day), status="decided", option="apixaban", sure=SURE, collaborate={}),
        final_record(4, when=_at(day), status="undecided", sure=UNSURE, collaborate=NOT_TOP),
        # Knee: 1 decided injection. SURE not asked. CollaboRATE top box.
        final_record(5, when=_at(day), status="decided", option="injection", sure={}, collaborate=TOP),
        # More than 12 months ago: outside the default period.
        final_record(6, when=_at(dt.date(2025, 1, 1)), status="more_time", sure=UNSURE, collaborate=TOP),
    ]
    seed = [r.updated(aid=KNEE if r.record_id.endswith("5") else AF) for r in seed]
    with RecordStore.open(tmp_path / "data") as s:
        s.import_final(seed)
        yield s


@pytest.fixture
def view(qtbot, store: RecordStore) -> Iterator[QualityView]:  # type: ignore[no-untyped-def]
    v = QualityView(store, today=TODAY)
    qtbot.addWidget(v)
    v.resize(1000, 800)
    v.show()
    yield v
    v.close()


def test_default_period_is_the_last_12_months(view: QualityView) -> None:
    assert (view.since.text(), view.until.text()) == ("01/07/2025", "30/06/2026")
    assert a_year_before(dt.date(2024, 2, 29)) == dt.date(2023, 3, 1)
    assert view.stats is not None and (view.stats.since, view.stats.until) == (dt.date(2025, 7, 1), TODAY)


def test_figures_are_those_of_quality_stats(view: QualityView, store: RecordStore) -> None:
    stats = store.quality_stats(dt.date(2025, 7, 1), TODAY)
    assert view.stats == stats
    assert view.pages.currentIndex() == PAGE_FIGURES
    # worked out by hand from the seed: 5 records; SURE 2 of 4 flagged; top box 2 of 4 complete answers
    assert view.records_label.text() == "5"
    assert view.sure_label.text() == "50% (2 of 4 answered)"
    assert view.top_box_label.text() == "50% (2 of 4 answered)"
    table = {
        view.aid_table.item(r, 0).text(): [view.aid_table.item(r, c).text() for c in range(1, 4)]
        for r in range(view.aid_table.rowCount())
    }
    assert table == {
        "Blood thinners for atrial fibrillation": ["4", "50% (2 of 4 answered)", "33% (1 of 3 answered)"],
        "Knee osteoarthritis": ["1", "no complete SURE answers in this period", "100% (1 of 1 answered)"],
    }
    bars = {(b.group, b.label): (b.value, b.text) for b in view.chart.bars}
    assert bars == {
        ("Blood thinners for atrial fibrillation (4 records)", "Decided: apixaban"): (3, "3 (75%)"),
        ("Blood thinners for atrial fibrillation (4 records)", "Undecided"): (1, "1 (25%)"),
        ("Knee osteoarthritis (1 record)", "Decided: injection"): (1, "1 (100%)"),
    }
    assert "Decided: apixaban: 3 (75%)" in view.chart.accessibleDescription()


def test_changing_the_period_updates_the_figures(qtbot, view: QualityView) -> None:  # type: ignore[no-untyped-def]
    view.since.setText("01/01/2025")
    qtbot.waitUntil(lambda: view.records_label.text() == "6", timeout=3000)
    assert ("Blood thinners for atrial fibrillation (5 records)", "Wants more time") in {
        (b.group, b.label) for b in view.chart.bars
    }


def test_an_empty_period_says_so_instead_of_an_empty_chart(qtbot, view: QualityView) -> None:  # type: ignore[no-untyped-def]
    view.since.setText("01/01/2020")
    view.until.setText("31/12/2020")
    qtbot.waitUntil(lambda: view.pages.currentIndex() == PAGE_EMPTY, timeout=3000)
    assert view.empty.isVisible() and view.empty.text() == "No finished records in this period."
    assert not view.chart.isVisible() and not view.export_button.isEnabled()


def test_a_wrong_date_is_said_and_the_figures_stay(qtbot, view: QualityView) -> None:  # type: ignore[no-untyped-def]
    view.until.setText("32/01/2026")
    qtbot.waitUntil(lambda: view.message.isVisible(), timeout=3000)
    assert "To date:" in view.message.text() and "no 32 January 2026" in view.message.text()
    assert view.records_label.text() == "5"


def test_export_csv_writes_the_figures(view: QualityView, tmp_path: Path) -> None:
    chooser = view.choose_csv()
    assert chooser.isVisible()  # opened with open(), never exec()
    assert view.default_file_name() == "sdm-quality-2025-07-01-to-2026-06-30.csv"
    target = tmp_path / "out" / "quality.csv"
    chooser.fileSelected.emit(str(target))
    chooser.close()
    with open(target, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    overall = {r["measure"]: r for r in rows if r["aid_title"] == "all aids"}
    assert (overall["sure_total_3_or_less"]["count"], overall["sure_total_3_or_less"]["denominator"]) == ("2", "4")
    decided = [r for r in rows if r["measure"] == "decision" and r["option_id"] == "apixaban"]
    assert [(r["count"], r["denominator"]) for r in decided] == [("3", "4")]
    assert "saved to" in view.message.text()
    assert [p.name for p in target.parent.iterdir()] == ["quality.csv"]  # no temporary file left behind


def test_export_csv_to_a_bad_place_says_so(view: QualityView, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")
    assert view.export_csv(blocker / "quality.csv") is False
    assert "could not be saved" in view.message.text() and "Nothing was written" in view.message.text()


def _ink_pixels(image: QImage, rect: object, background: QColor) -> int:
    r = rect.toRect()  # type: ignore[attr-defined]
    return sum(
        1
        for x in range(r.left() + 1, r.right() - 1, 2)
        for y in range(r.top() + 1, r.bottom() - 1, 2)
        if image.pixelColor(x, y) != background
    )


def test_the_chart_paints_bars_as_long_as_their_counts(qtbot) -> None:  # type: ignore[no-untyped-def]
    chart = BarChart()
    qtbot.addWidget(chart)
    chart.set_bars(
        [
            Bar("Decided: apixaban", 6, "6 (60%)", "AF"),
            Bar("Undecided", 3, "3 (30%)", "AF"),
            Bar("Wants more time", 0, "0 (0%)", "AF"),
        ]
    )
    chart.resize(600, chart.sizeHint().height())
    chart.show()
    image = chart.grab().toImage()
    background = chart.palette().color(QPalette.ColorRole.Window)
    long, short, zero = chart.bar_rects()
    assert long.width() == pytest.approx(2 * short.width()) and zero.width() == 0
    assert _ink_pixels(image, long, background) > 50 and _ink_pixels(image, short, background) > 20
    # each bar's label and figure are written beside it, so it reads without colour
    label_area = image.copy(0, int(long.top()), int(long.left()), int(long.height()))
    assert any(
        label_area.pixelColor(x, y) != background for x in range(label_area.width()) for y in range(label_area.height())
    )
    gap = long.right() + 2
    assert any(
        image.pixelColor(int(gap + dx), int(long.center().y()) + dy) != background
        for dx in range(4, 40)
        for dy in range(-4, 5)
    )
