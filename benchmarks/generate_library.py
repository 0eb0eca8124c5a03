"""Write a realistic library of N option grids (for benchmarks)."""

from __future__ import annotations

import random
import sys
from pathlib import Path

WORDS = [
    "people",
    "who",
    "take",
    "it",
    "feel",
    "better",
    "and",
    "can",
    "walk",
    "further",
    "most",
    "days",
    "some",
    "find",
    "the",
    "tablets",
    "hard",
    "to",
    "remember",
    "each",
    "morning",
    "with",
    "food",
    "you",
    "may",
    "need",
    "a",
    "blood",
    "test",
    "every",
    "few",
    "weeks",
    "at",
    "the",
    "clinic",
]
TOPICS = ["heart", "joints", "lungs", "cancer", "bladder", "diabetes", "mental-health", "pregnancy"]


def sentence(rng: random.Random, n: int) -> str:
    words = [rng.choice(WORDS) for _ in range(n)]
    return " ".join(words).capitalize() + "."


def grid(i: int, rng: random.Random) -> str:
    options = [("wait", "Wait and see", True), ("tablets", f"Tablets {i}", False), ("surgery", f"Surgery {i}", False)]
    lines = [
        "# yaml-language-server: $schema=../resources/schema/sdm-document.schema.json",
        "format: sdm-desktop/1",
        "kind: option_grid",
        f"id: generated-{i:04d}",
        'version: "1.0.0"',
        f"title: Generated decision number {i} about {rng.choice(WORDS)} {rng.choice(WORDS)}",
        f"topics: [{rng.choice(TOPICS)}]",
        f"keywords: [{rng.choice(WORDS)}, {rng.choice(WORDS)}]",
        f"decision: {sentence(rng, 9)}",
        f"condition: {sentence(rng, 20)}",
        "options:",
    ]
    for oid, name, nothing in options:
        lines += [f"  - id: {oid}", f"    name: {name}", f"    summary: {sentence(rng, 8)}"]
        if nothing:
            lines.append("    do_nothing: true")
    lines += ["considerations:"] + [f"  - id: c{k}\n    text: {sentence(rng, 5)}" for k in range(4)]
    lines.append("rows:")
    for r in range(9):
        lines += [f"  - id: row-{r}", f"    question: {sentence(rng, 7)[:-1]}?"]
        if r == 1:
            lines += [
                "    risk:",
                "      outcome: get worse",
                "      denominator: 100",
                "      time_frame: 1 year",
                "      evidence: [source-1]",
                "      figures:",
            ]
            lines += [f"        {oid}: {{events: {10 - k * 3}}}" for k, (oid, _, _) in enumerate(options)]
        lines.append("    cells:")
        for oid, _, _ in options:
            lines += [
                f"      {oid}:",
                f"        text: {sentence(rng, rng.randint(6, 11))}",
                f"        evidence: [source-{rng.randint(1, 3)}]",
            ]
    lines.append("evidence:")
    for e in range(1, 4):
        lines += [
            f"  - id: source-{e}",
            f"    citation: Author {e}, Another B. A study of things number {i}. Journal {e} 2021;{e}:1-10.",
            f"    doi: 10.1000/gen.{i}.{e}",
            "    certainty: moderate",
        ]
    lines += [
        "metadata:",
        "  published: 2026-01-01",
        "  review_by: 2099-01-01",
        "  update_policy: Reviewed every year, or sooner when the evidence changes.",
        "  funding: No external funding.",
        "  authors:",
        "    - name: Generated Author",
        "      role: author",
        "      competing_interests: None declared",
        "  reading_age_target: 12",
        "  sign_off:",
        "    status: not_reviewed",
    ]
    return "\n".join(lines) + "\n"


def write_library(folder: Path, count: int, seed: int = 1) -> list[Path]:
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        path = folder / f"generated-{i:04d}.yaml"
        path.write_text(grid(i, rng), encoding="utf-8")
        paths.append(path)
    return paths


if __name__ == "__main__":
    write_library(Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 1000)
