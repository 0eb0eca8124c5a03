"""The Qt window: thin views and adapters over the Qt-free core."""
