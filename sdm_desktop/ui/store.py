"""The library store is Qt-free and lives in the content core (grids/store.py)."""

from ..grids.store import LibraryStore, PreviewSource, expired_only, listed, listed_documents

__all__ = ["LibraryStore", "PreviewSource", "expired_only", "listed", "listed_documents"]
