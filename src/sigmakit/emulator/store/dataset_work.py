"""What is done to a (deprecated) dataset rather than read of it: materializing it
(``/v2/datasets/{id}/materialization``, runs kept as jobs of kind ``dataset-materialization``,
as a workbook's are) and migrating it to a data model (``POST /v2/datasets/{id}/migrate``).
It writes no table of its own: the dataset, the data model, the lineage and the jobs are
changed through their stores."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from ..clock import Clock, iso
from ..db import Database
from ..errors import BadRequest
from ..ids import IdFactory
from ..jobs import Job, Jobs
from .data_models import DataModelStore, ElementSpec
from .datasets import DatasetStore
from .files import FileStore
from .lineage import LineageStore
from .paging import Page, slice_page

__all__ = ["DatasetWork"]

#: a run's job status -> how Sigma lists it (only finished runs are listed)
_RUN_STATUS = {"done": "success", "failed": "failed"}
_KIND = "dataset-materialization"


def _run(job: Job) -> dict[str, Any]:
    assert job.finished_at is not None
    took = None if job.started_at is None else round(job.finished_at - job.started_at, 3)
    return {
        "status": _RUN_STATUS[job.status],
        "finishedAt": iso(datetime.fromtimestamp(job.finished_at, UTC)),
        "error": None
        if job.error is None
        else {"code": "materialization_failed", "message": job.error},
        "runtimeSecs": took,
        "numRows": None,
        "numBytes": None,
    }


class DatasetWork:
    def __init__(
        self,
        db: Database,
        ids: IdFactory,
        clock: Clock,
        jobs: Jobs,
        files: FileStore,
        datasets: DatasetStore,
        data_models: DataModelStore,
        lineage: LineageStore,
    ) -> None:
        self.db = db
        self.ids = ids
        self.clock = clock
        self.jobs = jobs
        self.files = files
        self.datasets = datasets
        self.data_models = data_models
        self.lineage = lineage

    # ----- materialization (deprecated with datasets) -----

    def materialize(self, dataset_id: str, caller: str) -> dict[str, str]:
        """Start a run; its ``taskId``. The run is listed once it has finished."""
        row = self.datasets.row(dataset_id, caller)
        if row["is_archived"]:
            raise BadRequest(f"Dataset {dataset_id} is deleted")
        self.files.access(caller, dataset_id, need="explore")
        task_id = self.ids.uuid()
        with self.db.tx() as conn:
            self.jobs.create(conn, job_id=task_id, kind=_KIND, workbook_id=dataset_id, payload={})
        return {"taskId": task_id}

    def materializations(self, dataset_id: str, caller: str, *, offset: int, limit: int) -> Page:
        """The dataset's finished runs, newest first."""
        self.datasets.row(dataset_id, caller)
        done = [_run(j) for j in reversed(self.jobs.of(_KIND, dataset_id)) if j.finished]
        return slice_page(done, offset=offset, limit=limit)

    # ----- migration to a data model (beta) -----

    def migrate(self, dataset_id: str, body: dict[str, Any], caller: str) -> dict[str, Any]:
        """``{shouldUpdateReferences, destFolderId?, dryRun?}``: a data model over the
        dataset's table, in ``destFolderId`` (or the dataset's folder), owned by the caller;
        the dataset is marked migrated to it, and with ``shouldUpdateReferences`` the
        workbook elements reading the dataset read the data model instead. ``dryRun``
        answers the links and counts only."""
        row = self.datasets.row(dataset_id, caller)
        update = body.get("shouldUpdateReferences")
        if not isinstance(update, bool):
            raise BadRequest("shouldUpdateReferences is required: true or false")
        dry = body.get("dryRun", False)
        if not isinstance(dry, bool):
            raise BadRequest("dryRun is true or false")
        answer: dict[str, Any] = {
            "dataModelId": None,
            # the emulator's datasets each read one warehouse table and no other dataset
            "links": [
                {
                    "source": {"type": "table", "tableId": row["source_id"]},
                    "target": {"type": "dataset", "datasetId": dataset_id},
                }
            ],
            "linkCount": 0,
            "referenceCount": 0,
        }
        if dry:
            return answer
        self.files.access(caller, dataset_id, need="edit")
        if row["migrated_to"] is not None:
            raise BadRequest(
                f"Dataset {dataset_id} is already migrated to data model {row['migrated_to']}"
            )
        folder = body.get("destFolderId")
        if folder is not None and (not isinstance(folder, str) or not folder.strip()):
            raise BadRequest("destFolderId is a folder's id")
        parent = folder.strip() if isinstance(folder, str) else row["parent_id"]
        if self.files.row(parent)["type"] not in ("folder", "workspace"):
            raise BadRequest(f"Not a folder or workspace: {parent}")
        self.files.access(caller, parent, need="organize")
        now = self.clock.iso()
        with self.db.tx() as conn:
            ids = self.data_models.insert(
                conn,
                name=row["name"],
                owner_id=caller,
                parent_id=parent,
                elements=[
                    ElementSpec(row["name"], tables=[row["source_id"]], feeds_workbooks=True)
                ],
                at=now,
            )
            self.datasets.migrated(conn, dataset_id, ids[""], caller, now)
        if update:
            self.lineage.repoint(("dataset", dataset_id), ("data-model", ids[row["name"]]))
        answer["dataModelId"] = ids[""]
        return answer
