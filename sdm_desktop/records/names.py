"""Plain names for the ids a record keeps: options, questions (rows) and considerations.

A record stores ids so that it stays exact when the aid's wording changes; the
screens that show past records put the aid's own words back, from the library,
and fall back to the id when the aid (or that version of it) is not there.
"""

from __future__ import annotations

from ..grids.library import Library
from ..grids.model import OptionGrid


class Names:
    def __init__(self, library: Library | None = None) -> None:
        self.library = library
        self._grids: dict[str, OptionGrid | None] = {}

    def grid(self, aid_id: str | None) -> OptionGrid | None:
        """The library's grid ``aid_id`` (built only when first asked for), or None."""
        if not aid_id or self.library is None:
            return None
        if aid_id not in self._grids:
            self._grids[aid_id] = next(iter(self.library.grids_with_id(aid_id)), None)
        return self._grids[aid_id]

    def option(self, aid_id: str | None, option_id: str) -> str:
        grid = self.grid(aid_id)
        option = next((o for o in grid.options if o.id == option_id), None) if grid else None
        return str(option.name) if option is not None else option_id

    def row(self, aid_id: str | None, row_id: str) -> str:
        grid = self.grid(aid_id)
        row = next((r for r in grid.rows if r.id == row_id), None) if grid else None
        return str(row.question) if row is not None else row_id

    def consideration(self, aid_id: str | None, consideration_id: str) -> str:
        grid = self.grid(aid_id)
        found = next((c for c in grid.considerations if c.id == consideration_id), None) if grid else None
        return str(found.text) if found is not None else consideration_id
