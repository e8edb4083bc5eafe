"""The console's pages, under ``/__emulator/console``: server-rendered HTML over the stores.

Read-mostly: the only changes it makes are the control plane's own actions (reset, fault
knobs, clock, job mode and step/finish), made by calling the very functions behind the
``/__emulator`` control routes, so both keep one set of rules. A form posted from another
site never gets here: ``access.cross_site_refusal`` refuses it for the whole control plane.
"""

from __future__ import annotations

from datetime import UTC, datetime
from importlib import resources
from typing import Any
from urllib.parse import parse_qsl, urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.templating import Jinja2Templates

from .. import control
from ..access import CONTROL_COOKIE, CONTROL_PREFIX, is_token
from ..errors import ApiError, BadRequest, NotFound
from ..faults import FaultConfig
from ..jobs import MODES
from ..routes.deps import State
from ..routes.workbooks import file_response
from . import views

__all__ = ["PREFIX", "router"]

PREFIX = "/__emulator/console"
router = APIRouter(prefix=PREFIX, include_in_schema=False)
templates = Jinja2Templates(directory=str(resources.files(__package__) / "templates"))
templates.env.globals["prefix"] = PREFIX
templates.env.globals["status_of"] = views.status_of
templates.env.filters["clock"] = lambda at: datetime.fromtimestamp(at, UTC).strftime("%H:%M:%S")
_STATIC = {"console.css": "text/css", "console.js": "text/javascript"}

NAV = [
    ("people", "People"),
    ("teams", "Teams"),
    ("workspaces", "Workspaces"),
    ("connections", "Connections"),
    ("workbooks", "Workbooks"),
    ("jobs", "Jobs"),
    ("requests", "Requests"),
    ("control", "Control"),
]
templates.env.globals["nav"] = NAV


def _page(
    request: Request,
    template: str,
    title: str,
    section: str,
    http_status: int = 200,
    **context: Any,
) -> HTMLResponse:
    return templates.TemplateResponse(
        request,
        template,
        {"title": title, "section": section, **context},
        status_code=http_status,
    )


def _missing(request: Request, section: str, exc: ApiError) -> HTMLResponse:
    """A page saying what was not found (an id from an old link, after a reset)."""
    title = "Not found" if exc.status == 404 else "Cannot show this"
    return _page(request, "error.html", title, section, exc.status, message=exc.message)


def _int(value: str | None, default: int = 1) -> int:
    try:
        return int(value or default)
    except ValueError:
        return default


@router.get("/static/{name}")
def static(name: str) -> Response:
    if name not in _STATIC:
        return Response("Not found", status_code=404, media_type="text/plain")
    body = (resources.files(__package__) / "static" / name).read_bytes()
    return Response(body, media_type=_STATIC[name], headers={"cache-control": "no-cache"})


@router.get("", response_class=HTMLResponse)
def home(request: Request, state: State) -> HTMLResponse:
    return _page(request, "home.html", "Overview", "home", **views.overview(state))


@router.get("/people", response_class=HTMLResponse)
def people(
    request: Request,
    state: State,
    q: str = "",
    type: str = "",
    status: str = "active",
    page: str = "1",
) -> HTMLResponse:
    if status not in views.STATUSES:
        status = "active"
    found, pager = views.people(state, q=q, account_type=type, status=status, page=_int(page))
    query = {"q": q, "type": type, "status": status}
    return _page(
        request,
        "people.html",
        "People",
        "people",
        members=found,
        pager=pager,
        query=query,
        query_string=urlencode(query),
        account_types=state.store.account_types.names(),
        statuses=views.STATUSES,
    )


@router.get("/people/{member_id}", response_class=HTMLResponse)
def person(request: Request, state: State, member_id: str) -> HTMLResponse:
    try:
        found = views.member(state, member_id)
    except ApiError as exc:
        return _missing(request, "people", exc)
    m = found["member"]
    return _page(
        request,
        "member.html",
        f"{m['firstName']} {m['lastName']}",
        "people",
        names=views.names(state),
        **found,
    )


@router.get("/teams", response_class=HTMLResponse)
def teams(request: Request, state: State) -> HTMLResponse:
    return _page(request, "teams.html", "Teams", "teams", teams=views.teams(state))


