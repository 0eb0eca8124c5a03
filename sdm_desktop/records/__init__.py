"""The consultation record: model, local storage, history and exports (Qt-free)."""
