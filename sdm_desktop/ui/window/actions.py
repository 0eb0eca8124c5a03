"""The table of window actions: menus, toolbar and keyboard shortcuts are built from it.

The table says what each action is; the window says what it does, by giving
:func:`build_actions` a callable for every id (its own methods and those of
the objects it is composed of), so a missing or misspelt handler is an error
when the window is built, and the type checker sees every call.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QToolBar

Key = QKeySequence.StandardKey | str

StandardKey = QKeySequence.StandardKey


@dataclass(frozen=True)
class ActionSpec:
    id: str
    label: str
    menu: str  # where it appears: the menu's title ("" for a shortcut with no menu entry)
    shortcuts: tuple[Key, ...] = ()
    toolbar: bool = False
    checkable: bool = False
    clinician_only: bool = False  # hidden in patient mode
    tip: str = ""


ACTIONS: tuple[ActionSpec, ...] = (
    ActionSpec(
        "new_consultation",
        "&New consultation",
        "&File",
        (StandardKey.New,),
        clinician_only=True,
        tip="Start recording a new consultation (the current one stays saved)",
    ),
    ActionSpec(
        "save_pdf",
        "&Save summary as PDF…",
        "&File",
        (StandardKey.Save,),
        tip="The one-page summary of this consultation, as a PDF file",
    ),
    ActionSpec(
        "print", "&Print summary…", "&File", (StandardKey.Print,), tip="Print the one-page summary of this consultation"
    ),
    ActionSpec(
        "reload",
        "&Reload library",
        "&File",
        ("F5",),  # not StandardKey.Refresh: on X11 that is Ctrl+R too, which is Personal risk
        clinician_only=True,
        tip="Load the library folders again",
    ),
    ActionSpec(
        "preferences",
        "Pr&eferences…",
        "&File",
        (StandardKey.Preferences, "Ctrl+,"),
        clinician_only=True,
        tip="Library folders, your name and role",
    ),
    ActionSpec("quit", "&Quit", "&File", (StandardKey.Quit,), clinician_only=True),
    ActionSpec(
        "find",
        "&Search the library",
        "&Go",
        (StandardKey.Find,),
        toolbar=True,
        clinician_only=True,
        tip="Type to find a decision aid",
    ),
    ActionSpec(
        "library",
        "&Library",
        "&Go",
        (StandardKey.Back, "Ctrl+L"),
        toolbar=True,
        clinician_only=True,
        tip="Back to the list of decision aids",
    ),
    ActionSpec("risk", "&Personal risk", "&Go", ("Ctrl+R",), toolbar=True, tip="Out of 100 people like this patient"),
    ActionSpec(
        "go_record",
        "&Record panel",
        "&Go",
        ("Ctrl+Shift+R",),
        tip="To the Record panel's first field, bringing it to the front",
    ),
    ActionSpec(
        "prompts",
        "&Question prompts",
        "&View",
        ("Ctrl+Shift+Q",),
        toolbar=True,
        checkable=True,
        tip="BRAN, Ask 3 Questions and the patient's own questions",
    ),
    ActionSpec("zoom_in", "Zoom &in", "&View", (StandardKey.ZoomIn, "Ctrl+=")),
    ActionSpec("zoom_out", "Zoom &out", "&View", (StandardKey.ZoomOut,)),
    ActionSpec("zoom_reset", "&Actual size", "&View", ("Ctrl+0",)),
    ActionSpec(
        "high_contrast", "&High contrast", "&View", ("Ctrl+Shift+H",), checkable=True, tip="White and yellow on black"
    ),
    ActionSpec(
        "problems",
        "&Problems in the library",
        "&View",
        ("Ctrl+Shift+E",),
        checkable=True,
        clinician_only=True,
        tip="Files that could not be loaded, with line and column",
    ),
    ActionSpec(
        "patient_mode",
        "Patient &view",
        "&View",
        ("Ctrl+Shift+P",),
        toolbar=True,
        clinician_only=True,
        tip="Full screen, large plain text, for going through options with a patient",
    ),
    ActionSpec("exit_patient_mode", "&Leave patient view", "&View", ("Esc",), tip="Back to the clinician's view"),
    ActionSpec(
        "finish_record",
        "&Finish record",
        "&Record",
        ("Ctrl+Shift+F",),
        clinician_only=True,
        tip="Check the record and make it final",
    ),
    ActionSpec(
        "history",
        "&Past records…",
        "&Record",
        ("Ctrl+H",),
        clinician_only=True,
        tip="Find, reprint or amend finished records",
    ),
    ActionSpec("quality", "&Decision quality…", "&Record", clinician_only=True, tip="SURE and CollaboRATE over time"),
    ActionSpec(
        "export", "&Export records…", "&Record", clinician_only=True, tip="Save finished records as FHIR or CSV"
    ),
    ActionSpec(
        "record_panel",
        "&Record panel",
        "&View",
        toolbar=True,
        checkable=True,
        tip="What matters, the leaning or decision, SURE and notes",
    ),
    ActionSpec(
        "shortcuts",
        "&Keyboard shortcuts",
        "&Help",
        ("F1",),
        tip="Every shortcut, and the letters that open the menus",
    ),
    ActionSpec("about", "&About SDM Desktop", "&Help", tip="The version, where records are kept, and the shortcuts"),
    ActionSpec("menu_bar", "Open the menu bar", "", ("F10",), clinician_only=True),
)


def key_sequences(spec: ActionSpec) -> list[QKeySequence]:
    """Every key sequence of ``spec`` on this platform (standard keys expanded)."""
    out: list[QKeySequence] = []
    for key in spec.shortcuts:
        if isinstance(key, QKeySequence.StandardKey):
            out.extend(QKeySequence.keyBindings(key))
        else:
            out.append(QKeySequence(key))
    unique: list[QKeySequence] = []
    for seq in out:
        if not seq.isEmpty() and seq not in unique:
            unique.append(seq)
    return unique


Handler = Callable[..., object]


def build_actions(
    owner: QObject, handlers: Mapping[str, Handler], specs: tuple[ActionSpec, ...] = ACTIONS
) -> dict[str, QAction]:
    """QActions for ``specs``, owned by ``owner``, each triggering ``handlers[spec.id]``.

    A checkable action's handler is called with the new state; any other with no argument.
    """
    missing = [spec.id for spec in specs if spec.id not in handlers]
    extra = sorted(set(handlers) - {spec.id for spec in specs})
    if missing or extra:
        raise ValueError(f"actions without a handler: {missing}; handlers without an action: {extra}")
    actions: dict[str, QAction] = {}
    for spec in specs:
        action = QAction(spec.label, owner)
        action.setObjectName(f"action_{spec.id}")
        action.setShortcuts(key_sequences(spec))
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.setCheckable(spec.checkable)
        tip = spec.tip or spec.label.replace("&", "")
        shortcuts = key_sequences(spec)
        if shortcuts:
            tip += f" ({shortcuts[0].toString(QKeySequence.SequenceFormat.NativeText)})"
        action.setToolTip(tip)
        action.setStatusTip(spec.tip)
        handler = handlers[spec.id]
        if spec.checkable:
            action.toggled.connect(handler)
        else:
            action.triggered.connect(lambda _checked=False, h=handler: h())
        actions[spec.id] = action
    return actions


def install_actions(
    window: QMainWindow, actions: Mapping[str, QAction], specs: tuple[ActionSpec, ...] = ACTIONS
) -> QToolBar:
    """Put ``actions`` in the window's menus and a new toolbar (returned), and on the window itself."""
    # On the window too, so shortcuts work while the menu bar is hidden (patient view).
    window.addActions(list(actions.values()))
    for title, ids in menus(specs).items():
        menu = window.menuBar().addMenu(title)
        for action_id in ids:
            menu.addAction(actions[action_id])
    toolbar = QToolBar("Main")
    toolbar.setObjectName("mainToolbar")
    toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    for spec in specs:
        if spec.toolbar:
            action = actions[spec.id]
            toolbar.addAction(action)
            toolbar.widgetForAction(action).setAccessibleName(spec.label.replace("&", ""))
    window.addToolBar(toolbar)
    return toolbar


def menus(specs: tuple[ActionSpec, ...] = ACTIONS) -> dict[str, list[str]]:
    """Menu title -> action ids, in table order."""
    out: dict[str, list[str]] = {}
    for spec in specs:
        if spec.menu:
            out.setdefault(spec.menu, []).append(spec.id)
    return out
