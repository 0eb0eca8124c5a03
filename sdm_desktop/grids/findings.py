"""Findings: the located messages that loading, validation and lint produce."""

from __future__ import annotations

import enum
from dataclasses import dataclass

from .terminal import printable


class Severity(enum.StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Finding:
    """One problem in one file, at a 1-based line and column."""

    path: str
    line: int
    column: int
    severity: Severity
    message: str
    rule: str

    def format(self) -> str:
        """One line for a terminal; control and bidi characters in the path or message are shown escaped."""
        return printable(f"{self.path}:{self.line}:{self.column}: {self.severity.value}: {self.message} [{self.rule}]")

    def as_dict(self) -> dict[str, object]:
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "severity": self.severity.value,
            "message": self.message,
            "rule": self.rule,
        }


def has_errors(findings: list[Finding]) -> bool:
    return any(f.severity is Severity.ERROR for f in findings)
