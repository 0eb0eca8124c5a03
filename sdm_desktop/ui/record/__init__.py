"""Recording the consultation: the Record panel, its draft (autosaved), resuming, and the summary out."""
