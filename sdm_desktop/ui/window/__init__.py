"""The main window and what it is composed of: the action table, record and summary actions, docks, patient view."""
