"""The consultation, Qt-free: the session on screen, the draft record's rules, the shared words and dates.

``session`` is what is open and what has been said (rows discussed, risk
inputs, questions) and the figures that follow from it; ``draft`` turns the
session and the form into the draft :class:`~sdm_desktop.records.model.Record`
and holds the rules for editing it; ``vocabulary`` and ``dates`` are the words
and date formats every view shares. The window's widgets only call these.
"""
