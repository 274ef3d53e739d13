"""Background jobs (simulations, impact analyses) owned by one app instance.

A :class:`JobRegistry` runs submitted callables on a small thread pool and
keeps their status and result in memory, bounded: at most ``max_pending``
jobs queued or running (further submissions are refused with 429) and the
``keep`` most recent finished jobs. Nothing is global: each app made by
:func:`corredor.api.create_app` has its own registry.
"""

from __future__ import annotations

import threading
import uuid
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from corredor.errors import CorredorError

__all__ = ["Job", "JobRegistry", "TooManyJobsError"]


class TooManyJobsError(CorredorError):
    """The registry is full: a client should retry later (HTTP 429)."""

    kind = "too_many_jobs"


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


@dataclass
class Job:
    """One background job; mutated only by its registry under the registry's lock."""

    id: str
    kind: str
    request: dict[str, Any]
    submitted: str = field(default_factory=_now)
    status: str = "queued"
    started: str | None = None
    finished: str | None = None
    result: dict[str, Any] | None = None
    error: dict[str, Any] | None = None

    def to_dict(self) -> dict[str, Any]:
        """JSON-able snapshot (the :class:`~corredor.api.models.JobOut` shape)."""
        return {
            "id": self.id,
            "kind": self.kind,
            "status": self.status,
            "submitted": self.submitted,
            "started": self.started,
            "finished": self.finished,
            "request": dict(self.request),
            "result": self.result,
            "error": self.error,
        }


class JobRegistry:
    """Bounded in-memory registry of background jobs running on a thread pool.

    Parameters
    ----------
    workers : int
        Threads running jobs concurrently.
    max_pending : int
        Jobs allowed queued or running at once; more raise :class:`TooManyJobsError`.
    keep : int
        Finished jobs remembered (oldest forgotten first).
    """

    def __init__(self, workers: int = 1, max_pending: int = 8, keep: int = 100) -> None:
        self._workers = workers
        self._pool: ThreadPoolExecutor | None = None  # started with the first job
        self._lock = threading.Lock()
        self._jobs: OrderedDict[str, Job] = OrderedDict()
        self._max_pending = max_pending
        self._keep = keep

    def submit(self, kind: str, request: dict[str, Any], fn: Callable[[], dict[str, Any]]) -> Job:
        """Queue ``fn`` (returning a JSON-able dict); return the job snapshot."""
        with self._lock:
            pending = sum(1 for j in self._jobs.values() if j.status in ("queued", "running"))
            if pending >= self._max_pending:
                raise TooManyJobsError(
                    f"{pending} jobs are queued or running (limit {self._max_pending}); "
                    "retry when one has finished",
                    argument=None,
                )
            job = Job(id=uuid.uuid4().hex, kind=kind, request=request)
            self._jobs[job.id] = job
            self._forget_old()
            snapshot = Job(**job.__dict__)
            if self._pool is None:
                self._pool = ThreadPoolExecutor(
                    max_workers=self._workers, thread_name_prefix="corredor-job"
                )
            pool = self._pool
        pool.submit(self._run, job, fn)
        return snapshot

    def _forget_old(self) -> None:
        finished = [k for k, j in self._jobs.items() if j.status in ("done", "failed")]
        for key in finished[: max(0, len(finished) - self._keep)]:
            del self._jobs[key]

    def _run(self, job: Job, fn: Callable[[], dict[str, Any]]) -> None:
        with self._lock:
            job.status, job.started = "running", _now()
        try:
            result = fn()
        except CorredorError as exc:
            with self._lock:
                job.status, job.error = "failed", exc.to_dict()
        except Exception as exc:  # a bug, reported on the job rather than lost in a thread
            with self._lock:
                job.status = "failed"
                job.error = {
                    "error": "internal_error",
                    "argument": None,
                    "message": f"{type(exc).__name__}: {exc}",
                }
        else:
            with self._lock:
                job.status, job.result = "done", result
        finally:
            with self._lock:
                job.finished = _now()

    def get(self, job_id: str, kind: str | None = None) -> Job | None:
        """Snapshot of a job (``None`` if unknown, or of another ``kind``)."""
        with self._lock:
            job = self._jobs.get(job_id)
            if job is None or (kind is not None and job.kind != kind):
                return None
            return Job(**job.__dict__)

    def list(self, kind: str | None = None) -> list[Job]:
        """Snapshots of the remembered jobs, newest first."""
        with self._lock:
            return [
                Job(**j.__dict__)
                for j in reversed(self._jobs.values())
                if kind is None or j.kind == kind
            ]

    def shutdown(self) -> None:
        """Drop queued jobs and wait for running ones (a later submit starts a new pool)."""
        with self._lock:
            pool, self._pool = self._pool, None
            for job in self._jobs.values():
                if job.status == "queued":
                    job.status, job.finished = "failed", _now()
                    job.error = {
                        "error": "cancelled",
                        "argument": None,
                        "message": "server shut down before the job started",
                    }
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)
