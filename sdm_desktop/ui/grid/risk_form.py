"""The personal risk form, built from the risk scores' inputs (no arithmetic here)."""

from __future__ import annotations

from PySide6.QtCore import QSignalBlocker, Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QFormLayout, QLabel, QSpinBox, QWidget

from ...consult.session import form_inputs
from ...grids.model import ScoreInput
from ...grids.risk import Value
from ..kit.inputs import OptionalCombo, OptionalSpinBox
from .choice_buttons import MAX_BUTTONS, ChoiceButtons
from .controller import SessionController

NOT_GIVEN = "Not given"


class RiskForm(QWidget):
    """One control per input: yes/no -> check box, number -> spin box, choice -> radio buttons (or a long list)."""

    def __init__(self, controller: SessionController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.layout_ = QFormLayout(self)
        self.layout_.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.controls: dict[str, QWidget] = {}
        self.specs: dict[str, ScoreInput] = {}
        controller.gridChanged.connect(self.rebuild)
        controller.riskChanged.connect(self.show_values)
        self.rebuild()

    def rebuild(self) -> None:
        while self.layout_.rowCount():
            self.layout_.removeRow(0)
        self.controls.clear()
        self.specs.clear()
        grid = self.controller.grid
        if grid is None:
            return
        for spec in form_inputs(grid, self.controller.scores):
            control = self._control(spec)
            label = QLabel(f"{spec.label}:")
            label.setBuddy(control)
            label.setWordWrap(True)
            control.setAccessibleName(str(spec.label))
            if spec.help:
                control.setToolTip(str(spec.help))
                control.setAccessibleDescription(str(spec.help))
            self.layout_.addRow(label, control)
            self.controls[spec.id] = control
            self.specs[spec.id] = spec
        self.show_values()

    def _control(self, spec: ScoreInput) -> QWidget:
        if spec.type == "boolean":
            box = QCheckBox("Yes")
            box.toggled.connect(lambda on, i=spec.id: self.controller.set_value(i, on))
            return box
        if spec.type == "number":
            spin = OptionalSpinBox(NOT_GIVEN)
            low = int(spec.minimum if spec.minimum is not None else 0)
            high = int(spec.maximum if spec.maximum is not None else 999)
            spin.setRange(low - 1, high)  # one below the minimum means "not given"
            if spec.unit:
                spin.setSuffix(f" {spec.unit}")
            spin.valueChanged.connect(
                lambda v, i=spec.id, s=spin: self.controller.set_value(i, None if v == s.minimum() else v)
            )
            return spin
        if len(spec.choices) <= MAX_BUTTONS:
            buttons = ChoiceButtons(NOT_GIVEN, [(c.id, str(c.label)) for c in spec.choices])
            buttons.valueChanged.connect(lambda v, i=spec.id: self.controller.set_value(i, v))
            return buttons
        combo = OptionalCombo(NOT_GIVEN)
        for choice in spec.choices:
            combo.addItem(str(choice.label), choice.id)
        combo.currentIndexChanged.connect(lambda _i, i=spec.id, c=combo: self.controller.set_value(i, c.currentData()))
        return combo

    def show_values(self) -> None:
        values = self.controller.session.risk_values
        for input_id, control in self.controls.items():
            value: Value = values.get(input_id)
            with QSignalBlocker(control):
                if isinstance(control, QCheckBox):
                    control.setChecked(bool(value))
                elif isinstance(control, QSpinBox):
                    control.setValue(
                        int(value)
                        if isinstance(value, (int, float)) and not isinstance(value, bool)
                        else control.minimum()
                    )
                elif isinstance(control, QComboBox):
                    control.setCurrentIndex(max(control.findData(value), 0) if value is not None else 0)
                elif isinstance(control, ChoiceButtons):
                    control.set_value(value)

    def set_input(self, input_id: str, value: Value) -> None:
        """Fill one input as a person would (used by scripts and tests)."""
        control = self.controls[input_id]
        if isinstance(control, QCheckBox):
            control.setChecked(bool(value))
        elif isinstance(control, QSpinBox):
            control.setValue(int(value) if isinstance(value, (int, float)) else control.minimum())
        elif isinstance(control, QComboBox):
            control.setCurrentIndex(control.findData(value, Qt.ItemDataRole.UserRole))
        elif isinstance(control, ChoiceButtons):
            control.set_value(value)
            self.controller.set_value(input_id, control.value())
