"""Finished records: past records, a record's view, decision quality, export."""