@router.get("/teams/{team_id}", response_class=HTMLResponse)
def team(request: Request, state: State, team_id: str) -> HTMLResponse:
    try:
        found = views.team(state, team_id)
    except ApiError as exc:
        return _missing(request, "teams", exc)
    return _page(request, "team.html", found["team"]["name"], "teams", **found)


@router.get("/workspaces", response_class=HTMLResponse)
def workspaces(request: Request, state: State) -> HTMLResponse:
    return _page(
        request,
        "workspaces.html",
        "Workspaces",
        "workspaces",
        workspaces=views.workspaces(state),
        names=views.names(state),
    )


@router.get("/workspaces/{workspace_id}", response_class=HTMLResponse)
def workspace(request: Request, state: State, workspace_id: str) -> HTMLResponse:
    try:
        found = views.workspace(state, workspace_id)
    except ApiError as exc:
        return _missing(request, "workspaces", exc)
    return _page(
        request,
        "workspace.html",
        found["workspace"]["name"],
        "workspaces",
        names=views.names(state),
        **found,
    )


@router.get("/connections", response_class=HTMLResponse)
def connections(request: Request, state: State) -> HTMLResponse:
    return _page(
        request,
        "connections.html",
        "Connections",
        "connections",
        connections=views.connections(state),
    )


@router.get("/connections/{connection_id}", response_class=HTMLResponse)
def connection(request: Request, state: State, connection_id: str) -> HTMLResponse:
    try:
        found = views.connection(state, connection_id)
    except ApiError as exc:
        return _missing(request, "connections", exc)
    return _page(
        request,
        "connection.html",
        found["connection"]["name"],
        "connections",
        names=views.names(state),
        **found,
    )


@router.get("/workbooks", response_class=HTMLResponse)
def workbooks(request: Request, state: State, q: str = "", page: str = "1") -> HTMLResponse:
    found, pager = views.workbooks(state, q=q, page=_int(page))
    return _page(
        request,
        "workbooks.html",
        "Workbooks",
        "workbooks",
        workbooks=found,
        pager=pager,
        query={"q": q},
        query_string=urlencode({"q": q}),
        names=views.names(state),
    )


@router.get("/workbooks/{workbook_id}", response_class=HTMLResponse)
def workbook(request: Request, state: State, workbook_id: str) -> HTMLResponse:
    try:
        found = views.workbook(state, workbook_id)
    except ApiError as exc:
        return _missing(request, "workbooks", exc)
    return _page(
        request,
        "workbook.html",
        found["workbook"]["name"],
        "workbooks",
        names=views.names(state),
        **found,
    )


@router.get("/jobs", response_class=HTMLResponse)
def jobs(request: Request, state: State, kind: str = "") -> HTMLResponse:
    return _page(
        request,
        "jobs.html",
        "Jobs",
        "jobs",
        jobs=views.job_rows(state, kind),
        kind=kind,
        settings=control.jobs_view(state),
    )


@router.get("/jobs/rows", response_class=HTMLResponse)
def job_rows(request: Request, state: State, kind: str = "") -> HTMLResponse:
    """The Jobs table's rows alone, for the page to poll."""
    return templates.TemplateResponse(
        request, "_job_rows.html", {"jobs": views.job_rows(state, kind)}
    )


@router.get("/jobs/{job_id}/download")
def download(state: State, job_id: str) -> Response:
    """The export's file, as ``GET /v2/query/{id}/download`` gives it (without counting
    against the API's download rate limit)."""
    file = state.store.exports.download(job_id, state.config.export_ttl)
    if file is None:
        return Response("Not ready yet", status_code=409, media_type="text/plain")
    return file_response(file)


@router.get("/requests", response_class=HTMLResponse)
def requests(request: Request, state: State, route: str = "", status: str = "") -> HTMLResponse:
    return _page(
        request,
        "requests.html",
        "Requests",
        "requests",
        entries=state.requests.recent(route=route, status=status),
        route=route,
        status=status,
        faults=state.faults.config.to_dict(),
    )


@router.get("/requests/rows", response_class=HTMLResponse)
def request_rows(request: Request, state: State, route: str = "", status: str = "") -> HTMLResponse:
    """The request log's rows alone, for the page to poll."""
    return templates.TemplateResponse(
        request,
        "_request_rows.html",
        {"entries": state.requests.recent(route=route, status=status)},
    )


# ----- control: the control plane's own actions, through its own functions -----


