"""Loading documents and whole libraries: parse, schema, model, lint, cross-checks."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from . import schema
from .build import build
from .findings import Finding, Severity, has_errors
from .lint import AUTHORING_RULES, lint
from .model import Document, OptionGrid, PromptSet, RiskScore
from .yamlsafe import MAX_BYTES, SourceMap, load_bytes

YAML_SUFFIXES = (".yaml", ".yml")


@dataclass
class LoadedFile:
    """One file: its document if it could be built, and every finding about it."""

    path: str
    document: Document | None
    findings: list[Finding]
    source: SourceMap = field(default_factory=SourceMap)

    @property
    def ok(self) -> bool:
        """Usable: built, with no errors (warnings allowed)."""
        return self.document is not None and not has_errors(self.findings)


def _read(path: Path) -> tuple[bytes | None, Finding | None]:
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            return None, Finding(
                str(path), 1, 1, Severity.ERROR,
                f"the file is too large ({size / 1_000_000:.1f} MB; the limit is {MAX_BYTES // 1_000_000} MB)",
                "file-too-large",
            )
        with open(path, "rb") as handle:
            return handle.read(MAX_BYTES + 1), None
    except OSError as exc:
        return None, Finding(str(path), 1, 1, Severity.ERROR, f"the file could not be read: {exc.strerror or exc}", "file-unreadable")


def load_file(
    path: str | Path, today: dt.date | None = None, *, run_lint: bool = True, authoring: bool = True
) -> LoadedFile:
    """Load and check one document. Never raises for bad content.

    ``authoring=False`` leaves out the editors' rules (lint.AUTHORING_RULES),
    as the window does when it loads a library."""
    p = Path(path)
    data, problem = _read(p)
    if data is None:
        assert problem is not None
        return LoadedFile(str(p), None, [problem])
    return load_data(data, str(p), today, run_lint=run_lint, authoring=authoring)


def load_data(
    data: bytes, path: str, today: dt.date | None = None, *, run_lint: bool = True, authoring: bool = True
) -> LoadedFile:
    loaded = load_bytes(data, path)
    if not loaded.ok:
        return LoadedFile(path, None, loaded.findings, loaded.source)
    findings = schema.check(loaded.data, loaded.source, path)
    if findings:
        return LoadedFile(path, None, findings, loaded.source)
    doc, findings = build(loaded.data, loaded.source, path, hashlib.sha256(data).hexdigest())
    if run_lint:
        findings += lint(doc, loaded.source, today, skip=frozenset() if authoring else AUTHORING_RULES)
    findings.sort()
    return LoadedFile(path, doc, findings, loaded.source)


def discover(folders: Iterable[str | Path]) -> list[Path]:
    """Every YAML file under ``folders`` (or the files themselves), in a stable order."""
    found: list[Path] = []
    seen: set[Path] = set()
    for folder in folders:
        root = Path(folder)
        if root.is_file():
            candidates: Iterable[Path] = [root]
        else:
            candidates = sorted(
                Path(dirpath) / name
                for dirpath, dirnames, filenames in os.walk(root)
                for name in filenames
                if name.endswith(YAML_SUFFIXES) and not name.startswith(".")
                if not any(part.startswith(".") for part in Path(dirpath).relative_to(root).parts)
            )
        for candidate in candidates:
            resolved = candidate.resolve()
            if resolved not in seen:
                seen.add(resolved)
                found.append(candidate)
    return found


@dataclass
class Library:
    files: list[LoadedFile]
    missing_folders: list[str] = field(default_factory=list)

    @property
    def findings(self) -> list[Finding]:
        return [f for lf in self.files for f in lf.findings]

    @property
    def documents(self) -> list[Document]:
        return [lf.document for lf in self.files if lf.ok and lf.document is not None]

    @property
    def problems(self) -> list[LoadedFile]:
        return [lf for lf in self.files if not lf.ok]

    def by_id(self) -> dict[str, Document]:
        return {d.id: d for d in self.documents}

    @property
    def grids(self) -> list[OptionGrid]:
        return [d for d in self.documents if isinstance(d, OptionGrid)]

    @property
    def prompt_sets(self) -> list[PromptSet]:
        return [d for d in self.documents if isinstance(d, PromptSet)]

    @property
    def scores(self) -> dict[str, RiskScore]:
        return {d.id: d for d in self.documents if isinstance(d, RiskScore)}

    def file_for(self, path: str) -> LoadedFile | None:
        for lf in self.files:
            if lf.path == path:
                return lf
        return None


def load_library(folders: Sequence[str | Path], today: dt.date | None = None) -> Library:
    """Load every document under ``folders`` and check references between them."""
    missing = [str(f) for f in folders if not Path(f).exists()]
    files = [load_file(p, today) for p in discover(f for f in folders if Path(f).exists())]
    cross_check(files)
    return Library(files, missing)


def _add(lf: LoadedFile, where: tuple[str | int, ...], message: str, rule: str, *, key: bool = False) -> None:
    line, col = lf.source.locate(where, key=key)
    lf.findings.append(Finding(lf.path, line, col, Severity.ERROR, message, rule))
    lf.findings.sort()


def cross_check(files: list[LoadedFile]) -> None:
    """References between documents: unique ids, and grids' links to risk scores."""
    first: dict[str, LoadedFile] = {}
    for lf in files:
        doc = lf.document
        if doc is None:
            continue
        if doc.id in first:
            _add(lf, ("id",), f"the id '{doc.id}' is already used by {first[doc.id].path}", "duplicate-id")
        else:
            first[doc.id] = lf
    scores = {lf.document.id: lf.document for lf in files if isinstance(lf.document, RiskScore)}
    for lf in files:
        grid = lf.document
        if not isinstance(grid, OptionGrid):
            continue
        inputs: set[str] = set()
        for row in grid.rows:
            link = row.risk.from_score if row.risk else None
            if link is None or row.risk is None:
                continue
            score = scores.get(link.score)
            if score is None:
                _add(lf, (*link.where, "score"), f"no risk score with the id '{link.score}' is in the library", "unknown-score")
                continue
            inputs |= {i.id for i in score.inputs}
            effect_ids = {e.id for e in score.effects}
            for oid, effect in link.effects.items():
                if effect is not None and effect not in effect_ids:
                    _add(lf, (*link.where, "effects", oid), f"'{link.score}' has no effect '{effect}' (it has: {', '.join(sorted(effect_ids)) or 'none'})", "unknown-effect")
            assert score.table is not None
            if str(score.table.time_frame) != str(row.risk.time_frame):
                _add(lf, (*row.risk.where, "time_frame"), f"the row's time frame '{row.risk.time_frame}' differs from the score table's '{score.table.time_frame}'", "risk-mixed-time-frame")
        for i, name in enumerate(grid.personalise_inputs):
            if name not in inputs:
                _add(lf, ("personalise", "inputs", i), f"'{name}' is not an input of any risk score this grid uses", "unknown-score-input")
