"""A run: K starting points advanced together as one (K, d) array, with statuses and a trajectory.

Row t of a run is the point reached after t updates, with its loss and gradient norm. Steps are taken
in blocks: within a block every running start is updated without checks, and the block is then
checked all at once, each start stopping at its own first converged or diverged row. Starts are
independent, so this gives exactly the numbers of a step-by-step loop; it keeps the per-step work to
the update and the evaluation, with nothing allocated.

A start *converges* at the first row whose gradient norm is below ``tol``: a stationary point, such as
a minimum (or a saddle point the run came close to). It is *stuck* instead when, on such a row, the
problem knows the point is no minimum (``Problem.stuck_at``): for a dataset model, the activation is
flat (f′(h) = 0) at every sample whose error y − ŷ is not zero, so the gradient is exactly zero
although the errors are not; for a fixed function, the point is exactly one of its known saddle
points. That check runs only for the rare starts whose gradient norm is below ``tol``. A start
*diverges* at the first row whose loss, parameters or gradient are not finite or whose loss or
parameters exceed ``DIVERGENCE_LIMIT`` in size, and is then kept at its last finite row
(``stopped_at``); when the row that stopped it has a loss or gradient that is not a number (NaN) at
a point within the limit, that point is kept too (``undefined_at``): the step landed where the
function or its slope is not defined, such as the log of a negative number. Stopped starts stay
where they stopped. Starts still running when the run reaches its step limit are held there with the
status *step limit*, and go on if the limit is raised.

With a learning-rate ``schedule`` (``gdsim.engine.schedules``), update t (the step that leads to row t,
t = 1 for the first) uses ηₜ = lr·λ(t), exactly per step also inside a block; ``lr_at(t)`` gives the ηₜ
of any update, the same numbers, also across changes of lr or of the schedule during the run. Without a
schedule (or with a constant one) every update uses lr and nothing is computed per step.
"""

import math
from dataclasses import dataclass

import numpy as np

from .errors import QT_TRANSLATE_NOOP, InputError, parse_number, real_array, shown, whole_number
from .optimizers import Optimizer, State, coefficients, default_lr, get_optimizer, ruder_nesterov
from .problems import Problem
from .schedules import Schedule, get_schedule
from .trajectory import Trajectory
from .workspace import Workspace, column_major

RUNNING, CONVERGED, DIVERGED, STEP_LIMIT, STUCK = 0, 1, 2, 3, 4
STATUS_NAMES = ("running", "converged", "diverged", "step limit", "stuck")

DIVERGENCE_LIMIT = 1e100  # beyond this a square overflows: no descent worth showing gets here
DEFAULT_TOLERANCE = 1e-6
DEFAULT_HISTORY_BYTES = 64 * 2**20
MAX_HISTORY_BYTES = 2 * 2**30  # what history_rows may ask for, so a typo cannot eat the machine
_BLOCK_STEPS = 64
_BLOCK_ELEMENTS = 1 << 18  # a block's buffers stay in cache for the checks
_IN_RECORD_ELEMENTS = 512  # rows at least this long are written straight into the record


@dataclass(frozen=True)
class History:
    """Recorded rows, copied out: step (R,), params (R, K, d), loss (R, K), grad_norm (R, K).

    A start that stopped keeps its final values in the rows after ``stopped_at``.
    """

    step: np.ndarray
    params: np.ndarray
    loss: np.ndarray
    grad_norm: np.ndarray


@dataclass(frozen=True)
class Lookahead:
    """A Nesterov update in Ruder's form (see ``gdsim.engine.optimizers.ruder_nesterov``), each (K, d):
    his parameters φ before it, the look-ahead point φ − μ·v where it evaluates the gradient (the
    engine's θ), his velocity v before it, and φ after it."""

    position: np.ndarray
    lookahead: np.ndarray
    velocity: np.ndarray
    position_after: np.ndarray


@dataclass(frozen=True)
class Update:
    """One step worked out ahead (see ``Run.next_update``): ``params`` (K, d) after it, the
    ``gradient`` (K, d) it uses (the mini-batch's, with batches), the optimizer's arrays ``before``
    and ``after`` it, each (K, d) by name, its step count t and scalars after it, the η it uses
    (``lr``: the learning rate times the schedule's factor for this t), and for Nesterov momentum the
    same update in Ruder's form (``lookahead``; None for other optimizers)."""

    params: np.ndarray
    gradient: np.ndarray
    before: dict
    after: dict
    step: int
    scalars: dict
    lr: float = 0.0
    lookahead: Lookahead | None = None


class Batches:
    """Mini-batches in a fixed order: the data is shuffled once per epoch by a generator seeded with
    (seed, epoch), so the batch for any step is the same whenever it is asked for."""

    def __init__(self, X: np.ndarray, y: np.ndarray, size: int, seed: int):
        self.X, self.y, self.size, self.seed = X, y, size, seed
        self.per_epoch = math.ceil(len(y) / size)
        self._epoch = -1

    def at(self, step: int) -> tuple[np.ndarray, np.ndarray]:
        """The samples (X, y) of the update from ``step`` to step + 1."""
        rows = self._rows(step)
        return self._X[rows], self._y[rows]

    def rows_at(self, step: int) -> np.ndarray:
        """Which samples (their rows in the data, in the batch's order) ``at(step)`` gives."""
        rows = self._rows(step)  # (first: it may shuffle for a new epoch)
        return self._order[rows].copy()

    def _rows(self, step: int) -> slice:
        """The step's slice of its epoch's shuffled order (made once per epoch)."""
        epoch, i = divmod(step, self.per_epoch)
        if epoch != self._epoch:
            self._order = np.random.default_rng([self.seed, epoch]).permutation(len(self.y))
            self._X, self._y, self._epoch = self.X[self._order], self.y[self._order], epoch
        return slice(i * self.size, (i + 1) * self.size)


