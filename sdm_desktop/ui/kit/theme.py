"""Look and feel: the bundled font, the Fusion style, font scaling and palettes."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontDatabase, QPainter, QPalette, QPen
from PySide6.QtWidgets import (
    QApplication,
    QProxyStyle,
    QStyle,
    QStyleFactory,
    QStyleHintReturn,
    QStyleOption,
    QStyleOptionComplex,
    QWidget,
)

from ...paths import FONTS_DIR
from .inputs import install_wheel_guard

FONT_FAMILY = "DejaVu Sans"
DEFAULT_POINT_SIZE = 10.0
# The grid is read at arm's length: its text is this much larger than the rest.
CONTENT_SCALE = 1.25
# Patient mode is larger again.
PATIENT_SCALE = 1.5
ZOOM_STEPS = (0.8, 0.9, 1.0, 1.1, 1.25, 1.5, 1.75, 2.0, 2.5, 3.0)


def install_fonts() -> str | None:
    """Register the bundled DejaVu Sans faces; returns the family name, if any loaded."""
    family: str | None = None
    for path in sorted(FONTS_DIR.glob("DejaVuSans*.ttf")):
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id >= 0:
            families = QFontDatabase.applicationFontFamilies(font_id)
            if families and family is None:
                family = families[0]
    return family


class ScaledIndicatorStyle(QProxyStyle):
    """Fusion, with check boxes and radio buttons as large as the text beside them."""

    SCALED = (
        QStyle.PixelMetric.PM_IndicatorWidth,
        QStyle.PixelMetric.PM_IndicatorHeight,
        QStyle.PixelMetric.PM_ExclusiveIndicatorWidth,
        QStyle.PixelMetric.PM_ExclusiveIndicatorHeight,
    )

    def pixelMetric(
        self, metric: QStyle.PixelMetric, option: QStyleOption | None = None, widget: QWidget | None = None
    ) -> int:
        base = super().pixelMetric(metric, option, widget)
        if metric in self.SCALED:
            font_height = (
                widget.fontMetrics().height()
                if widget is not None
                else option.fontMetrics.height()
                if option is not None
                else 0
            )
            return max(base, int(font_height * 0.85))
        return base

    CHECKS = (QStyle.PrimitiveElement.PE_IndicatorCheckBox, QStyle.PrimitiveElement.PE_IndicatorItemViewItemCheck)

    FIELD_FRAMES = (QStyle.PrimitiveElement.PE_FrameLineEdit, QStyle.PrimitiveElement.PE_PanelLineEdit)
    FIELDS = (QStyle.ComplexControl.CC_SpinBox, QStyle.ComplexControl.CC_ComboBox)

    def drawPrimitive(
        self, element: QStyle.PrimitiveElement, option: QStyleOption, painter: QPainter, widget: QWidget | None = None
    ) -> None:
        """Check boxes and radio buttons drawn in the text colour, so they show in every theme."""
        if element == QStyle.PrimitiveElement.PE_IndicatorRadioButton:
            draw_radio(option, painter)
            return
        if element == QStyle.PrimitiveElement.PE_FrameFocusRect and is_high_contrast(option.palette):
            draw_outline(option, painter, QPalette.ColorRole.Highlight, 2.0)
            return
        if element == QStyle.PrimitiveElement.PE_Frame and is_high_contrast(option.palette):
            super().drawPrimitive(element, option, painter, widget)
            draw_outline(option, painter, QPalette.ColorRole.Text, 1.0)  # lists and panels keep an edge
            return
        if element in self.FIELD_FRAMES:
            super().drawPrimitive(element, option, painter, widget)
            if is_high_contrast(option.palette) and element == QStyle.PrimitiveElement.PE_PanelLineEdit:
                draw_field_border(option, painter)
            return
        if element not in self.CHECKS:
            super().drawPrimitive(element, option, painter, widget)
            return
        ink, rect, line = begin_indicator(option, painter)
        painter.drawRect(rect.adjusted(line / 2, line / 2, -line / 2, -line / 2))
        if option.state & QStyle.StateFlag.State_On:
            tick = QPen(QBrush(ink), line * 1.6)
            painter.setPen(tick)
            w, h, x, y = rect.width(), rect.height(), rect.x(), rect.y()
            painter.drawPolyline(
                [
                    QPointF(x + w * 0.22, y + h * 0.52),
                    QPointF(x + w * 0.42, y + h * 0.74),
                    QPointF(x + w * 0.80, y + h * 0.28),
                ]
            )
        painter.restore()

    def drawComplexControl(
        self,
        control: QStyle.ComplexControl,
        option: QStyleOptionComplex,
        painter: QPainter,
        widget: QWidget | None = None,
    ) -> None:
        super().drawComplexControl(control, option, painter, widget)
        if control in self.FIELDS and is_high_contrast(option.palette):
            draw_field_border(option, painter)

    def styleHint(
        self,
        hint: QStyle.StyleHint,
        option: QStyleOption | None = None,
        widget: QWidget | None = None,
        returnData: QStyleHintReturn | None = None,
    ) -> int:
        if hint == QStyle.StyleHint.SH_Table_GridLineColor and widget is not None:
            return int(widget.palette().color(QPalette.ColorRole.Mid).rgb() & 0xFFFFFF) | 0  # opaque colour as RGB
        return super().styleHint(hint, option, widget, returnData)


def is_high_contrast(palette: QPalette) -> bool:
    """Light text on a black window: the high contrast palette (or a dark one like it)."""
    return palette.color(QPalette.ColorRole.Window).lightness() < 40 and (
        palette.color(QPalette.ColorRole.WindowText).lightness() > 200
    )


def draw_outline(option: QStyleOption, painter: QPainter, role: QPalette.ColorRole, width: float) -> None:
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
    pen = QPen(QBrush(option.palette.color(role)), width)
    painter.setPen(pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    inset = width / 2
    painter.drawRect(QRectF(option.rect).adjusted(inset, inset, -inset, -inset))
    painter.restore()


def draw_field_border(option: QStyleOption, painter: QPainter) -> None:
    """A field's border in the text colour; thick and in the highlight colour while it has the focus."""
    focused = bool(option.state & QStyle.StateFlag.State_HasFocus)
    if focused:
        draw_outline(option, painter, QPalette.ColorRole.Highlight, 3.0)
    else:
        draw_outline(option, painter, QPalette.ColorRole.Text, 1.0)


