"""Runtime hook of the frozen app: tell Qt where its plugins are, without importing Qt.

PyInstaller's own hook for PySide6 imports QtCore at every start, so even ``list`` and
``validate`` would load Qt. This one only sets the environment; PySide6's wheel sets up
its own paths (an embedded qt.conf) when the window imports it.
"""

import os
import sys


def _set_qt_paths() -> None:
    base = getattr(sys, "_MEIPASS", os.path.dirname(sys.executable))
    qt = os.path.join(base, "PySide6") if sys.platform.startswith("win") else os.path.join(base, "PySide6", "Qt")
    os.environ["QT_PLUGIN_PATH"] = os.path.join(qt, "plugins")
    os.environ["QML2_IMPORT_PATH"] = os.path.join(qt, "qml")
    if sys.platform.startswith("win"):
        os.environ["PATH"] = base + os.pathsep + os.environ.get("PATH", "")


_set_qt_paths()
