"""Render the past-records window and the SDM quality view to docs/screenshots/.

Writes ui-history.png and ui-quality.png from a temporary records database
seeded with made-up consultations (synthetic test NHS numbers, invented
notes; never anyone's real data). Runs headless with every per-user folder
pointed at a temporary one. Usage: python scripts/screenshots_records.py [OUTPUT_FOLDER]
"""

from __future__ import annotations

import datetime as dt
import os
import random
import sys
import tempfile
from pathlib import Path

_home = tempfile.mkdtemp(prefix="sdm-screenshots-records-")
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["SDM_DESKTOP_CONFIG_DIR"] = str(Path(_home) / "config")
os.environ["SDM_DESKTOP_CACHE_DIR"] = str(Path(_home) / "cache")
os.environ["SDM_DESKTOP_DATA_DIR"] = str(Path(_home) / "data")

from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from sdm_desktop.grids.store import LibraryStore  # noqa: E402
from sdm_desktop.paths import PROJECT_DIR, SHIPPED_LIBRARY  # noqa: E402
from sdm_desktop.records.model import AidRef, Decision, FigureShown, Record  # noqa: E402
from sdm_desktop.records.store import RecordStore  # noqa: E402
from sdm_desktop.ui.app import create_application  # noqa: E402
from sdm_desktop.ui.history.history_window import HistoryWindow  # noqa: E402
from sdm_desktop.ui.history.quality_view import QualityView  # noqa: E402

TODAY = dt.date(2026, 11, 24)
AF = AidRef(
    "af-anticoagulation",
    "1.0.0",
    "a" * 64,
    "Atrial fibrillation: should I take a medicine to lower my stroke risk, and which?",
)
KNEE = AidRef("knee-osteoarthritis", "1.0.0", "b" * 64, "Knee osteoarthritis that is still bad after treatment")
PROSTATE = AidRef("benign-prostate-enlargement", "1.0.0", "c" * 64, "Urine problems from an enlarged prostate")
CHOICES = {
    AF: (
        ("decided", "doac"),
        ("decided", "doac"),
        ("decided", "warfarin"),
        ("decided", "none"),
        ("leaning", "doac"),
        ("undecided", None),
        ("more_time", None),
    ),
    KNEE: (
        ("decided", "exercise"),
        ("decided", "exercise"),
        ("leaning", "replacement"),
        ("decided", "replacement"),
        ("more_time", None),
    ),
    PROSTATE: (("decided", "wait"), ("decided", "medicines"), ("leaning", "surgery"), ("undecided", None)),
}
ROWS = {AF: ("what", "stroke", "bleeding"), KNEE: ("what", "pain"), PROSTATE: ("what", "relief")}
MATTERS = {
    AF: ("avoid-stroke", "avoid-bleeding"),
    KNEE: ("avoid-surgery", "stay-active"),
    PROSTATE: ("avoid-surgery", "sex-life"),
}
NOTES = (
    "Worried about falls at home",
    "Daughter helps with tablets",
    "Drives to work every day",
    "Keen to keep gardening",
    "Would like to talk to family first",
    "",
)


def synthetic_nhs(rng: random.Random) -> str:
    """A number in the 999 range kept for test patients, with a correct check digit."""
    while True:
        first9 = "999" + "".join(str(rng.randrange(10)) for _ in range(6))
        check = 11 - sum(int(d) * (10 - i) for i, d in enumerate(first9)) % 11
        check = 0 if check == 11 else check
        if check < 10:
            return first9 + str(check)


def seed(store: RecordStore) -> str:
    """Made-up final records over the last year, one of them amended; returns the amended record's id."""
    rng = random.Random(7)
    records: list[Record] = []
    for i in range(60):
        aid = rng.choice((AF, AF, KNEE, PROSTATE))
        status, option = rng.choice(CHOICES[aid])
        when = dt.datetime.combine(
            TODAY - dt.timedelta(days=rng.randrange(2, 360)), dt.time(9 + i % 8, 10 * (i % 6)), tzinfo=dt.UTC
        )
        local = i % 9 == 0
        records.append(
            Record(
                record_id=f"5d1e0000-0000-4000-8000-{i:012d}",
                status="final",
                created=when,
                finalised=when + dt.timedelta(minutes=12),
                clinician_name=rng.choice(("Dr Ada Jones", "Sam Patel")),
                clinician_role=rng.choice(("GP", "Practice nurse")),
                patient_id_kind="local_reference" if local else "nhs_number",
                patient_id=f"RX{4000 + i}" if local else synthetic_nhs(rng),
                aid=aid,
                rows_discussed=ROWS[aid],
                risk_inputs={"age": 60 + i % 25, "female": i % 2 == 0} if aid == AF else {},
                scores_shown={"cha2ds2-vasc": 2 + i % 4} if aid == AF else {},
                figures_shown=(FigureShown("stroke", "doac", 1 + i % 3, 100, "1 year", 1.4),) if aid == AF else (),
                importance={MATTERS[aid][0]: i % 6, MATTERS[aid][1]: 5 - i % 6},
                what_matters=rng.choice(NOTES),
                questions=("Can I still drink alcohol?",) if i % 3 == 0 else (),
                decision=Decision(
                    status,
                    option,  # type: ignore[arg-type]
                    TODAY + dt.timedelta(days=28) if status == "more_time" else None,
                    "Book a blood test" if status == "decided" else "",
                ),
                sure={
                    f"sure-{k}": int(rng.random() > (0.35 if status in ("undecided", "more_time") else 0.08))
                    for k in range(1, 5)
                }
                if i % 5
                else {},
                collaborate={f"collaborate-{k}": rng.choice((3, 4, 4, 4)) for k in range(1, 4)} if i % 4 else {},
                notes=rng.choice(NOTES),
            )
        )
    first = records[3]
    amended = first.updated(
        record_id="5d1e0000-0000-4000-8000-999999999999",
        version=2,
        amends=first.record_id,
        amended_by="Dr Bea Smith (GP)",
        amended_reason="Follow-up date was wrong",
        amended_at=first.created + dt.timedelta(days=1),
        finalised=first.created + dt.timedelta(days=1),
    )
    store.import_final([*records, amended])
    return amended.record_id


def save(widget: QWidget, path: Path, app: QApplication) -> None:
    for _ in range(5):
        app.processEvents()
    widget.grab().save(str(path))
    print(path)


def main(argv: list[str]) -> int:
    out = Path(argv[1]) if len(argv) > 1 else PROJECT_DIR / "docs" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    app = create_application()
    with RecordStore.open(Path(_home) / "data") as store:
        amended = seed(store)
        library = LibraryStore([SHIPPED_LIBRARY]).load()  # names of options, questions and considerations
        history = HistoryWindow(store, library=library)
        history.resize(1280, 860)
        history.show()
        history.patient.setText(store.get(amended).patient_id)  # search for one patient, as a clinician would
        history.search_now()
        history.table.setFocus()
        history.open_index(history.table.currentIndex())
        history.splitter.setSizes([330, 530])
        save(history, out / "ui-history.png", app)
        history.close()
        quality = QualityView(store, today=TODAY, library=library)
        quality.resize(1100, 900)
        quality.show()
        save(quality, out / "ui-quality.png", app)
        quality.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
