"""Loading documents and whole libraries: parse, schema, model, lint, cross-checks."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from . import schema
from .build import build
from .facts import Facts, facts_of
from .facts import cross_check as check_facts
from .findings import Finding, Severity, has_errors
from .lint import AUTHORING_RULES, lint
from .model import Document, OptionGrid, PromptSet, RiskScore
from .signoff import is_sidecar
from .yamlsafe import MAX_BYTES, SourceMap, load_bytes

YAML_SUFFIXES = (".yaml", ".yml")


class LoadedFile:
    """One file: its document if it could be built, and every finding about it.

    ``facts`` (see facts.py) say what the library needs without the document.
    A file listed from the catalogue cache has facts and findings but no
    document yet: ``loader`` builds it the first time ``document`` is read.
    """

    def __init__(
        self,
        path: str,
        document: Document | None,
        findings: list[Finding],
        source: SourceMap | None = None,
        *,
        facts: Facts | None = None,
        loader: Callable[[], Document | None] | None = None,
    ) -> None:
        self.path = path
        self.findings = findings
        self.source = source if source is not None else SourceMap()
        self._document = document
        self._loader = loader if document is None else None
        if facts is None and document is not None:
            facts = facts_of(document, self.source, path)
        self.facts = facts

    @property
    def document(self) -> Document | None:
        if self._loader is not None:
            loader, self._loader = self._loader, None
            self._document = loader()
        return self._document

    @property
    def loaded(self) -> bool:
        """The document has been built (or there is none to build)."""
        return self._loader is None

    @property
    def kind(self) -> str | None:
        return self.facts.kind if self.facts is not None else None

    @property
    def ok(self) -> bool:
        """Usable: built, with no errors (warnings allowed)."""
        return self.facts is not None and not has_errors(self.findings)

    def copy(self) -> LoadedFile:
        """The same file with its own list of findings (the document, once built, is shared)."""
        other = LoadedFile(self.path, self._document, list(self.findings), self.source, facts=self.facts)
        if self._loader is not None:
            other._loader = self._load_shared
        return other

    def _load_shared(self) -> Document | None:
        return self.document

    def __repr__(self) -> str:
        return f"LoadedFile({self.path!r}, {self.kind or 'not built'}, {len(self.findings)} findings)"


def _read(path: Path) -> tuple[bytes | None, Finding | None]:
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            return None, Finding(
                str(path),
                1,
                1,
                Severity.ERROR,
                f"the file is too large ({size / 1_000_000:.1f} MB; the limit is {MAX_BYTES // 1_000_000} MB)",
                "file-too-large",
            )
        with open(path, "rb") as handle:
            return handle.read(MAX_BYTES + 1), None
    except OSError as exc:
        return None, Finding(
            str(path), 1, 1, Severity.ERROR, f"the file could not be read: {exc.strerror or exc}", "file-unreadable"
        )


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
    """Check one document's bytes. Never raises for bad content: a fault in
    any step is this file's located error (rule ``loader-fault``), so the
    rest of the library loads as usual."""
    try:
        return _load_data(data, path, today, run_lint=run_lint, authoring=authoring)
    except (ArithmeticError, LookupError, RecursionError, TypeError, ValueError, AttributeError) as exc:
        message = (
            f"this file could not be checked ({type(exc).__name__}); it is left out of the library. "
            "Please report it with the file attached."
        )
        return LoadedFile(path, None, [Finding(path, 1, 1, Severity.ERROR, message, LOADER_FAULT)])


LOADER_FAULT = "loader-fault"


def _load_data(data: bytes, path: str, today: dt.date | None, *, run_lint: bool, authoring: bool) -> LoadedFile:
    loaded = load_bytes(data, path)
    if not loaded.ok:
        return LoadedFile(path, None, loaded.findings, loaded.source)
    findings = schema.check(loaded.data, loaded.source, path)
    if findings:
        return LoadedFile(path, None, findings, loaded.source)
    doc, findings = build(loaded.data, loaded.source, path, hashlib.sha256(data).hexdigest())
    if run_lint:
        findings += lint(
            doc,
            loaded.source,
            today,
            skip=frozenset() if authoring else AUTHORING_RULES,
            text=data.decode("utf-8", "replace"),
        )
    findings.sort()
    return LoadedFile(path, doc, findings, loaded.source)


def discover(folders: Iterable[str | Path]) -> list[Path]:
    """Every YAML file under ``folders`` (or the files themselves), in a stable order.

    Hidden files and folders are skipped; a file reached twice (overlapping
    folders, links) is listed once.
    """
    found: list[Path] = []
    seen: set[object] = set()
    for folder in folders:
        root = os.fspath(folder)
        if os.path.isfile(root):
            candidates = [root]
        else:
            names: list[str] = []
            for dirpath, dirnames, filenames in os.walk(root):
                dirnames[:] = [d for d in dirnames if not d.startswith(".")]
                names.extend(
                    os.path.join(dirpath, name)
                    for name in filenames
                    if name.endswith(YAML_SUFFIXES) and not name.startswith(".") and not is_sidecar(name)
                )
            candidates = sorted(names, key=lambda name: name.split(os.sep))
        for candidate in candidates:
            try:
                st = os.stat(candidate)
                key: object = (st.st_dev, st.st_ino)
            except OSError:
                key = os.path.realpath(candidate)
            if key not in seen:
                seen.add(key)
                found.append(Path(candidate))
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

    def _of_kind(self, kind: str) -> list[Document]:
        return [lf.document for lf in self.files if lf.ok and lf.kind == kind and lf.document is not None]

    @property
    def problems(self) -> list[LoadedFile]:
        return [lf for lf in self.files if not lf.ok]

    def by_id(self) -> dict[str, Document]:
        return {d.id: d for d in self.documents}

    @property
    def grids(self) -> list[OptionGrid]:
        return [d for d in self._of_kind("option_grid") if isinstance(d, OptionGrid)]

    def grids_with_id(self, grid_id: str) -> list[OptionGrid]:
        """The usable grids whose id is ``grid_id``, found by their facts: only those are built."""
        return [
            d
            for lf in self.files
            if lf.ok
            and lf.kind == "option_grid"
            and lf.facts is not None
            and lf.facts.id == grid_id
            and isinstance(d := lf.document, OptionGrid)
        ]

    @property
    def prompt_sets(self) -> list[PromptSet]:
        return [d for d in self._of_kind("prompt_set") if isinstance(d, PromptSet)]

    @property
    def scores(self) -> dict[str, RiskScore]:
        return {d.id: d for d in self._of_kind("risk_score") if isinstance(d, RiskScore)}

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


def cross_check(files: list[LoadedFile]) -> None:
    """References between documents: unique ids, and grids' links to risk scores (see facts.py)."""
    check_facts(files)