class Run:
    """K starts of one problem under one optimizer.

    ``starts`` is (K, d) (or (d,) for one start). ``hyperparameters`` override the optimizer's
    defaults (``lr`` defaults to the problem's suggestion). ``schedule`` (a ``Schedule`` or a
    schedule's name) scales lr step by step (see the module's docstring). With ``batch_size``, a
    dataset model steps on mini-batch gradients while loss and gradient norm are recorded on the
    whole data.
    At most ``history_rows`` rows are kept (by default as many as fit in 64 MiB): when full, every
    other row is dropped and only every 2nd, 4th, … step is recorded from then on.
    """

    def __init__(self, problem: Problem, optimizer: str | Optimizer, starts, hyperparameters=None, *,
                 schedule: str | Schedule | None = None, tol: float = DEFAULT_TOLERANCE,
                 step_limit: int | None = None, batch_size: int | None = None, seed: int = 0,
                 history_rows: int | None = None):
        self.problem = _check_problem(problem)
        self.optimizer = get_optimizer(optimizer)
        starts = _check_starts(problem, starts)
        history_rows = _check_history_rows(history_rows, *starts.shape)
        self.hyperparameters = self.optimizer.resolve(default_lr(problem, self.optimizer), hyperparameters)
        self._coefficients = coefficients(self.hyperparameters)
        self.schedule = get_schedule(schedule)
        # (first update, lr, schedule) from that update on: what lr_at reads; the last entry is current.
        self._lr_plan = [(1, self.hyperparameters["lr"], self.schedule)]
        self.tol = check_tolerance(tol)
        self.step_limit = _check_step_limit(step_limit)
        self._batches = make_batches(problem, batch_size, seed)
        self.batch_size, self.seed = batch_size, seed
        # (first update index, batches) from that update on (0 for update 1): what last_batch_rows reads.
        self._batch_plan = [(0, self._batches)]

        k, d = starts.shape
        self.step = 0
        self._finished = False
        self.status = np.zeros(k, dtype=np.int8)
        self.stopped_at = np.full(k, -1)
        self._active = np.arange(k)  # the global index of each row of the working arrays
        # Rows of the working arrays whose starts have stopped but are not dropped yet (``_drop``); only
        # inside ``advance``, empty at any other time.
        self._stale = _NO_ROWS
        self._defer_drops = False
        self._ws, self._batch_ws = Workspace(), Workspace()
        self._rows_key, self._rows_cache = None, []
        self._p = column_major(k, d)
        self._p[...] = starts
        self._grad = column_major(k, d)
        self._loss = np.empty(k)
        with np.errstate(all="ignore"):
            problem.kernel(self._p, self._loss, self._grad, self._ws)
        if not (np.isfinite(self._loss).all() and np.isfinite(self._grad).all()):
            bad = starts[~(np.isfinite(self._loss) & np.isfinite(self._grad).all(axis=1))][0]
            raise InputError(QT_TRANSLATE_NOOP(
                "errors", "the loss or its gradient is not finite at the start {start}"),
                start=tuple(bad.tolist()))
        if np.abs(self._loss).max() > DIVERGENCE_LIMIT or np.abs(starts).max() > DIVERGENCE_LIMIT:
            raise InputError(QT_TRANSLATE_NOOP(
                "errors", "a start is too far out: its loss or parameters exceed {limit:g}"),
                limit=DIVERGENCE_LIMIT)
        gnorm2 = np.sum(self._grad * self._grad, axis=1)
        self._gnorm = np.sqrt(gnorm2)
        self.state: State = self.optimizer.init(self._p)
        # Each start's optimizer state as it was on the row where it stopped, so that a start that
        # converged or got stuck can go on exactly if the problem changes (``switch_problem``).
        self._stateful = bool(self.optimizer.buffers or self.optimizer.scalars)
        self._final_state = {name: np.zeros((k, d)) for name in self.optimizer.buffers}
        self._final_t = np.zeros(k, dtype=int)
        self._final_scalars = [dict(self.state.scalars) for _ in range(k)] if self.state.scalars else None

        self._undefined_at = np.full((k, d), np.nan)
        self._final_params = starts.copy()
        self._final_grad = np.array(self._grad)
        self._final_loss = self._loss.copy()
        self._final_gnorm = self._gnorm.copy()

        if history_rows is None:
            history_rows = DEFAULT_HISTORY_BYTES // (8 * k * (d + 2))
        self.trajectory = Trajectory(history_rows, k, d)
        self._record(np.array([0]), self._p.T[None], self._loss[None], gnorm2[None])
        self._stop_here(np.flatnonzero(self._gnorm < self.tol))

    # --- reading ------------------------------------------------------------------------------

    @property
    def k(self) -> int:
        return len(self.status)

    @property
    def running(self) -> bool:
        """True while some start is still running and the step limit is not reached."""
        return len(self._active) > 0 and (self.step_limit is None or self.step < self.step_limit)

    @property
    def params(self) -> np.ndarray:
        """The current point of every start, (K, d), as a copy."""
        out = self._final_params.copy()
        out[self._active] = self._p
        return out

    @property
    def loss(self) -> np.ndarray:
        out = self._final_loss.copy()
        out[self._active] = self._loss
        return out

    @property
    def gradient(self) -> np.ndarray:
        out = self._final_grad.copy()
        out[self._active] = self._grad
        return out

    @property
    def grad_norm(self) -> np.ndarray:
        out = self._final_gnorm.copy()
        out[self._active] = self._gnorm
        return out

    @property
    def undefined_at(self) -> np.ndarray:
        """(K, d): for each start that diverged because its step landed where the loss or the
        gradient is not a number (NaN), at a point whose coordinates are within the limit — where the
        function or its slope is not defined (log of a negative number, 0/0), or too large to compute
        (∞ − ∞) — that point; NaN for every other start. Its status is "diverged", its last row the
        last point where both are defined."""
        return self._undefined_at.copy()

    @property
    def status_names(self) -> list[str]:
        return [STATUS_NAMES[s] for s in self.status.tolist()]

    @property
    def recorded_every(self) -> int:
        return self.trajectory.every

    def history(self, max_rows: int | None = None) -> History:
        """The recorded rows as copies; with ``max_rows``, evenly thinned (first and last kept; with 1,
        the last)."""
        if max_rows is not None:
            max_rows = whole_number(max_rows, "max_rows", 1)
        tr = self.trajectory
        slots = tr.slots(max_rows)
        step = tr.step[slots]
        params = np.ascontiguousarray(tr.params[slots].transpose(0, 2, 1))
        loss = tr.loss[slots]
        gnorm = tr.grad_norm[slots]
        stopped = self.stopped_at >= 0
        if stopped.any():
            after = (step[:, None] > self.stopped_at[None, :]) & stopped[None, :]
            params[after] = np.broadcast_to(self._final_params, params.shape)[after]
            loss[after] = np.broadcast_to(self._final_loss, loss.shape)[after]
            gnorm[after] = np.broadcast_to(self._final_gnorm, gnorm.shape)[after]
        return History(step, params, loss, gnorm)

    def drain(self) -> History:
        """The rows recorded since the last drain (the first time, all of them) as ``history()`` gives
        them, and an empty record: a run drained before its record fills keeps every row in order,
        however long it runs, in the memory of the rows between two drains."""
        rows = self.history()
        self.trajectory.clear()
        return rows

    def finish(self, rows: int) -> History:
        """End the run here and hand over rows 0 … rows−1 of its record as they are, without copies.

        For a run whose record kept every row (``recorded_every`` is 1; ``history_rows`` ≥ rows). The
        run takes no more steps (the step limit becomes the current step and can no longer change),
        so nothing writes into the arrays returned: they are the caller's. ``params`` (rows, K, d) is a
        transposed view of the record's (rows, d, K) buffer. The rows after a start's last one (its
        stop, or the current step) are filled in place with its final values, as ``history`` does.
        """
        tr = self.trajectory
        if tr.every != 1:
            raise InputError(QT_TRANSLATE_NOOP(
                "errors", "finish() hands over a record that kept every row; this one keeps every {every}th "
                          "(give the run more history_rows)"), every=tr.every)
        rows = whole_number(rows, QT_TRANSLATE_NOOP("errors", "the rows handed over"), 1, len(tr.step))
        params, loss, gnorm = tr.in_place(rows)
        self.step_limit = self.step
        self._mark_step_limit()
        self._finished = True
        final_params, final_loss, final_gnorm = self.params, self.loss, self.grad_norm
        # Starts grouped by their last row: each group's later rows are filled with one assignment.
        later = np.flatnonzero(self.stopped_at < rows - 1)
        later = later[np.argsort(self.stopped_at[later], kind="stable")]
        for group in np.split(later, np.flatnonzero(np.diff(self.stopped_at[later])) + 1):
            if len(group):
                after = slice(self.stopped_at[group[0]] + 1, rows)
                params[after, :, group] = final_params[group].T
                loss[after, group] = final_loss[group]
                gnorm[after, group] = final_gnorm[group]
        return History(np.arange(rows), params.transpose(0, 2, 1), loss, gnorm)

    @property
    def current_lr(self) -> float:
        """The η the next update uses: lr times the schedule's factor for t = step + 1."""
        return float(self.lr_at(self.step + 1))

    def lr_at(self, t):
        """ηₜ, the η update t uses (t ≥ 1; an int or an array of them, as (K,) or any shape): exactly
        the number the run uses or used for that update, with lr and the schedule as they were then
        (a change applies from the next update on)."""
        steps = np.asarray(t)
        if steps.dtype.kind not in "iu" or (steps.size and steps.min() < 1):
            raise InputError(QT_TRANSLATE_NOOP(
                "errors", "lr_at needs update numbers t ≥ 1 (whole numbers), got {t!r}"), t=shown(t))
        out = np.empty(steps.shape)
        plan = self._lr_plan
        for i, (first, lr, schedule) in enumerate(plan):
            inside = steps >= first
            if i + 1 < len(plan):
                inside &= steps < plan[i + 1][0]
            if inside.any():
                out[inside] = _etas(lr, schedule, steps[inside])
        return out if out.ndim else float(out)

    def _block_lrs(self, t0: int, m: int) -> np.ndarray | None:
        """ηₜ for the updates t0 + 1 … t0 + m, or None when every update uses lr (no schedule)."""
        _, lr, schedule = self._lr_plan[-1]
        if schedule is None or schedule.is_constant:
            return None
        return _etas(lr, schedule, np.arange(t0 + 1, t0 + m + 1))

    def next_params(self) -> np.ndarray:
        """Where the next step would take every start, (K, d), computed on copies (nothing moves).

        A stopped start, or one held at the step limit, stays where it is."""
        return self.next_update().params

    def next_update(self) -> "Update":
        """The next step, worked out on copies: the gradient it uses, the new params and the
        optimizer state before and after, all (K, d) for every start (nothing moves). A stopped
        start, or one held at the step limit, has a zero gradient and stays where it is."""
        k, d = self.k, self.problem.dim
        params, grad = self.params, np.zeros((k, d))
        before = {name: np.zeros((k, d)) for name in self.state.buffers}
        after = {name: np.zeros((k, d)) for name in self.state.buffers}
        state = self.state.copy()
        lr = self.current_lr
        coefficients = dict(self._coefficients, lr=np.array(lr))
        if self.running:
            p = column_major(*self._p.shape)
            p[...] = self._p
            g = self._grad
            if self._batches is not None:
                X, y = self._batches.at(self.step)
                g = column_major(*self._p.shape)
                self.problem.evaluate_on(X, y, p, np.empty(len(p)), g, Workspace())
            for name, buf in self.state.buffers.items():
                before[name][self._active] = buf
            with np.errstate(all="ignore"):
                self.optimizer.update(g, state, p, coefficients, Workspace())
            params[self._active] = p
            grad[self._active] = g
            for name, buf in state.buffers.items():
                after[name][self._active] = buf
        lookahead = None
        if self.optimizer.name == "nesterov":
            mu = self.hyperparameters["momentum"]
            current = self.params
            position, velocity = ruder_nesterov(current, before["b"], lr, mu)
            position_after, _ = ruder_nesterov(params, after["b"], lr, mu)
            lookahead = Lookahead(position, current, velocity, position_after)
        return Update(params, grad, before, after, state.step, dict(state.scalars), lr, lookahead)

    # --- changing -----------------------------------------------------------------------------

    def set_hyperparameter(self, name: str, value) -> None:
        """Change one hyperparameter; it applies from the next step. Bad values change nothing."""
        self.hyperparameters[name] = self.optimizer.hyperparameter(name).check(value)
        self._coefficients = coefficients(self.hyperparameters)
        if name == "lr":
            self._plan_from_next_update()

    def set_batches(self, batch_size: int | None, seed: int = 0) -> None:
        """Step on mini-batches of ``batch_size`` samples (None: the whole data) in the order ``seed``
        sets, from the next update on: update t uses the batch a run built with them uses for t.
        Bad input (no data, a size that is no whole number from 1 to N, a bad seed) changes nothing."""
        self._batches = make_batches(self.problem, batch_size, seed)
        self.batch_size, self.seed = batch_size, seed
        self._batch_plan = [e for e in self._batch_plan if e[0] < self.step] + [(self.step, self._batches)]

    def next_batch_rows(self) -> np.ndarray | None:
        """The rows of the data the next update's mini-batch holds, or None on the whole data."""
        return None if self._batches is None else self._batches.rows_at(self.step)

    def last_batch_rows(self) -> np.ndarray | None:
        """The rows of the data the mini-batch of the last update of the first start held (the update
        that led to its current point, or to its final point if it stopped), or None before the
        first update or when that update took the whole data."""
        last = (self.step if self.status[0] == RUNNING else int(self.stopped_at[0])) - 1
        if last < 0:
            return None
        batches = next(b for first, b in reversed(self._batch_plan) if first <= last)
        return None if batches is None else batches.rows_at(last)

    def set_schedule(self, schedule: str | Schedule | None) -> None:
        """Another learning-rate schedule (None: none), from the next update on; its factor is taken
        at the run's own t (a cosine set at step 500 goes on from λ(501)). Bad input changes nothing."""
        self.schedule = get_schedule(schedule)
        self._plan_from_next_update()

    def _plan_from_next_update(self) -> None:
        first = self.step + 1
        plan = [entry for entry in self._lr_plan if entry[0] < first]
        self._lr_plan = plan + [(first, self.hyperparameters["lr"], self.schedule)]

    def _refuse_if_finished(self) -> None:
        if self._finished:
            raise InputError(QT_TRANSLATE_NOOP(
                "errors", "this run is finished: finish() handed its record over; start a new Run to go on"))

    def set_step_limit(self, limit: int | None) -> None:
        """A new step limit; raised above the current step, starts held at the old one go on."""
        self._refuse_if_finished()
        self.step_limit = _check_step_limit(limit)
        self._mark_step_limit()

    def switch_problem(self, problem: Problem) -> None:
        """Go on with another problem over the same parameters, such as a neuron with another
        activation or loss: every start keeps its point, the step count, its optimizer state and the
        hyperparameters (η too), and the record so far; the loss and gradient are worked out afresh
        at each start's point, and from the next step on it descends the new problem.

        Statuses are judged again there: a start whose gradient norm is below the tolerance stops
        (converged or stuck), and one that had converged or got stuck but now has a slope goes on
        from the row where it stopped, with the optimizer state of that row. The step count t and
        the optimizer's scalars are shared by all starts, so when other starts are still running, or
        stopped later, such a start goes on from the run's current step. A diverged start stays as
        it ended. Raises InputError, and changes nothing, if the new problem has other parameters
        or its loss or gradient is not finite at a start's point.
        """
        self._refuse_if_finished()
        batches, alive, points, loss, grad = self._evaluate(problem)
        self.problem, self._batches = problem, batches
        self._batch_plan[-1] = (self._batch_plan[-1][0], batches)  # the same rows of the same data
        k = self.k
        gnorm = np.sqrt(np.sum(grad * grad, axis=1))
        where = np.full(k, -1)
        where[alive] = np.arange(len(alive))
        running = where[self._active]
        self._loss[...] = loss[running]
        self._grad[...] = grad[running]
        self._gnorm[...] = gnorm[running]
        stopped = alive[np.isin(alive, self._active, invert=True)]
        self._set_final_rows(stopped, points[where[stopped]], grad[where[stopped]], loss[where[stopped]],
                             gnorm[where[stopped]])
        revived = stopped[gnorm[where[stopped]] >= self.tol]
        if len(revived):
            self._revive(revived)
        flat = stopped[gnorm[where[stopped]] < self.tol]
        self.status[flat] = self._stationary_status(self._final_params[flat])
        self._stop_here(np.flatnonzero(self._gnorm < self.tol))
        self._mark_step_limit()

    def check_problem(self, problem: Problem) -> None:
        """Raise InputError if ``switch_problem(problem)`` would refuse it; nothing changes."""
        self._evaluate(problem)

    def _evaluate(self, problem: Problem):
        """The new problem's batches, the starts that have not diverged (global indices), their
        points (n, d), and the new loss (n,) and gradient (n, d) there; InputError if it cannot go on."""
        if tuple(problem.param_names) != tuple(self.problem.param_names):
            raise InputError(QT_TRANSLATE_NOOP(
                "errors", "problem {problem!r} has the parameters ({names}); the run has ({have})"),
                problem=problem.name, names=", ".join(problem.param_names),
                have=", ".join(self.problem.param_names))
        batches = make_batches(problem, self.batch_size, self.seed)
        d = problem.dim
        alive = np.flatnonzero(self.status != DIVERGED)
        points = self.params[alive]
        soa = column_major(len(alive), d)
        soa[...] = points
        loss, grad = np.empty(len(alive)), column_major(len(alive), d)
        with np.errstate(all="ignore"):
            problem.kernel(soa, loss, grad, Workspace())
        finite = np.isfinite(loss) & np.isfinite(grad).all(axis=1) & (np.abs(loss) <= DIVERGENCE_LIMIT)
        if not finite.all():
            raise InputError(QT_TRANSLATE_NOOP(
                "errors", "problem {problem!r} cannot go on from the point {point} reached so far: its loss "
                          "or gradient there is not finite or exceeds {limit:g}"),
                problem=problem.name, point=tuple(points[~finite][0].tolist()), limit=DIVERGENCE_LIMIT)
        return batches, alive, points, loss, grad

    def _revive(self, starts: np.ndarray) -> None:
        """Put stopped starts (global indices) back among the running ones, each with its point,
        loss and gradient as set and the optimizer state of the row where it stopped."""
        if len(self._active) == 0:
            # Nothing runs: the run goes back to the last row any start reached (rows after it hold
            # no one's steps).
            self.step = int(self.stopped_at.max())
            self.trajectory.truncate(self.step)
            self._plan_from_next_update()
            latest = starts[np.argmax(self.stopped_at[starts])]
            self.state.step = int(self._final_t[latest])
            if self._final_scalars is not None:
                self.state.scalars = dict(self._final_scalars[latest])
        for i in starts:  # rows recorded while it waited hold its final values from now on
            if self.stopped_at[i] < self.step:
                self.trajectory.fill(i, int(self.stopped_at[i]), self._final_params[i],
                                     self._final_loss[i], self._final_gnorm[i])
        order = np.argsort(np.concatenate([self._active, starts]), kind="stable")
        active = np.concatenate([self._active, starts])[order]
        k_new, d = len(active), self.problem.dim
        p, grad = column_major(k_new, d), column_major(k_new, d)
        p[...] = np.concatenate([self._p, self._final_params[starts]])[order]
        grad[...] = np.concatenate([self._grad, self._final_grad[starts]])[order]
        self._loss = np.concatenate([self._loss, self._final_loss[starts]])[order]
        self._gnorm = np.concatenate([self._gnorm, self._final_gnorm[starts]])[order]
        for name, buf in self.state.buffers.items():
            merged = column_major(k_new, d)
            merged[...] = np.concatenate([buf, self._final_state[name][starts]])[order]
            self.state.buffers[name] = merged
        self._p, self._grad, self._active = p, grad, active
        self.status[starts] = RUNNING
        self.stopped_at[starts] = -1

    def advance(self, n: int) -> int:
        """Take up to n steps with the starts still running; return how many were taken."""
        n = self._steps_allowed(whole_number(n, QT_TRANSLATE_NOOP("errors", "the number of steps"), 0))
        taken = 0
        self._defer_drops = getattr(self.problem, "dataset", None) is None and math.isfinite(self.tol ** 2)
        try:
            with np.errstate(all="ignore"):
                while taken < n and len(self._active) > len(self._stale):
                    m = min(n - taken, self._block_steps())
                    self._block(m)
                    taken += m
        finally:
            self._defer_drops = False
            self._compact()
        self._mark_step_limit()
        return taken

    def _steps_allowed(self, n: int) -> int:
        """Of n steps, those the step limit allows."""
        return n if self.step_limit is None else max(0, min(n, self.step_limit - self.step))

    # --- the step loop ------------------------------------------------------------------------

    def _block_steps(self) -> int:
        return block_steps(*self._p.shape)

    def _block(self, m: int) -> None:
        """m steps for every running start, then the checks for all m rows at once."""
        block = self._begin_block(m)
        self._step_rows(block.rows, block.batches, block.etas)
        self._grad[...] = block.grads[m - 1].T
        _block_squared_norms(block.grads, block.gnorm2)
        self._end_block(block)

    def _begin_block(self, m: int) -> "_Block":
        """What a block of m steps starts from, and where its rows go.

        While all K starts run and the record keeps every row, rows of many starts are written straight
        into the record; otherwise into the block's buffers, and copied into the record from there (for
        a few starts that copy costs less than making views of the record's rows)."""
        ws = self._ws
        k, d = self._p.shape
        direct = k == self.k and k * (d + 2) >= _IN_RECORD_ELEMENTS
        in_record = self.trajectory.rows_ahead(m) if direct else None
        if in_record is None:
            xs, losses, gnorm2, grads, rows = self._block_buffers(k, d)
            xs, losses, gnorm2, grads, rows = xs[:m], losses[:m], gnorm2[:m], grads[:m], rows[:m]
        else:
            xs, losses, gnorm2 = in_record
            grads = ws.get("grads", (self._block_steps(), d, k))[:m]
            rows = zip(xs.transpose(0, 2, 1), losses, grads.transpose(0, 2, 1), strict=True)
        before = ws.like("before", self._p)
        before[...] = self._p
        # What a replay of the block needs, to find the exact state of a start that stops inside it.
        start_state = self.state.copy() if self._stateful else None
        start_grad = np.array(self._grad) if self._stateful else None
        t0 = self.step
        batches = None if self._batches is None else [self._batches.at(t0 + j) for j in range(m)]
        etas = self._block_lrs(t0, m)
        return _Block(m, t0, xs, losses, gnorm2, grads, before, start_state, start_grad, batches, rows,
                      in_record is not None, etas)

    def _end_block(self, block: "_Block") -> None:
        """The checks for all rows of a block that has been stepped: record the rows, and stop the
        starts that converged, got stuck or diverged in it, each on its own row."""
        m, t0, xs, losses, gnorm2 = block.m, block.t0, block.xs, block.losses, block.gnorm2
        before, start_state = block.before, block.start_state
        steps = np.arange(t0 + 1, t0 + m + 1)
        self.step = t0 + m
        if len(self._stale):
            self._neutralize_stale(xs, losses, gnorm2)
        events = self._events(xs, losses, gnorm2)
        if not block.in_record:
            self._record(steps, xs, losses, gnorm2)

        if events is not None:
            hit, first, diverged, ends, inside, final = block_stops(xs, before, *events)
            self._set_final(hit, final, self._gradient_at(final),
                            np.where(inside, losses[ends, hit], self._loss[hit]),
                            np.where(inside, np.sqrt(gnorm2[ends, hit]), self._gnorm[hit]))
            self._note_undefined(xs, losses, gnorm2, first[diverged], hit[diverged])
        self._loss[...] = losses[m - 1]
        np.sqrt(gnorm2[m - 1], out=self._gnorm)
        if block.in_record:
            self.trajectory.commit(steps)  # takes the square roots in place: gnorm2 is read above
        if events is not None:
            statuses = np.full(len(hit), DIVERGED)
            statuses[~diverged] = self._stationary_status(final[~diverged])
            stops = self._active[hit]
            self._stop(hit, statuses, t0 + 1 + ends)
            if start_state is not None and (~diverged).any():
                self._keep_states(start_state, before, block.start_grad, block.batches, block.etas,
                                  stops[~diverged],
                                  hit[~diverged], ends[~diverged])

    def _note_undefined(self, xs, losses, gnorm2, rows: np.ndarray, local: np.ndarray) -> None:
        """Keep the points of the diverging rows (``rows`` of the running starts ``local``) whose
        loss or gradient is NaN within the limit (see ``undefined_at``)."""
        nan = np.isnan(losses[rows, local]) | np.isnan(gnorm2[rows, local])
        if not nan.any():
            return
        points = xs[rows, :, local]  # (n, d)
        mark = nan & np.all(np.abs(points) <= DIVERGENCE_LIMIT, axis=1)
        self._undefined_at[self._active[local[mark]]] = points[mark]

    def _keep_states(self, start_state: State, before, start_grad, batches, etas, starts, local,
                     rows) -> None:
        """Replay the block for the starts that converged or got stuck in it (``local`` among the
        running ones at its start, ``starts`` among all) up to their rows, and keep each one's optimizer
        state as it was on its row. Each start's arithmetic is its own, so this gives the numbers
        the block gave; it runs only for blocks in which a start stopped."""
        state = start_state.copy()
        state.take(local)
        p, grad = column_major(len(local), self.problem.dim), column_major(len(local), self.problem.dim)
        p[...] = before[local]
        grad[...] = start_grad[local]
        loss = np.empty(len(local))
        ws, batch_ws = Workspace(), Workspace()
        batch_grad = ws.like("batch_grad", p)
        c = dict(self._coefficients)
        for j in range(int(rows.max()) + 1):
            g = grad
            if batches is not None:
                X, y = batches[j]
                self.problem.evaluate_on(X, y, p, np.empty(len(p)), batch_grad, batch_ws)
                g = batch_grad
            if etas is not None:
                c["lr"] = np.array(etas[j])
            self.optimizer.update(g, state, p, c, ws)
            done = np.flatnonzero(rows == j)
            for name, buf in state.buffers.items():
                self._final_state[name][starts[done]] = buf[done]
            self._final_t[starts[done]] = state.step
            if self._final_scalars is not None:
                for i in starts[done]:
                    self._final_scalars[i] = dict(state.scalars)
            self.problem.kernel(p, loss, grad, ws)

    def _gradient_at(self, params: np.ndarray) -> np.ndarray:
        """The gradient at a few points (the final ones of stopped starts), evaluated afresh."""
        soa = column_major(*params.shape)
        soa[...] = params
        grad = column_major(*params.shape)
        self.problem.kernel(soa, np.empty(len(params)), grad, Workspace())
        return np.array(grad)

    def _step_rows(self, rows, batches, etas) -> None:
        """The step loop over the block's rows (point, loss and gradient: (K, d), (K,), (K, d)): update
        in place with the last row's gradient, copy the new point into its row and evaluate it there.
        ``etas`` (m,): each update's η, or None when all use lr. (The squared gradient norms are taken
        for the whole block afterwards.)"""
        ws, state, c = self._ws, self.state, self._coefficients
        update, kernel, problem = self.optimizer.update, self.problem.kernel, self.problem
        p, g = self._p, self._grad
        if batches is None and etas is None:  # the usual case, with nothing else per step
            for x_row, loss_row, grad_row in rows:
                update(g, state, p, c, ws)
                x_row[...] = p
                kernel(p, loss_row, grad_row, ws)
                g = grad_row
            return
        scheduled = etas is not None
        if scheduled:
            c = dict(c)
            lr_cell = c["lr"] = np.empty(())
        if batches is not None:
            g, batch_loss = ws.like("batch_grad", p), ws.get("batch_loss", (len(p),))
        for j, (x_row, loss_row, grad_row) in enumerate(rows):
            if batches is not None:
                X, y = batches[j]
                problem.evaluate_on(X, y, p, batch_loss, g, self._batch_ws)
            if scheduled:
                lr_cell[()] = etas[j]
            update(g, state, p, c, ws)
            x_row[...] = p
            kernel(p, loss_row, grad_row, ws)
            if batches is None:
                g = grad_row

    def _block_buffers(self, k: int, d: int):
        """The block's buffers, params (M, d, K), losses (M, K), squared gradient norms (M, K) and
        gradients (M, d, K), and per-row views of params, losses and gradients (params and gradients
        as (K, d)), made once per shape."""
        m = self._block_steps()
        ws = self._ws
        xs, losses, gnorm2 = ws.get("xs", (m, d, k)), ws.get("losses", (m, k)), ws.get("gnorm2", (m, k))
        grads = ws.get("grads", (m, d, k))
        if self._rows_key != (m, k, d):
            self._rows_cache = [(xs[j].T, losses[j], grads[j].T) for j in range(m)]
            self._rows_key = (m, k, d)
        return xs, losses, gnorm2, grads, self._rows_cache

    def _events(self, xs, losses, gnorm2):
        """None if no start converged or diverged in the block, else the masks (m, K) of the finite
        rows and of the rows that stop a start (not finite, or converged). Usually a few sums decide."""
        limit2 = DIVERGENCE_LIMIT * DIVERGENCE_LIMIT
        flat_x, flat_loss = xs.reshape(-1), losses.reshape(-1)
        # Sums of non-negative terms: if a sum is finite and small, so is every term.
        flat_g = gnorm2.reshape(-1)
        calm = (np.dot(flat_x, flat_x) <= limit2 and np.dot(flat_loss, flat_loss) <= limit2
                and math.isfinite(np.dot(flat_g, flat_g)))
        tol2 = self.tol * self.tol
        if calm and not gnorm2.min() < tol2:
            return None
        finite = np.all(np.abs(xs) <= DIVERGENCE_LIMIT, axis=1)
        finite &= np.abs(losses) <= DIVERGENCE_LIMIT
        finite &= np.isfinite(gnorm2)
        event = ~finite | (gnorm2 < tol2)
        return (finite, event) if event.any() else None

    # --- bookkeeping --------------------------------------------------------------------------

    def _set_final(self, local, params, grad, loss, gnorm) -> None:
        self._set_final_rows(self._active[local], params, grad, loss, gnorm)

    def _set_final_rows(self, idx, params, grad, loss, gnorm) -> None:
        self._final_params[idx] = params
        self._final_grad[idx] = grad
        self._final_loss[idx] = loss
        self._final_gnorm[idx] = gnorm

    def _mark_step_limit(self) -> None:
        """Starts at the step limit keep their place and state (the limit may be raised again)."""
        held = self.step_limit is not None and self.step >= self.step_limit
        self.status[self._active] = STEP_LIMIT if held else RUNNING
        self.stopped_at[self._active] = self.step if held else -1

    def _stationary_status(self, params: np.ndarray) -> np.ndarray:
        """CONVERGED or STUCK for points (n, d) whose gradient norm is below the tolerance."""
        if len(params) == 0:
            return np.empty(0, dtype=np.int8)
        with np.errstate(all="ignore"):
            return np.where(self.problem.stuck_at(params), STUCK, CONVERGED)

    def _stop_here(self, local: np.ndarray) -> None:
        """Stop the running starts at the given local positions where they are now, whose gradient
        norm is below the tolerance (converged or stuck)."""
        self._set_final(local, self._p[local], self._grad[local], self._loss[local], self._gnorm[local])
        self._stop(local, self._stationary_status(self._p[local]), np.full(len(local), self.step))

    def _stop(self, local: np.ndarray, statuses: np.ndarray, rows: np.ndarray) -> None:
        """Mark the running starts at the given local positions as stopped, on the given rows, and
        drop them from the working arrays (their final values are set already)."""
        if len(local) == 0:
            return
        idx = self._active[local]
        self.status[idx] = statuses
        self.stopped_at[idx] = rows
        # The state as it is now: exact for a start stopped where it stands; a block replays the
        # starts that stopped inside it (``_keep_states``).
        for name, buf in self.state.buffers.items():
            self._final_state[name][idx] = buf[local]
        self._final_t[idx] = self.state.step
        if self._final_scalars is not None:
            for i in idx:
                self._final_scalars[i] = dict(self.state.scalars)
        self._drop(local)

    def _drop(self, local: np.ndarray) -> None:
        """Drop stopped starts (local positions) from the working arrays.

        Inside ``advance``, for a fixed function (whose arithmetic is element-wise: a start's numbers do
        not depend on the others), while every start has its row and at most a quarter have stopped,
        the rows stay, stepped to no use and ignored by the checks (``_neutralize_stale``): rows of all
        K starts then go on into the record in one piece, not scattered into the running starts'
        columns. Their columns there hold no values of theirs: ``history`` and ``finish`` give the final
        values after a start's last row. ``advance`` drops them when it returns."""
        stale = np.union1d(self._stale, local)
        self._stale = stale
        if not (self._defer_drops and len(self._active) == self.k and 4 * len(stale) <= self.k):
            self._compact()

    def _compact(self) -> None:
        """Drop the rows of stopped starts that are still in the working arrays."""
        if len(self._stale) == 0:
            return
        keep = np.ones(len(self._active), dtype=bool)
        keep[self._stale] = False
        kept = np.flatnonzero(keep)
        self._stale = _NO_ROWS
        self._active = self._active[kept]
        self._p = _take_rows(self._p, kept)
        self._grad = _take_rows(self._grad, kept)
        self._loss = self._loss[kept]
        self._gnorm = self._gnorm[kept]
        self.state.take(kept)

    def _neutralize_stale(self, xs, losses, gnorm2) -> None:
        """Give the stale rows' columns of a block values that stop nothing (a finite point, a
        squared gradient norm not below the tolerance's), so the checks see the running starts only."""
        stale = self._stale
        xs[:, :, stale] = 0.0
        losses[:, stale] = 0.0
        gnorm2[:, stale] = self.tol * self.tol

    def _record(self, steps: np.ndarray, params, loss, gnorm2) -> None:
        """Record rows of the running starts: params (n, d, Ka), loss and squared norms (n, Ka)."""
        columns = None if len(self._active) == self.k else self._active
        self.trajectory.append(steps, params, loss, gnorm2, columns)


