"""Access-matrix rows for importing parents from a case system: the council administrator's
alone; another council's upload is not found."""

from parent_charter.caseimport.models import ImportRun, RunStatus

ADMIN = {"council_admin"}

ROWS = {
    "caseimport:start": ("caseimport.import_cases", ADMIN, {}),
    "caseimport:mapping": ("caseimport.import_cases", ADMIN, {}),
    "caseimport:upload": ("caseimport.import_cases", ADMIN, {}),
    "caseimport:run": ("caseimport.import_cases", ADMIN, {"kwargs": "caseimport_run"}),
    "caseimport:confirm": (
        "caseimport.import_cases",
        ADMIN,
        {"kwargs": "caseimport_run", "method": "post"},
    ),
}


def make_targets(ctx) -> dict:
    runs = {
        which: ImportRun.objects.create(
            council=ctx[which], status=RunStatus.PROBLEMS, problems=[], mapping={}
        )
        for which in ("hillford", "eastmere")
    }
    return {"caseimport_run": {k: {"public_id": run.public_id} for k, run in runs.items()}}
