"""Mutations of content files for the loader's fuzz tests (and benchmarks/bench_hostile.py).

Each mutation takes the bytes of a document and a seeded random source and
returns damaged bytes: byte flips, deleted and duplicated lines, changed
indentation, values swapped for another type, huge numbers, unicode and deep
nesting. The same seed always gives the same case, so a failure can be
replayed from its name.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

Mutation = Callable[[bytes, random.Random], bytes]

_VALUE = re.compile(rb"^(\s*(?:- )?[A-Za-z_][\w-]*: )(.+)$|^(\s*- )(.+)$", re.MULTILINE)


def _lines(data: bytes) -> list[bytes]:
    return data.split(b"\n")


def flip_bytes(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        i = rng.randrange(len(out))
        out[i] ^= 1 << rng.randrange(8)
    return bytes(out)


def delete_lines(data: bytes, rng: random.Random) -> bytes:
    lines = _lines(data)
    for _ in range(rng.randint(1, 4)):
        if len(lines) > 1:
            del lines[rng.randrange(len(lines))]
    return b"\n".join(lines)


def duplicate_lines(data: bytes, rng: random.Random) -> bytes:
    lines = _lines(data)
    i = rng.randrange(len(lines))
    span = lines[i : i + rng.randint(1, 5)]
    lines[i:i] = span
    return b"\n".join(lines)


def indent(data: bytes, rng: random.Random) -> bytes:
    lines = _lines(data)
    for _ in range(rng.randint(1, 3)):
        i = rng.randrange(len(lines))
        if rng.random() < 0.5:
            lines[i] = b" " * rng.choice((1, 2, 3, 4, 8)) + lines[i]
        else:
            lines[i] = lines[i].lstrip(b" ") if rng.random() < 0.5 else lines[i][rng.randint(1, 2) :]
    return b"\n".join(lines)


_SWAPS = (
    b"1.0",
    b"100.0",
    b"0.5",
    b"-1",
    b"true",
    b"null",
    b"~",
    b"''",
    b"[]",
    b"{}",
    b"[1, 2]",
    b"{a: 1}",
    b"x",
    b"'7'",
    b"2026-13-45",
    b"1e999",
    b"-1e999",
    b".nan",
    b".inf",
    b"!!int 1.5",
    b"!!float x",
    b"!!python/object:os.system x",
    b"*alias",
    b"&anchor x",
    b"|\n  block",
    b"0x1F",
    b"0o17",
    b"1_000",
)


def swap_type(data: bytes, rng: random.Random) -> bytes:
    matches = list(_VALUE.finditer(data))
    if not matches:
        return data
    m = rng.choice(matches)
    group = 2 if m.group(2) is not None else 4
    return data[: m.start(group)] + rng.choice(_SWAPS) + data[m.end(group) :]


def huge_number(data: bytes, rng: random.Random) -> bytes:
    numbers = list(re.finditer(rb"(?<![\w.])\d+(\.\d+)?(?![\w.])", data))
    digits = rng.choice((31, 400, 4_301, 5_000, 50_000))
    huge = rng.choice((b"9" * digits, b"-" + b"9" * digits, b"1" + b"0" * digits + b".0", b"1e" + b"9" * 6))
    if not numbers:
        return data + b"\nx: " + huge
    m = rng.choice(numbers)
    return data[: m.start()] + huge + data[m.end() :]


_UNICODE = (
    "\u202e",
    "\u2066",
    "\u200f",
    "\u0000",
    "\u001b[31m",
    "\u0301" * 50,
    "\U0001f600",
    "\ufeff",
    "\ufffe",
    "\u2028",
    "\u0085",
    "\x7f",
    "\ud7ff",
    "\u00e9",
    "\u0627\u0644",
    "\u4e2d",
    "\x1b]8;;https://x\x07",
)


def unicode(data: bytes, rng: random.Random) -> bytes:
    text = data.decode("utf-8", "surrogateescape")
    for _ in range(rng.randint(1, 4)):
        i = rng.randrange(len(text) + 1)
        text = text[:i] + rng.choice(_UNICODE) * rng.randint(1, 3) + text[i:]
    return text.encode("utf-8", "surrogateescape")


def deep_nesting(data: bytes, rng: random.Random) -> bytes:
    matches = list(_VALUE.finditer(data))
    depth = rng.choice((39, 40, 41, 100, 5_000))
    opener, closer = rng.choice(((b"[", b"]"), (b"{a: ", b"}")))
    nested = opener * depth + b"1" + (closer * depth if rng.random() < 0.8 else b"")
    if not matches:
        return data + b"\nx: " + nested
    m = rng.choice(matches)
    group = 2 if m.group(2) is not None else 4
    return data[: m.start(group)] + nested + data[m.end(group) :]


MUTATIONS: dict[str, Mutation] = {
    "flip": flip_bytes,
    "delete": delete_lines,
    "duplicate": duplicate_lines,
    "indent": indent,
    "swap": swap_type,
    "huge": huge_number,
    "unicode": unicode,
    "nest": deep_nesting,
}


@dataclass(frozen=True)
class Case:
    name: str  # file:mutation:seed, enough to replay it
    data: bytes


def cases(files: list[Path], count: int, *, seed: int = 14) -> Iterator[Case]:
    """``count`` mutated documents, spread evenly over ``files`` and the mutations."""
    originals = [(p.name, p.read_bytes()) for p in files]
    names = sorted(MUTATIONS)
    for n in range(count):
        file_name, data = originals[n % len(originals)]
        kind = names[(n // len(originals)) % len(names)]
        case_seed = seed * 1_000_003 + n
        rng = random.Random(case_seed)
        mutated = MUTATIONS[kind](data, rng)
        # A second mutation now and then, of another kind.
        if rng.random() < 0.25:
            mutated = MUTATIONS[rng.choice(names)](mutated, rng)
        yield Case(f"{file_name}:{kind}:{case_seed}", mutated)
