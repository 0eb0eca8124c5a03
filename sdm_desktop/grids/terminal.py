"""Text for a terminal: content never drives it.

Content and file names can hold escape sequences (``ESC [2J`` clears the
screen, ``ESC ]8;;`` makes a link), other control characters and bidi
controls that reorder what is shown (U+202E). ``validate`` and ``list`` print
such text through :func:`printable`, which writes each of those characters as
a visible escape (``\\x1b``, ``\\u202e``), and JSON through :func:`dumps`,
which does the same inside the JSON strings.
"""

from __future__ import annotations

import json
import re
from typing import Any

# C0 and C1 controls, DEL, bidi embeddings, overrides, isolates and marks,
# and the Unicode line and paragraph separators.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]")
# The same less C0 controls, which json escapes itself (its newlines are layout).
_UNSAFE_IN_JSON = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]")


def _visible(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    """``text`` with every control and bidi character written as a visible escape."""
    return _UNSAFE.sub(_visible, text)


def _json_escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def dumps(value: Any) -> str:
    """JSON (indented, non-ASCII kept) in which no string holds a raw control or bidi character."""
    # json escapes C0 controls itself; the others can only stand inside
    # strings, where \\uXXXX means the same character.
    return _UNSAFE_IN_JSON.sub(_json_escape, json.dumps(value, indent=2, ensure_ascii=False))