def begin_indicator(option: QStyleOption, painter: QPainter) -> tuple[QColor, QRectF, float]:
    """A check box's or radio button's square, ink and line width, with ``painter`` saved and set to draw its outline."""
    palette = option.palette
    ink = QColor(palette.color(QPalette.ColorRole.Text))
    side = min(option.rect.width(), option.rect.height())
    rect = QRectF(
        option.rect.x() + (option.rect.width() - side) / 2,
        option.rect.y() + (option.rect.height() - side) / 2,
        side,
        side,
    )
    line = max(1.5, side / 10)
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(QBrush(ink), line))
    painter.setBrush(QBrush(QColor(palette.color(QPalette.ColorRole.Base))))
    return ink, rect, line


def draw_radio(option: QStyleOption, painter: QPainter) -> None:
    """A ring in the text colour; a large dot when chosen (in the highlight colour in high contrast)."""
    palette = option.palette
    ink, rect, line = begin_indicator(option, painter)
    painter.drawEllipse(rect.adjusted(line / 2, line / 2, -line / 2, -line / 2))
    if option.state & QStyle.StateFlag.State_On:
        dot = QColor(palette.color(QPalette.ColorRole.Highlight)) if is_high_contrast(palette) else ink
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QBrush(dot))
        inner = rect.width() * 0.26
        painter.drawEllipse(rect.adjusted(inner, inner, -inner, -inner))
    painter.restore()


def setup_application(app: QApplication) -> None:
    """Fusion style and the bundled font at the system's point size."""
    app.setStyle(ScaledIndicatorStyle(QStyleFactory.create("Fusion")))
    family = install_fonts() or FONT_FAMILY
    size = app.font().pointSizeF()
    font = QFont(family)
    font.setPointSizeF(size if size > 0 else DEFAULT_POINT_SIZE)
    app.setFont(font)
    install_wheel_guard(app)


def scaled_font(factor: float, base: QFont | None = None) -> QFont:
    """The application font (or ``base``) scaled by ``factor``, in points."""
    font = QFont(base if base is not None else QApplication.font())
    size = font.pointSizeF()
    font.setPointSizeF((size if size > 0 else DEFAULT_POINT_SIZE) * factor)
    return font


def next_zoom(zoom: float, step: int) -> float:
    """The zoom one step in (``step`` 1) or out (-1) from ``zoom``."""
    if step > 0:
        bigger = [z for z in ZOOM_STEPS if z > zoom + 1e-6]
        return bigger[0] if bigger else ZOOM_STEPS[-1]
    smaller = [z for z in ZOOM_STEPS if z < zoom - 1e-6]
    return smaller[-1] if smaller else ZOOM_STEPS[0]


def clamp_zoom(value: object) -> float:
    try:
        zoom = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return 1.0
    return min(max(zoom, ZOOM_STEPS[0]), ZOOM_STEPS[-1])


def high_contrast_palette() -> QPalette:
    """White and yellow on black; selection in black on yellow."""
    p = QPalette()
    black, white, yellow = QColor("#000000"), QColor("#ffffff"), QColor("#ffff00")
    for role in (
        QPalette.ColorRole.Window,
        QPalette.ColorRole.Base,
        QPalette.ColorRole.AlternateBase,
        QPalette.ColorRole.Button,
        QPalette.ColorRole.ToolTipBase,
    ):
        p.setColor(role, black)
    for role in (
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.Text,
        QPalette.ColorRole.ButtonText,
        QPalette.ColorRole.ToolTipText,
        QPalette.ColorRole.BrightText,
    ):
        p.setColor(role, white)
    p.setColor(QPalette.ColorRole.PlaceholderText, QColor("#b8b8b8"))  # light grey: readable, unlike typed text
    p.setColor(QPalette.ColorRole.Highlight, yellow)
    p.setColor(QPalette.ColorRole.HighlightedText, black)
    p.setColor(QPalette.ColorRole.Link, yellow)
    p.setColor(QPalette.ColorRole.Mid, white)
    p.setColor(QPalette.ColorRole.Dark, white)
    p.setColor(QPalette.ColorRole.Light, white)
    p.setColor(QPalette.ColorRole.Midlight, white)
    return p


_standard_palette: list[QPalette] = []  # the system's palette, kept the first time high contrast is set


def apply_palette(widget: QWidget, high_contrast: bool) -> None:
    """High contrast (or not) for ``widget`` and for the whole application, dialogs and other windows included."""
    if not _standard_palette:
        _standard_palette.append(QPalette(QApplication.palette()))
    palette = high_contrast_palette() if high_contrast else QPalette(_standard_palette[0])
    QApplication.setPalette(palette)
    widget.setPalette(palette)
