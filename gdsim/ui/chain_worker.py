"""The chain rule's numbers, worked out on a thread of their own: summing every sample's products takes
time in proportion to the data (a third of a second for a million rows), which the window must not
wait for. One request at a time; a newer request waiting replaces an older one, so a playing run
never builds up a queue. The thread starts with the first request and is joined by ``shutdown``."""

import numpy as np
from PySide6.QtCore import QObject, QThread, Signal, Slot

from ..engine import InputError
from ..model.chain_rule import chain_at

JOIN_TIMEOUT_MS = 2000


class _Calculator(QObject):
    computed = Signal(object, object)  # (the request's tag, a ChainAtSample or None)

    @Slot(object)
    def compute(self, request) -> None:
        tag, problem, params, sample, rows = request
        try:
            result = chain_at(problem, params, sample, rows)
        except InputError:  # a point that is not finite (a run that diverged): nothing to show
            result = None
        self.computed.emit(tag, result)


class ChainCalculator(QObject):
    ready = Signal(object, object)  # (the tag given with the request, a ChainAtSample or None)
    _compute_requested = Signal(object)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._thread: QThread | None = None
        self._busy = False
        self._waiting = None  # the newest request not yet sent

    def request(self, tag, problem, params, sample: int, rows=None) -> None:
        """Work out ``chain_at(problem, params, sample, rows)``; ``ready`` hands it back with ``tag``."""
        request = (tag, problem, np.array(params, dtype=float), int(sample),
                   None if rows is None else np.array(rows))
        if self._busy:
            self._waiting = request
            return
        self._send(request)

    def _send(self, request) -> None:
        if self._thread is None:
            self._thread = QThread()
            self._thread.setObjectName("gdsim-chain-rule")
            self._calculator = _Calculator()
            self._calculator.moveToThread(self._thread)
            self._compute_requested.connect(self._calculator.compute)
            self._calculator.computed.connect(self._on_computed)
            self._thread.finished.connect(self._calculator.deleteLater)
            self._thread.start()
        self._busy = True
        self._compute_requested.emit(request)

    @Slot(object, object)
    def _on_computed(self, tag, result) -> None:
        self._busy = False
        if self._waiting is not None:
            request, self._waiting = self._waiting, None
            self._send(request)
        self.ready.emit(tag, result)

    def shutdown(self) -> bool:
        """Stop the thread and join it; True if it ended in time (or never started)."""
        if self._thread is None or not self._thread.isRunning():
            return True
        self._thread.quit()
        return self._thread.wait(JOIN_TIMEOUT_MS)