def block_stops(xs: np.ndarray, before: np.ndarray, finite: np.ndarray, event: np.ndarray):
    """Where the starts with an event in a block stop: their columns ``hit``, the row of the first
    event ``first``, whether it ``diverged``, the row each ends on (``ends``; −1 for the row the block
    started from, ``before`` (K, d)), whether that row is ``inside`` the block, and the ``final``
    points (len(hit), d). A converged start ends on its event row; a diverged one on the row before."""
    hit = np.flatnonzero(event.any(axis=0))
    first = np.argmax(event[:, hit], axis=0)
    diverged = ~finite[first, hit]
    ends = np.where(diverged, first - 1, first)
    inside = ends >= 0
    final = np.empty((len(hit), xs.shape[1]))
    final[inside] = xs[ends[inside], :, hit[inside]]
    final[~inside] = before[hit[~inside]]
    return hit, first, diverged, ends, inside, final


def block_steps(k: int, d: int) -> int:
    """Steps per block for k running starts of d parameters."""
    return max(1, min(_BLOCK_STEPS, _BLOCK_ELEMENTS // (k * (d + 1))))


def working_bytes(problem: Problem, optimizer: str | Optimizer, k: int, batch_size=None) -> int:
    """About the most a Run of k starts allocates besides its record (measured within 10 % for the
    cases in benchmarks/engine_speed.py and tests/test_engine_runs.py):

    - (K, d) arrays: points, gradients, their final values, the points before a block, the gradient a
      replay starts from, the optimizers' scratch, where a start's step was undefined, and copies of
      that and of the points handed out at the end (10), and three of
      each optimizer buffer (the state, each start's final state, the state a block starts from);
    - (K,) arrays: losses, norms, statuses, final values and a fixed function's scratch (24);
    - a dataset model's scratch, 4 (K, N) arrays for N samples and as many (K, B) for mini-batches of B;
    - a block's rows (K, 2d + 2) per step of it: its buffers (points, gradients, losses, norms), or
      the gradients and the temporaries of its checks once a start stops (at most about 5 MB, but for
      K so large that a block is one step)."""
    d = problem.dim
    buffers = len(get_optimizer(optimizer).buffers)
    dataset = getattr(problem, "dataset", None)
    samples = 0
    if dataset is not None:
        n = len(dataset.y)
        batch = batch_size if isinstance(batch_size, (int, np.integer)) and batch_size > 0 else n
        samples = 4 * n + (0 if batch_size is None else 4 * min(int(batch), n))
    block = block_steps(k, d) * (2 * d + 2)
    return 8 * k * ((10 + 3 * buffers) * d + 24 + samples + block)


def _etas(lr: float, schedule: Schedule | None, steps: np.ndarray) -> np.ndarray:
    """lr·λ(t) for the updates ``steps`` (a 1-d array), the one formula the run steps with and
    lr_at reports."""
    if schedule is None or schedule.is_constant:
        return np.full(steps.shape, lr)
    return lr * schedule(np.ascontiguousarray(steps, dtype=np.int64))


@dataclass
class _Block:
    """A block of m steps from step t0: the buffers of its rows (params (m, d, K), losses and squared
    gradient norms (m, K)), the running starts' points before it, and what a replay needs."""

    m: int
    t0: int
    xs: np.ndarray
    losses: np.ndarray
    gnorm2: np.ndarray
    grads: np.ndarray
    before: np.ndarray
    start_state: State | None
    start_grad: np.ndarray | None
    batches: list | None
    rows: object  # per row: point (K, d), loss and squared gradient norm (K,) views, as _step_rows takes
    in_record: bool  # whether xs, losses and gnorm2 are the record's next rows (committed at the end)
    etas: np.ndarray | None


def _squared_norms(grad: np.ndarray, square: np.ndarray, out: np.ndarray) -> None:
    """Each row's squared norm of grad (K, d) into out (K,), through square (K, d)."""
    np.multiply(grad, grad, out=square)
    d = grad.shape[1]
    if d == 1:
        out[...] = square[:, 0]
    elif d == 2:
        np.add(square[:, 0], square[:, 1], out=out)
    else:
        np.sum(square, axis=1, out=out)


def _block_squared_norms(grads: np.ndarray, out: np.ndarray) -> None:
    """The squared norm of each gradient of a block, grads (m, d, K), into out (m, K); grads is
    squared in place. The same arithmetic as ``_squared_norms`` of each step's (K, d) gradient: for
    d > 2, np.sum of each row as a (K, d) array of that layout (its order of additions depends on it)."""
    np.multiply(grads, grads, out=grads)
    d = grads.shape[1]
    if d == 1:
        out[...] = grads[:, 0]
    elif d == 2:
        np.add(grads[:, 0], grads[:, 1], out=out)
    else:
        for square, row in zip(grads, out, strict=True):
            np.sum(square.T, axis=1, out=row)


def advance_together(runs, n: int) -> int:
    """Up to n steps of each run (each stops at its own step limit), as ``run.advance(n)`` takes them,
    with the same numbers; returns the most steps a run took.

    Runs of one problem that is a fixed function step side by side, the problem evaluated once per step
    for all their starts: for a few starts that evaluation costs the same for one as for many, and it
    is most of a step (on Beale's function 15 of 21 µs). Each start's numbers are its own (the
    functions' arithmetic is element-wise: one point gives the same bits alone as among others, as
    tests/test_engine_gradients.py checks), and each run's blocks of steps are the ones it takes alone.
    Runs of a dataset model (whose sums over the samples may be taken in another order for another
    number of rows), with mini-batches, or alone step one by one."""
    n = whole_number(n, QT_TRANSLATE_NOOP("errors", "the number of steps"), 0)
    allowed = [run._steps_allowed(n) for run in runs]
    taken = [0] * len(runs)
    groups: dict[int, list[int]] = {}
    for i, run in enumerate(runs):
        if (run._batches is None and len(run._active) and run.problem is runs[0].problem
                and getattr(run.problem, "dataset", None) is None):
            groups.setdefault(allowed[i], []).append(i)
    ws = Workspace()
    for steps, members in groups.items():
        with np.errstate(all="ignore"):
            while True:
                members = [i for i in members if len(runs[i]._active)]
                sizes = {min(steps - taken[i], runs[i]._block_steps()) for i in members}
                if len(members) < 2 or len(sizes) != 1 or taken[members[0]] >= steps:
                    break
                m = sizes.pop()
                _block_together([runs[i] for i in members], m, ws)
                for i in members:
                    taken[i] += m
    most = 0
    for i, run in enumerate(runs):
        if taken[i] < n:
            taken[i] += run.advance(n - taken[i])
        else:
            run._mark_step_limit()  # what advance(0) does
        most = max(most, taken[i])
    return most


def _block_together(runs, m: int, ws: Workspace) -> None:
    """A block of m steps for several runs of one problem, evaluated for all their starts at once:
    each run's update on its rows of one (K, d) array of points, then one evaluation of the problem,
    then each run's checks on its own rows."""
    blocks = [run._begin_block(m) for run in runs]
    bounds = np.cumsum([0] + [len(run._active) for run in runs]).tolist()
    k, d = bounds[-1], runs[0].problem.dim
    p, grad = column_major(k, d), column_major(k, d)
    xs, losses, gnorm2 = ws.get("xs", (m, d, k)), ws.get("losses", (m, k)), ws.get("gnorm2", (m, k))
    grads = ws.get("grads", (m, d, k))
    updates, scheduled = [], []
    for run, block, a, b in zip(runs, blocks, bounds[:-1], bounds[1:], strict=True):
        p[a:b], grad[a:b] = run._p, run._grad
        c = run._coefficients
        if block.etas is not None:  # each update's own η, as _step_rows gives it
            c = dict(c, lr=np.empty(()))
            scheduled.append((c["lr"], block.etas))
        updates.append((run.optimizer.update, grad[a:b], run.state, p[a:b], c, run._ws))
    kernel = runs[0].problem.kernel
    for j in range(m):
        for lr_cell, etas in scheduled:
            lr_cell[()] = etas[j]
        for update, g, state, params, c, run_ws in updates:
            update(g, state, params, c, run_ws)
        xs[j] = p.T
        kernel(p, losses[j], grad, ws)
        grads[j] = grad.T
    _block_squared_norms(grads, gnorm2)
    for run, block, a, b in zip(runs, blocks, bounds[:-1], bounds[1:], strict=True):
        block.xs[...] = xs[:, :, a:b]
        block.losses[...] = losses[:, a:b]
        block.gnorm2[...] = gnorm2[:, a:b]
        run._p[...], run._grad[...] = p[a:b], grad[a:b]
        run._end_block(block)


_NO_ROWS = np.empty(0, dtype=np.intp)


def _take_rows(a: np.ndarray, rows: np.ndarray) -> np.ndarray:
    if a.ndim == 1:
        return a[rows]
    out = column_major(len(rows), a.shape[1])
    np.take(a, rows, axis=0, out=out)
    return out


def _check_problem(problem) -> Problem:
    if not isinstance(problem, Problem):
        raise InputError(QT_TRANSLATE_NOOP(
            "errors", "a run needs a problem made by make_problem, such as Run(make_problem('parabola'), "
            "'sgd', [2.0]); got {problem!r}"), problem=shown(problem))
    return problem


def _check_starts(problem: Problem, starts) -> np.ndarray:
    a = real_array(starts, QT_TRANSLATE_NOOP("errors", "a start"))
    if a.ndim == 1:
        a = a[None, :]
    names = ", ".join(problem.param_names)
    if a.ndim != 2 or a.shape[1] != problem.dim or a.shape[0] == 0:
        got = a.shape[-1] if a.ndim >= 1 else 0
        template = (QT_TRANSLATE_NOOP("errors", "problem {problem!r} has 1 parameter ({names}); a start "
                                      "with {got} numbers does not fit") if problem.dim == 1 else
                    QT_TRANSLATE_NOOP("errors", "problem {problem!r} has {dim} parameters ({names}); a start "
                                      "with {got} numbers does not fit"))
        if got == 1 and problem.dim > 1:
            template = QT_TRANSLATE_NOOP("errors", "problem {problem!r} has {dim} parameters ({names}); a "
                                         "start with 1 number does not fit")
        raise InputError(template, problem=problem.name, dim=problem.dim, names=names, got=got)
    if not np.isfinite(a).all():
        raise InputError(QT_TRANSLATE_NOOP("errors", "a start must be finite numbers"))
    return a


def check_tolerance(tol) -> float:
    value = parse_number(tol, QT_TRANSLATE_NOOP("errors", "the tolerance"))
    if value < 0:
        raise InputError(QT_TRANSLATE_NOOP("errors", "the tolerance must be ≥ 0, got {tol}"), tol=tol)
    return value


def _check_history_rows(rows, k: int, d: int) -> int | None:
    if rows is None:
        return None
    return whole_number(rows, "history_rows", 1, max(2, MAX_HISTORY_BYTES // (8 * k * (d + 2))))


def _check_step_limit(limit) -> int | None:
    if limit is None:
        return None
    return whole_number(limit, QT_TRANSLATE_NOOP("errors", "the step limit"), 0, float_ok=True)


def make_batches(problem: Problem, batch_size, seed) -> Batches | None:
    """The mini-batches of ``problem``'s data (None for ``batch_size`` None: the whole data); raises
    InputError for a problem without data, a size that is no whole number from 1 to N, a bad seed."""
    if batch_size is None:
        return None
    dataset = getattr(problem, "dataset", None)
    if dataset is None:
        raise InputError(QT_TRANSLATE_NOOP(
            "errors", "mini-batches need a dataset model (linreg or neuron); {problem!r} has no data"),
            problem=problem.name)
    n = len(dataset.y)
    size = whole_number(batch_size, QT_TRANSLATE_NOOP("errors", "the batch size"), 1, n)
    seed = whole_number(seed, QT_TRANSLATE_NOOP("errors", "the seed"), 0)
    return Batches(dataset.X, dataset.y, size, seed)
