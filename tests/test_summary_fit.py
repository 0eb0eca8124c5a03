"""The page's plan is found by bisection: the first plan that fits, in few layouts."""

from __future__ import annotations

import math
from typing import Any

import pytest

from sdm_desktop.summary import pdf
from sdm_desktop.summary.plan import Plan


@pytest.mark.parametrize("count", [1, 2, 3, 8, 13])
def test_first_fit_is_the_first_plan_that_fits_and_measures_few(monkeypatch: pytest.MonkeyPatch, count: int) -> None:
    plans = [Plan(20.0 - i) for i in range(count)]
    for fits_from in range(count + 1):  # count: none fits
        measured: list[int] = []

        def attempt(
            _ctx: Any,
            plan: Plan,
            _width: float,
            room: float = math.inf,
            fits_from: int = fits_from,
            measured: list[int] = measured,
        ) -> Any:
            i = plans.index(plan)
            measured.append(i)
            return pdf.Layout(plan, [], [room if i >= fits_from else room + 1])

        monkeypatch.setattr(pdf, "_attempt", attempt)
        found = pdf._first_fit(None, plans, 500.0, 700.0)  # type: ignore[arg-type]
        if fits_from == count:
            assert found is None
        else:
            assert found is not None and found.plan == plans[fits_from]
        assert len(measured) <= 1 + math.ceil(math.log2(count))
        assert len(set(measured)) == len(measured)  # no plan laid out twice


def test_no_plans_no_layout() -> None:
    assert pdf._first_fit(None, [], 500.0, 700.0) is None  # type: ignore[arg-type]
