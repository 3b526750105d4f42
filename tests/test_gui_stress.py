"""A thousand random user actions, with a fixed seed, through the keys, the menus and the mouse as a
person would give them: play, pause, step, reset, η, problem, optimizer, activation, language, lesson,
a click on the landscape for a start; the window closed and opened again every hundred actions. No
exception (pytest-qt fails a test on one raised in a slot), no Qt warning (pyproject.toml), no thread
left running, and memory that does not grow once the first hundred actions have warmed everything up.
"""

import gc
import platform
import random
import sys
import threading

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtWidgets import QApplication

import gdsim
from gdsim.ui.actions import lesson_key
from gdsim.ui.i18n import LANGUAGES

ACTIONS = 1000
REOPEN_EVERY = 100
SEED = 20261203
# Actions come as fast as Qt takes them (each key or click handled at once, what it queued waits);
# after every twentieth the window catches up: what was queued is handled and the newest snapshot drawn.
SETTLE_EVERY = 20
RSS_GROWTH_LIMIT = 50 * 2**20  # bytes, from action 100 to the end


def rss() -> int:
    """This process's resident memory, in bytes."""
    with open("/proc/self/status") as status:
        kib = next(line.split()[1] for line in status if line.startswith("VmRSS:"))
    return int(kib) * 1024


class User:
    """Does what a person at the window does, chosen at random."""

    def __init__(self, qtbot, rng: random.Random):
        self.qtbot = qtbot
        self.rng = rng
        self.window = None
        self.shutdowns = []  # what each closed window's session said of its threads
        self.done: dict[str, int] = {}

    def open(self) -> None:
        from gdsim.app import create_window

        self.window = create_window()  # closed by the test (File → Quit), which deletes it
        self.window.resize(1024, 700)
        self.window.show()
        # The shipped lessons are read once the window is up.
        self.qtbot.waitUntil(lambda: bool(self.window.actions.lesson_actions), timeout=10_000)
        self.settle()

    def close(self) -> None:
        self.window.actions.quit.trigger()  # File → Quit
        session = self.window.session
        self.shutdowns.append((session.shut_down, session.threads_running))
        # The process would end here; in this one the window is deleted as the next one opens (closed,
        # it stays alive: its signals' connections to its own methods hold it through Qt).
        self.window.deleteLater()
        self.window = None
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        gc.collect()

    def settle(self) -> None:
        """Let the window catch up as it would between two clicks: the newest snapshot drawn."""
        session, canvas = self.window.session, self.window.canvas
        self.qtbot.waitUntil(lambda: session.latest is not None and canvas.last_drawn is session.latest,
                             timeout=10_000)

    def press(self, key, widget=None) -> None:
        window = self.window
        if widget is None:
            if not window.isActiveWindow():  # the offscreen platform lets go of it now and then
                window.activateWindow()
                self.qtbot.waitUntil(window.isActiveWindow, timeout=2000)
            window.setFocus()
        self.qtbot.keyClick(widget or window, key)

    def act(self) -> None:
        name = self.rng.choice(list(self.ACTIONS))
        self.ACTIONS[name](self)
        self.done[name] = self.done.get(name, 0) + 1

    # --- the actions ----------------------------------------------------------------------------

    def play_or_pause_by_key(self):
        self.press(Qt.Key.Key_Space)

    def play_or_pause_by_button(self):
        button = self.window.controls.play_button
        if button.isVisible():
            self.qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    def step(self):
        self.press(Qt.Key.Key_Right)

    def reset(self):
        self.press(Qt.Key.Key_R)

    def faster_or_slower_eta(self):
        self.press(self.rng.choice([Qt.Key.Key_Up, Qt.Key.Key_Down]))

    def type_eta(self):
        fields = self.window.controls.hyperparameter_fields
        if "lr" not in fields:
            return
        box = fields["lr"].field
        box.lineEdit().selectAll()
        self.qtbot.keyClicks(box.lineEdit(), f"{10 ** self.rng.uniform(-4, 0.5):.3g}")
        self.qtbot.keyClick(box.lineEdit(), Qt.Key.Key_Return)

    def problem(self):
        self.press(self.rng.choice([Qt.Key.Key_Down, Qt.Key.Key_Up]), self.window.controls.problem)

    def activation(self):
        self.press(self.rng.choice([Qt.Key.Key_Down, Qt.Key.Key_Up]), self.window.controls.activation)

    def optimizer(self):
        """Click an optimizer's name, then tick or untick it with the space bar."""
        optimizers = self.window.controls.optimizers
        item = optimizers.item(self.rng.randrange(optimizers.count()))
        self.qtbot.mouseClick(optimizers.viewport(), Qt.MouseButton.LeftButton,
                              pos=optimizers.visualItemRect(item).center())
        self.press(Qt.Key.Key_Space, optimizers)

    def language(self):
        self.window.actions.language_actions[self.rng.choice(["", *LANGUAGES])].trigger()

    def lesson(self):
        """A lesson by its number key (1 … 9, 0 for the tenth), or from the Lessons menu past that."""
        actions = self.window.actions.lesson_actions
        lesson, action = actions[self.rng.randrange(len(actions))]
        key = lesson_key(lesson.number)
        if key is None:
            action.trigger()
        else:
            self.press(key)

    def start_click(self):
        """A click somewhere on the landscape (or the 1-D curve's plot): a new start."""
        view = self.window.canvas.parameters
        if not view.isVisible():
            return
        box = view.getPlotItem().getViewBox()
        (x0, x1), (y0, y1) = box.viewRange()
        target = QPointF(self.rng.uniform(x0, x1), self.rng.uniform(y0, y1))
        at = view.mapFromScene(box.mapViewToScene(target))
        self.qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(at.x(), at.y()))

    ACTIONS = {f.__name__: f for f in (play_or_pause_by_key, play_or_pause_by_button, step, reset,
                                       faster_or_slower_eta, type_eta, problem, activation, optimizer,
                                       language, lesson, start_click)}


