"""Clinical sign-off of one exact version of a content file, kept beside it.

``sdm-desktop sign-off FILE --reviewer NAME --role ROLE`` writes
``<stem>.signoff.yaml`` next to FILE: who reviewed it, their role, the date and
the SHA-256 of FILE's exact bytes. The content file itself is not changed (that
would change its hash), so a content folder under version control carries the
sign-off as one more small text file. The sign-off holds only while the hash
matches: any edit to FILE brings back "not reviewed".

A service may set "patients only see signed-off content" (``Config``); then a
document whose sign-off does not hold may be used only in training mode.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import yaml

from ..atomic import atomic_file
from .yamlsafe import load_bytes

SUFFIX = ".signoff.yaml"
MAX_SIDECAR_BYTES = 10_000
_SHA256 = re.compile(r"[0-9a-f]{64}\Z")
Use = Literal["patients", "training"]


def day(date: dt.date) -> str:
    """'5 March 2027'."""
    return f"{date.day} {date:%B %Y}"


def is_sidecar(path: str | Path) -> bool:
    return Path(path).name.endswith(SUFFIX)


def sidecar_path(path: str | Path) -> Path:
    p = Path(path)
    return p.with_name(p.stem + SUFFIX)


@dataclass(frozen=True)
class SignOff:
    reviewer: str
    role: str
    date: dt.date
    sha256: str

    def words(self) -> str:
        return f"Reviewed by {self.reviewer}, {self.role}, on {day(self.date)}"


@dataclass(frozen=True)
class Review:
    """Whether a file's sign-off holds, with what to say about it."""

    current: SignOff | None = None
    stale: SignOff | None = None
    problem: str | None = None

    @property
    def reviewed(self) -> bool:
        return self.current is not None

    def words(self) -> str:
        if self.current is not None:
            return self.current.words()
        if self.stale is not None:
            return f"Not clinically reviewed: changed since {self.stale.reviewer} reviewed it on {day(self.stale.date)}"
        return "Not clinically reviewed"


def _clean(value: str, what: str) -> str:
    value = " ".join(value.split())
    if not value:
        raise ValueError(f"the {what} is empty")
    if len(value) > 200:
        raise ValueError(f"the {what} is longer than 200 characters")
    return value


def sign_off(path: str | Path, reviewer: str, role: str, today: dt.date | None = None) -> Path:
    """Record a sign-off of ``path`` as it is now; returns the sidecar written."""
    p = Path(path)
    data = p.read_bytes()
    record = {
        "signs_off": p.name,
        "sha256": hashlib.sha256(data).hexdigest(),
        "reviewer": _clean(reviewer, "reviewer's name"),
        "role": _clean(role, "reviewer's role"),
        "date": (today or dt.date.today()).isoformat(),
    }
    target = sidecar_path(p)
    with atomic_file(target, create_folder=False) as handle:
        handle.write("# Clinical sign-off of the file named below, at the SHA-256 given.\n")
        handle.write("# Any change to that file means it is no longer signed off.\n")
        yaml.safe_dump(record, handle, sort_keys=False, allow_unicode=True)
    with contextlib.suppress(OSError):  # readable by whoever can read the content, as the content is
        os.chmod(target, p.stat().st_mode & 0o666)
    return target


def _read(side: Path) -> tuple[SignOff | None, str | None]:
    try:
        with open(side, "rb") as handle:
            raw = handle.read(MAX_SIDECAR_BYTES + 1)
    except FileNotFoundError:
        return None, None
    except OSError as exc:
        return None, f"the sign-off file {side.name} could not be read ({exc.strerror or exc})"
    if len(raw) > MAX_SIDECAR_BYTES:
        return None, f"the sign-off file {side.name} is too large"
    loaded = load_bytes(raw, str(side))
    data = loaded.data
    if not loaded.ok or not isinstance(data, dict):
        return None, f"the sign-off file {side.name} is not in the expected form"
    reviewer, role, date, sha = (data.get(k) for k in ("reviewer", "role", "date", "sha256"))
    if not (isinstance(reviewer, str) and isinstance(role, str) and isinstance(date, str) and isinstance(sha, str)):
        return None, f"the sign-off file {side.name} lacks its reviewer, role, date or sha256"
    try:
        when = dt.date.fromisoformat(date)
    except ValueError:
        return None, f"the sign-off file {side.name} has an impossible date ({date!r})"
    if not _SHA256.match(sha):
        return None, f"the sign-off file {side.name} has no valid sha256"
    return SignOff(" ".join(reviewer.split()), " ".join(role.split()), when, sha), None


def review(path: str | Path, content_hash: str) -> Review:
    """The sign-off of the file at ``path`` whose bytes hash to ``content_hash``."""
    found, problem = _read(sidecar_path(path))
    if found is None:
        return Review(problem=problem)
    if found.sha256 != content_hash:
        return Review(stale=found)
    return Review(current=found)


def reviewed_now(path: str | Path) -> bool:
    """Whether the file at ``path`` has a sign-off that holds for its bytes as they are on disk now.

    Cheap when there is no sign-off file (one ``stat``): only a file with one is read and hashed.
    A sign-off claimed inside the content file itself never counts.
    """
    if not sidecar_path(path).is_file():
        return False
    try:
        digest = hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError:
        return False
    return review(path, digest).reviewed


def use(review_of: Review, patients_only_signed_off: bool) -> Use:
    """'patients' when the document may be shown to patients, else 'training' (clearly labelled)."""
    if patients_only_signed_off and not review_of.reviewed:
        return "training"
    return "patients"


TRAINING_LABEL = "TRAINING MODE: not clinically reviewed; not for use with patients"
