"""A person at the keyboard and mouse of a real X server: every key press and click counted.

Clicks go to the middle of a widget, in the X server's pixels (Qt's coordinates times
the screen's scale, as with ``QT_SCALE_FACTOR``).
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget
from realdisplay import Xdo


class Person:
    def __init__(self, xdo: Xdo, qtbot) -> None:  # type: ignore[no-untyped-def]
        self.xdo = xdo
        self.qtbot = qtbot
        self.actions = 0
        self.log: list[str] = []
        self.pointer: tuple[int, int] | None = None

    def point_at(self, x: int, y: int) -> None:
        """Move the pointer (not an action); xdotool's --sync would wait for ever on the spot it is at."""
        if self.pointer != (x, y):
            self.xdo.move(x, y)
            self.pointer = (x, y)

    def key(self, keys: str) -> None:
        """One key press, with its modifiers ("ctrl+r", "Return")."""
        self.xdo.key(keys)
        self.actions += 1
        self.log.append(keys)

    def type(self, text: str) -> None:
        """One key press per character."""
        self.xdo.type(text)
        self.actions += len(text)
        self.log.extend(text)

    def look(self) -> None:
        """A moment for the screen to settle after the last change, as a person's eyes need."""
        self.qtbot.wait(600)  # longer than the autosave, which can change the panel's layout

    def click(self, widget: QWidget) -> None:
        self.look()
        self.point_at(*screen_point(widget))
        self.xdo.click()
        self.actions += 1
        self.log.append(f"click {widget.objectName() or widget.accessibleName()}")

    def wheel(self, over: QWidget, steps: int) -> None:
        """Turn the wheel over ``over``: each notch is an action."""
        self.look()
        self.point_at(*screen_point(over))
        self.xdo.wheel(steps)
        self.actions += abs(steps)
        self.log.extend(["wheel"] * abs(steps))


def screen_point(widget: QWidget) -> tuple[int, int]:
    """The middle of ``widget`` in the X server's pixels."""
    scale = widget.screen().devicePixelRatio()
    point = widget.mapToGlobal(widget.rect().center())
    return round(point.x() * scale), round(point.y() * scale)


def on_screen(widget: QWidget) -> bool:
    """Whether a person can see the whole of ``widget`` (not scrolled away, not behind a tab)."""
    if not widget.isVisible():
        return False
    region = widget.visibleRegion()
    if region.boundingRect().size() != widget.rect().size():
        return False
    top_left = widget.mapToGlobal(widget.rect().topLeft())
    bottom_right = widget.mapToGlobal(widget.rect().bottomRight())
    screen = widget.screen().availableGeometry()
    return screen.contains(top_left) and screen.contains(bottom_right)
