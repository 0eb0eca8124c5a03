"""The library page: search as you type, filters, badges, and the problems panel."""
