"""Synthetic content for the window's tests (made-up figures; no clinical meaning).

Not a test module of its own: the ``test_ui_*`` files import from it.
"""

from __future__ import annotations

from pathlib import Path

_META = """
evidence:
  - id: made-up
    citation: Example A. A made-up source for tests. Journal of Examples 2020.
    doi: 10.1000/example.1
    certainty: low
metadata:
  published: "{published}"
  review_by: "{review_by}"{expires}
  update_policy: Reviewed every year, or sooner when the evidence changes.
  funding: No external funding.
  authors:
    - name: Test Author
      role: author
      competing_interests: None declared
  reading_age_target: 12
  sign_off:
    status: {status}{signed}
"""


def meta(review_by: str = "2099-01-01", status: str = "not_reviewed", expires: str | None = None) -> str:
    extra = f'\n  expires: "{expires}"' if expires else ""
    signed = '\n    by: Dr Test, GP\n    date: "2019-01-01"' if status == "signed_off" else ""
    return _META.format(review_by=review_by, status=status, expires=extra, signed=signed, published="2019-01-01")


RISK_GRID = """format: sdm-desktop/1
kind: option_grid
id: test-thinning
version: "1.0.0"
title: Blood thinners for a test heart rhythm
topics: [heart]
keywords: [anticoagulation, clot]
decision: Should I take a blood thinner?
condition: A made-up heart rhythm problem.
options:
  - id: none
    name: No blood thinner
    do_nothing: true
  - id: old-pill
    name: Old pill
  - id: new-pill
    name: New pill
not_offered:
  - name: Chalk tablets
    reason: They do not stop clots and can cause bleeding.
    evidence: [made-up]
not_for:
  - who: People with a made-up artificial valve
    reason: The figures were not measured in them.
    evidence: [made-up]
personalise:
  inputs: [age, sex, high-bp]
rows:
  - id: what
    question: What does it involve?
    cells:
      none: {text: Nothing changes., evidence: [made-up]}
      old-pill: {text: A pill each day and blood tests., evidence: [made-up]}
      new-pill: {text: A pill once or twice a day., evidence: [made-up]}
  - id: stroke
    question: What is my chance of a stroke?
    risk:
      outcome: have a stroke
      denominator: 100
      time_frame: 1 year
      evidence: [made-up]
      from_score: {score: test-stroke, effects: {none: untreated, old-pill: old, new-pill: new}}
    cells:
      none: {text: Your chance depends on your age and health., evidence: [made-up]}
      old-pill: {text: Fewer strokes than with no pill., evidence: [made-up]}
      new-pill: {text: Fewer strokes than with no pill., evidence: [made-up]}
  - id: bleed
    question: What is my chance of a serious bleed?
    risk:
      outcome: have a serious bleed
      denominator: 100
      time_frame: 1 year
      evidence: [made-up]
      from_score: {score: test-bleed, effects: {none: null, old-pill: treated, new-pill: treated}}
    cells:
      none: {text: No extra chance of bleeding from a pill., evidence: [made-up]}
      old-pill: {text: Some people have a serious bleed., evidence: [made-up]}
      new-pill: {text: Some people have a serious bleed., evidence: [made-up]}
""" + meta()

STROKE_SCORE = """format: sdm-desktop/1
kind: risk_score
id: test-stroke
version: "1.0.0"
title: Test stroke score
topics: [heart]
inputs:
  - {id: age, label: Age, type: number, unit: years, minimum: 18, maximum: 110}
  - id: sex
    label: Sex
    type: choice
    choices: [{id: female, label: Female}, {id: male, label: Male}]
  - {id: high-bp, label: High blood pressure, type: boolean}
items:
  - {id: old, label: Aged 75 or over, points: 2, when: {input: age, at_least: 75}}
  - {id: mid, label: Aged 65 to 74, points: 1, when: {input: age, at_least: 65, below: 75}}
  - {id: female, label: Female, points: 1, when: {input: sex, equals: female}}
  - {id: bp, label: High blood pressure, points: 1, when: {input: high-bp, equals: true}}
table:
  outcome: have a stroke
  population: Made-up people
  denominator: 100
  time_frame: 1 year
  evidence: [made-up]
  rows:
    - {scores: [0, 0], events: 1}
    - {scores: [1, 1], events: 2}
    - {scores: [2, 2], events: 3}
    - {scores: [3, 4], events: 8}
effects:
  - {id: untreated, label: No treatment, relative_risk: 1.0, evidence: [made-up]}
  - {id: old, label: Old pill, relative_risk: 0.5, evidence: [made-up]}
  - {id: new, label: New pill, relative_risk: 0.4, evidence: [made-up]}
""" + meta()

BLEED_SCORE = """format: sdm-desktop/1
kind: risk_score
id: test-bleed
version: "1.0.0"
title: Test bleeding score
topics: [heart]
inputs:
  - {id: age, label: Age, type: number, unit: years, minimum: 18, maximum: 110}
  - {id: anaemia, label: Low blood count, type: boolean}
items:
  - {id: old, label: Aged 75 or over, points: 1, when: {input: age, at_least: 75}}
  - {id: anaemia, label: Low blood count, points: 2, when: {input: anaemia, equals: true}}
table:
  outcome: have a serious bleed
  population: Made-up people on a blood thinner
  denominator: 100
  time_frame: 1 year
  evidence: [made-up]
  rows:
    - {scores: [0, 0], events: 2}
    - {scores: [1, 2], events: 4}
    - {scores: [3, 3], events: 9}
effects:
  - {id: treated, label: On a blood thinner, relative_risk: 1.0, evidence: [made-up]}
""" + meta()

PROMPTS = """format: sdm-desktop/1
kind: prompt_set
id: test-prompts
version: "1.0.0"
title: Test questions to ask
topics: [questions]
prompts:
  - {id: good, label: Good, text: What are the good things about it?}
  - {id: bad, label: Bad, text: What are the bad things about it?}
""" + meta(status="signed_off")

PLAIN_GRID = """format: sdm-desktop/1
kind: option_grid
id: test-knee
version: "1.0.0"
title: Knee pain choices
topics: [joints]
keywords: [osteoarthritis]
decision: What should I do about my sore knee?
condition: Wear and tear in the knee.
options:
  - id: exercise
    name: Exercise
  - id: surgery
    name: Surgery
no_do_nothing_reason: Doing nothing is not fair here because the pain gets worse.
rows:
  - id: what
    question: What does it involve?
    cells:
      exercise: {text: Exercises at home each day., evidence: [made-up]}
      surgery: {text: An operation and some weeks of rest., evidence: [made-up]}
""" + meta(review_by="2020-06-01", status="signed_off", expires="2099-01-01")

BAD = """format: sdm-desktop/1
kind: option_grid
id: broken
version: "1.0.0"
title: Broken
colour: blue
"""


def write_library(folder: Path, *, bad: bool = False) -> Path:
    """A small library in ``folder``: a risk grid with its two scores, prompts, a plain grid."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in (
        ("thinning.yaml", RISK_GRID),
        ("stroke.yaml", STROKE_SCORE),
        ("bleed.yaml", BLEED_SCORE),
        ("prompts.yaml", PROMPTS),
        ("knee.yaml", PLAIN_GRID),
    ):
        (folder / name).write_text(text, encoding="utf-8")
    if bad:
        (folder / "broken.yaml").write_text(BAD, encoding="utf-8")
    return folder