def _control_page(
    request: Request, state: State, message: str = "", error: str = "", status: int = 200
) -> HTMLResponse:
    return _page(
        request,
        "control.html",
        "Control",
        "control",
        http_status=status,
        message=message,
        error=error,
        config=state.config,
        faults=state.faults.config.to_dict(),
        fault_labels=FAULT_LABELS,
        jobs=control.jobs_view(state),
        modes=MODES,
        now=state.clock.iso(),
    )


@router.get("/control", response_class=HTMLResponse)
def control_page(request: Request, state: State, done: str = "") -> HTMLResponse:
    return _control_page(request, state, message=done)


async def _form(request: Request) -> dict[str, str]:
    body = (await request.body()).decode("utf-8", "replace")
    return {k: v.strip() for k, v in parse_qsl(body, keep_blank_values=True)}


@router.get("/sign-in", response_class=HTMLResponse)
def sign_in_page(request: Request) -> HTMLResponse:
    return _page(request, "sign_in.html", "Sign in", "")


@router.post("/sign-in", response_class=HTMLResponse)
async def sign_in(request: Request, state: State) -> Response:
    """The control token, typed into a form, becomes the cookie a browser then sends with
    every console page and control-plane call (the one way a browser elsewhere gets in)."""
    token = state.config.control_token
    offered = (await _form(request)).get("token", "")
    if not is_token(offered, token):
        message = (
            "That is not the control token."
            if token
            else "This emulator has no control token: only its own machine may use it."
        )
        return _page(request, "sign_in.html", "Sign in", "", 403, message=message)
    done = RedirectResponse(PREFIX, status_code=303)
    done.set_cookie(CONTROL_COOKIE, offered, httponly=True, samesite="strict", path=CONTROL_PREFIX)
    return done


#: the words the Control page puts on each fault knob (a knob not named here shows its name)
FAULT_LABELS = {
    "latency_ms": "Added latency (ms)",
    "error_rate": "Error rate (0 to 1)",
    "rate_limit_rate": "Rate-limit rate (0 to 1)",
    "retry_after_share": "Share of 429s with Retry-After (0 to 1)",
    "drop_rate": "Drop rate (0 to 1)",
    "max_rps": "Max requests a second (0: none)",
    "seed": "Fault seed",
}
_SIZES = ("members", "teams", "workspaces", "connections", "workbooks", "pages_per_workbook")
_FAULT_KNOBS = tuple(FaultConfig().to_dict())


def _act(state: State, action: str, form: dict[str, str]) -> str:
    """Do one control-plane action with the form's values; a message saying what changed."""
    if action == "reset":
        body: dict[str, Any] = {k: form[k] for k in ("seed", *_SIZES) if form.get(k)}
        result = control.reset(state, body)
        return f"Reset the organization with seed {result['seed']}."
    if action == "faults":
        body = {k: (form[k] or None) if k == "seed" else form[k] for k in _FAULT_KNOBS if k in form}
        control.set_faults(state, body)
        return "Fault knobs saved."
    if action == "clock":
        now = control.advance_clock(state, {"advance": form.get("advance", "")})["now"]
        return f"The clock now reads {now}."
    if action == "jobs":
        body = {"mode": form.get("mode")}
        if form.get("exportTiming"):
            body["exportTiming"] = form["exportTiming"]
        for key in ("stageSeconds", "exportTtl"):
            if form.get(key):
                body[key] = _number(form[key], key)
        control.set_jobs(state, body)
        return "Job settings saved."
    if action in ("step", "finish"):
        target = {"jobId": form["jobId"]} if form.get("jobId") else None
        moved = control.step_jobs if action == "step" else control.finish_jobs
        moved(state, target)
        return "Jobs stepped." if action == "step" else "Jobs finished."
    raise NotFound(f"Unknown action: {action}")


def _number(text: str, key: str) -> int | float:
    try:
        value = float(text)
    except ValueError:
        raise BadRequest(f"{key} must be a number") from None
    return int(value) if value.is_integer() else value


@router.post("/control/{action}", response_class=HTMLResponse)
async def act(request: Request, state: State, action: str) -> Response:
    form = await _form(request)
    try:
        message = _act(state, action, form)
    except ApiError as exc:
        return _control_page(request, state, error=exc.message, status=exc.status)
    back = form.get("back", "")
    if back.startswith(f"{PREFIX}/") and "//" not in back:
        return RedirectResponse(back, status_code=303)
    return RedirectResponse(f"{PREFIX}/control?{urlencode({'done': message})}", status_code=303)
