"""A small kit the feature folders share: the table-model base, messages, work off the GUI thread, the theme."""