def gdsim_threads() -> list[str]:
    return [t.name for t in threading.enumerate() if t.name.startswith("gdsim-") and t.is_alive()]


def test_a_thousand_random_actions_raise_nothing_leave_no_thread_and_keep_memory_flat(qtbot):
    # What the window imports once, when first needed, is imported before: SymPy alone (a typed
    # function, the problem list's "Your own function") adds 60 MB, once, whenever it comes.
    gdsim.function("x^2")
    user = User(qtbot, random.Random(SEED))
    user.open()
    warmed = None
    try:
        for i in range(1, ACTIONS + 1):
            user.act()
            if i % SETTLE_EVERY == 0:
                user.settle()
            if i % REOPEN_EVERY == 0:
                user.close()
                if i == REOPEN_EVERY:
                    warmed = rss()
                print(f"RSS after {i} actions: {rss() / 2**20:.0f} MB")  # shown with -s, or on failure
                if i < ACTIONS:
                    user.open()
    finally:
        if user.window is not None:  # a failed action: the window still closes, its threads join
            user.close()
    grown = rss() - warmed
    assert set(user.done) == set(User.ACTIONS), user.done  # every kind of action was tried
    assert len(user.shutdowns) == ACTIONS // REOPEN_EVERY
    assert all(shutdown.joined and not running for shutdown, running in user.shutdowns)
    assert gdsim_threads() == []
    assert grown < RSS_GROWTH_LIMIT, f"RSS grew {grown / 2**20:.1f} MB after the first {REOPEN_EVERY} actions"


@pytest.mark.skipif(not sys.platform.startswith("linux") or platform.libc_ver()[0] != "glibc",
                    reason="glibc's malloc only")
def test_the_window_has_glibc_give_large_blocks_back():
    from gdsim.ui.memory import return_large_blocks

    assert return_large_blocks()
