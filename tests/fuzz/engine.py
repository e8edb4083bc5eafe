"""A property-based fuzzer for the emulator's API: requests built from the emulator's own
route list, with real ids from the seeded organization (so deep paths are reached: an
element of a page of a workbook, a control of that workbook, a query id to download)
mixed with random and hostile values (Infinity, NaN, 1e400, 9999-12-31, 1 MB strings,
control characters, malformed JSON, no token), lone UTF-16 surrogates in JSON strings and
keys, page tokens holding impossible offsets, and wrong JSON types where the emulator reads
a body by hand (a connection's ``details``, an API credential's ``credential``).

It runs its own emulator on a loopback port and speaks HTTP to it, so an answer cut short
counts like a 5xx. ``Fuzzer`` counts cases and 5xx answers; each 5xx is kept with the
request that caused it.
"""

from __future__ import annotations

import base64
import json
import math
import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

import httpx
from hypothesis import strategies as st
from tests.support.helpers import CLIENT_ID, CLIENT_SECRET

from sigmakit.emulator import EmulatorConfig, EmulatorServer

#: values that broke or could break number, date and cursor parsing
HOSTILE_TEXT = [
    "",
    " ",
    "0",
    "-1",
    "1.5",
    "inf",
    "-inf",
    "Infinity",
    "NaN",
    "1e400",
    "-1e400",
    "9223372036854775808",
    "18446744073709551616",
    "99999999999999999999999999",
    "9999-12-31",
    "0000-00-00",
    "0001-01-01",
    "9999-12-31T23:59:59",
    "min:,max:9999-12-31",
    "min:0001-01-01,max:",
    "min:-1e400,max:1e400",
    "min:NaN",
    "prior-year-9999",
    "next-year-9999",
    "prior-quarter-9999",
    "next-month-9999",
    "prior-day-9999",
    "next-week-9999",
    "current-year",
    ":null",
    ":empty",
    "East,:null",
    "null",
    "true",
    "[]",
    "{}",
    "eyJhZnRlciI6IDkyMjMzNzIwMzY4NTQ3NzU4MDh9",  # {"after": 9223372036854775808}
    "eyJhZnRlciI6IDFlNDAwfQ==",  # {"after": 1e400}
    "abc\n17:00:00 POST /v2/auth/token 200",
    "\x00",
    "\u202e\u0000\ud7ff",
    "../../etc/passwd",
    "%00",
    "x" * 300,
]
HOSTILE_NUMBERS: list[Any] = [
    0,
    -1,
    1,
    100,
    8000,
    8001,
    10**6,
    10**6 + 1,
    2**31,
    2**63,
    2**64,
    10**30,
    -(2**63) - 1,
    0.5,
    1e308,
    -1e308,
    math.inf,
    -math.inf,
    math.nan,
    True,
    False,
]
#: body keys Sigma's operations take (any operation gets any of them, sometimes)
BODY_KEYS = [
    "email",
    "firstName",
    "lastName",
    "memberType",
    "userKind",
    "isGuest",
    "isArchived",
    "isInactive",
    "newOwnerId",
    "archiveDocuments",
    "addToTeams",
    "name",
    "description",
    "visibility",
    "members",
    "add",
    "remove",
    "grants",
    "grantee",
    "permission",
    "memberId",
    "teamId",
    "inodeId",
    "parentId",
    "type",
    "ownerId",
    "restore",
    "format",
    "parameters",
    "rowLimit",
    "offset",
    "timeout",
    "elementId",
    "pageId",
    "sheetId",
    "destinationFolderId",
    "noDuplicates",
    "tag",
    "exportAs",
    "path",
    "useServiceAccount",
    "details",
    "timeoutSecs",
    "poolSizes",
    "useOauth",
    "workbookVersion",
    "isShared",
    "isDefault",
    "exploreKey",
    "folderId",
    "allowlist",
    "credential",
    "scopes",
    "authMethod",
    "host",
    "database",
    "port",
]
_PARAM = re.compile(r"{(\w+)}")


@dataclass
class Operation:
    method: str
    path: str
    query: list[str]
    has_body: bool


@dataclass
class Pools:
    """Real ids from the seeded organization, by path-parameter name."""

    ids: dict[str, list[str]] = field(default_factory=dict)
    #: workbook id -> its page ids, element ids and control ids
    pages: dict[str, list[str]] = field(default_factory=dict)
    elements: dict[str, list[str]] = field(default_factory=dict)
    controls: dict[str, list[str]] = field(default_factory=dict)


@dataclass
class Finding:
    method: str
    url: str
    body: str
    status: int


def operations(client: httpx.Client) -> list[Operation]:
    spec = client.get("/__emulator/openapi.json").json()
    ops = []
    for path, methods in spec["paths"].items():
        if path.startswith("/__emulator"):
            continue
        for method, op in methods.items():
            query = [p["name"] for p in op.get("parameters", []) if p["in"] == "query"]
            ops.append(Operation(method.upper(), path, query, "requestBody" in op))
    return sorted(ops, key=lambda o: (o.path, o.method))


def _entries(answer: Any) -> list[dict[str, Any]]:
    if isinstance(answer, dict):
        return list(answer.get("entries") or [])
    return list(answer) if isinstance(answer, list) else []


def _walk(client: httpx.Client, url: str, params: dict[str, Any] | None = None) -> list[Any]:
    response = client.get(url, params={"limit": 1000, **(params or {})}, headers=_auth)
    return _entries(response.json()) if response.status_code == 200 else []


_auth: dict[str, str] = {}


def gather(client: httpx.Client, token: str) -> Pools:
    """Ids of everything the seeded organization holds, read through the API."""
    _auth["authorization"] = f"Bearer {token}"
    pools = Pools()
    ids = pools.ids
    ids["memberId"] = [
        m["memberId"] for m in _walk(client, "/v2/members", {"includeArchived": "true"})
    ]
    ids["teamId"] = [t["teamId"] for t in _walk(client, "/v2/teams")]
    ids["workspaceId"] = [w["workspaceId"] for w in _walk(client, "/v2/workspaces")]
    ids["connectionId"] = [c["connectionId"] for c in _walk(client, "/v2/connections")]
    ids["inodeId"] = [f["id"] for f in _walk(client, "/v2/files")]
    ids["workbookId"] = [w["workbookId"] for w in _walk(client, "/v2/workbooks")]
    ids["grantId"] = [
        g["grantId"]
        for w in ids["workspaceId"][:3]
        for g in _walk(client, f"/v2/workspaces/{w}/grants")
    ]
    for wb in ids["workbookId"][:8]:
        pools.pages[wb] = [p["pageId"] for p in _walk(client, f"/v2/workbooks/{wb}/pages")]
        pools.elements[wb] = [e["elementId"] for e in _walk(client, f"/v2/workbooks/{wb}/elements")]
        pools.controls[wb] = [
            c.get("controlId") or c.get("id")
            for c in _walk(client, f"/v2/workbooks/{wb}/controls")
            if c.get("controlId") or c.get("id")
        ]
    ids["workbookId"] = list(pools.pages) or ids["workbookId"]
    ids["pageId"] = [p for ps in pools.pages.values() for p in ps]
    ids["elementId"] = [e for es in pools.elements.values() for e in es]
    ids["inodeId"] += ids["workbookId"] + ids["workspaceId"]
    ids["dataModelId"] = [m["dataModelId"] for m in _walk(client, "/v2/dataModels")]
    ids["datasetId"] = [d["datasetId"] for d in _walk(client, "/v2/datasets")]
    paths = [p["urlId"] for p in _walk(client, "/v2/connections/paths")]
    ids["connectionPathId"] = ids["tableId"] = paths[:20]
    ids["bookmarkId"] = [
        b["bookmarkId"]
        for wb in ids["workbookId"][:3]
        for b in _walk(client, f"/v2/workbooks/{wb}/bookmarks")
    ]
    return pools


# -- strategies ---------------------------------------------------------------------------

_text = st.one_of(
    st.sampled_from(HOSTILE_TEXT),
    st.text(max_size=40),
    st.builds(lambda n: "y" * n, st.sampled_from([1000, 100_000])),
)
_scalar = st.one_of(st.sampled_from(HOSTILE_NUMBERS), _text, st.none(), st.integers())
_json: st.SearchStrategy[Any] = st.recursive(
    _scalar,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(
            st.one_of(st.sampled_from(BODY_KEYS), st.text(max_size=8)), inner, max_size=4
        ),
    ),
    max_leaves=12,
)


#: text holding half of a UTF-16 surrogate pair: ``json.dumps`` writes it as ``\\ud800``
_surrogate_text = st.builds(
    lambda before, half, after: before + half + after,
    st.text(max_size=6),
    st.characters(categories=["Cs"]),
    st.text(max_size=6),
)
#: offsets no page token of the emulator holds: infinite, NaN, fractional, huge, not numbers
_BAD_OFFSETS = ["1e999", "-1e999", "Infinity", "NaN", "9" * 400, "2.5", str(2**64), "true", "[]"]


def _page_token(offset: str) -> str:
    raw = f'{{"offset": {offset}}}'.encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


_page_tokens = st.one_of(st.sampled_from(_BAD_OFFSETS), st.integers().map(str)).map(_page_token)
#: a JSON value of some type, for a field that expects another
_wrong_type: st.SearchStrategy[Any] = st.one_of(
    st.sampled_from([[], {}, [[]], [{}], 10**400, -(10**400), 2**64, 1e308, True, "", 1.5]),
    st.lists(st.sampled_from(["postgres", "basic", "bearer"]), min_size=1, max_size=2),
    st.dictionaries(st.sampled_from(["postgres", "basic"]), st.integers(), max_size=2),
)
_CONNECTION = {"type": "postgres", "host": "db.example.com", "database": "analytics"}
_CREDENTIAL = {"authMethod": "bearer", "bearer": {"token": "t"}}


def _hand_read(op: Operation) -> bool:
    """An operation whose body the emulator reads by hand (a dict, not a model)."""
    return op.method in ("POST", "PUT", "PATCH") and op.path in (
        "/v2/connections",
        "/v2/connections/{connectionId}",
        "/v2/api-credentials",
        "/v2/api-credentials/{apiCredentialId}",
    )


@st.composite
def _hand_read_body(draw: st.DrawFn, path: str) -> dict[str, Any]:
    """A valid connection or API-credential body with one field, at any depth, of the
    wrong type."""
    if "connection" in path:
        body: dict[str, Any] = {"name": "c", "details": dict(_CONNECTION), "timeoutSecs": 30}
        body["poolSizes"] = {"adhocPoolSize": 2}
        nested = ("details", "poolSizes")
    else:
        body = {"name": "c", "allowlist": ["a.example"], "credential": dict(_CREDENTIAL)}
        nested = ("credential",)
    where = draw(st.sampled_from([None, *nested]))
    target = body if where is None else body[where]
    key = draw(st.sampled_from([*target, "type", "authMethod", "port"]))
    target[key] = draw(_wrong_type)
    return body


def _id_for(draw: st.DrawFn, name: str, pools: Pools, workbook: str | None) -> str:
    if workbook is not None and name in ("pageId", "elementId") and draw(st.integers(0, 9)) < 8:
        choices = (pools.pages if name == "pageId" else pools.elements).get(workbook) or []
        if choices:
            return draw(st.sampled_from(choices))
    real = pools.ids.get(name) or []
    if real and draw(st.integers(0, 9)) < 8:
        return draw(st.sampled_from(real))
    random_id = _text.filter(lambda t: 0 < len(t) < 1000 and "/" not in t)
    return draw(st.one_of(random_id, st.just("z" * 30_000)))


def _export_body(draw: st.DrawFn, pools: Pools, workbook: str) -> dict[str, Any]:
    """A nearly valid export with hostile numbers, dates and parameters."""
    body: dict[str, Any] = {}
    target = draw(st.sampled_from(["element", "page", "workbook"]))
    formats = {
        "element": ["csv", "json", "jsonl", "xlsx", "pdf", "png"],
        "page": ["pdf", "png", "xlsx"],
        "workbook": ["pdf", "xlsx"],
    }
    if target == "element" and pools.elements.get(workbook):
        body["elementId"] = draw(st.sampled_from(pools.elements[workbook]))
    elif target == "page" and pools.pages.get(workbook):
        body["pageId"] = draw(st.sampled_from(pools.pages[workbook]))
    fmt: dict[str, Any] = {"type": draw(st.sampled_from(formats[target]))}
    for key in ("pixelWidth", "pixelHeight", "layout"):
        if draw(st.booleans()):
            fmt[key] = draw(st.one_of(st.sampled_from(HOSTILE_NUMBERS), _scalar))
    body["format"] = fmt
    controls = pools.controls.get(workbook) or []
    if controls and draw(st.booleans()):
        body["parameters"] = draw(
            st.dictionaries(st.sampled_from(controls), st.one_of(_text, _scalar), max_size=3)
        )
    for key in ("rowLimit", "offset", "timeout"):
        if draw(st.integers(0, 2)) == 0:
            body[key] = draw(st.one_of(st.sampled_from(HOSTILE_NUMBERS), _scalar))
    return body


@st.composite
def requests(draw: st.DrawFn, ops: list[Operation], pools: Pools) -> dict[str, Any]:
    # one case in eight goes to the few operations the targeted strategies are for
    targeted = [o for o in ops if "pageToken" in o.query or _hand_read(o)]
    chosen = targeted if targeted and draw(st.integers(0, 7)) == 0 else ops
    op = draw(st.sampled_from(chosen))
    workbook: str | None = None
    url = op.path
    for name in _PARAM.findall(op.path):
        value = _id_for(draw, name, pools, workbook)
        if name == "workbookId":
            workbook = value
        url = url.replace("{" + name + "}", quote(value, safe=""), 1)
    params: dict[str, Any] = {}
    hostile: list[str] = []
    for name in op.query:
        if name == "pageToken" and draw(st.booleans()):
            params[name] = draw(_page_tokens)
            hostile.append("page token")
        elif draw(st.integers(0, 3)) == 0:
            params[name] = draw(_text.filter(lambda t: len(t) < 10_000))
    content: bytes | None = None
    if op.has_body or draw(st.integers(0, 9)) == 0:
        kind = draw(st.integers(0, 11))
        if _hand_read(op) and draw(st.booleans()):
            content = json.dumps(draw(_hand_read_body(op.path))).encode()
            hostile.append("wrong type")
        elif kind == 9:
            content = draw(st.binary(max_size=40)) or b"{"
        elif kind >= 10:  # half a surrogate pair, in a key or a value, at any depth
            half, inner = draw(_surrogate_text), draw(_json)
            shapes = [{half: inner}, {"name": half, "details": inner}, [inner, {"path": [half]}]]
            shape = draw(st.sampled_from(shapes))
            if draw(st.booleans()):  # escaped: \\ud800
                content = json.dumps(shape).encode()
            else:  # the half's own bytes, which json.loads lets through
                content = json.dumps(shape, ensure_ascii=False).encode("utf-8", "surrogatepass")
            hostile.append("surrogate")
        elif op.path.endswith("/export") and workbook in pools.pages and kind < 7:
            content = json.dumps(_export_body(draw, pools, workbook)).encode()
        else:
            content = json.dumps(draw(_json)).encode()
    # hypothesis leans to small numbers: the common case is the smallest
    authorized = draw(st.integers(0, 19)) != 19
    return {
        "method": op.method,
        "url": url,
        "params": params,
        "content": content,
        "authorized": authorized,
        "hostile": hostile,
    }


class Fuzzer:
    """An emulator app in-process, a token, real ids, and counts of what came back."""

    def __init__(self) -> None:
        config = EmulatorConfig(client_id=CLIENT_ID, client_secret=CLIENT_SECRET, seed=11)
        self.server = EmulatorServer(config).start()
        self.client = httpx.Client(base_url=self.server.base_url, timeout=60)
        self.client.put("/__emulator/jobs", json={"mode": "immediate"}).raise_for_status()
        self.token = ""
        self._login()
        self.ops = operations(self.client)
        self.pools = gather(self.client, self.token)
        self.cases = 0
        self.by_status: dict[int, int] = {}
        self.findings: list[Finding] = []
        #: cases of each targeted kind (surrogate, page token, wrong type) sent
        self.by_kind: dict[str, int] = {}

    def _login(self) -> None:
        answer = self.client.post(
            "/v2/auth/token",
            data={
                "grant_type": "client_credentials",
                "client_id": CLIENT_ID,
                "client_secret": CLIENT_SECRET,
            },
        )
        answer.raise_for_status()
        self.token = answer.json()["access_token"]

    def reset(self) -> None:
        """The same organization again (same seed: the same ids), and a fresh token."""
        self.client.post("/__emulator/reset", json={}).raise_for_status()
        self.client.put("/__emulator/jobs", json={"mode": "immediate"}).raise_for_status()
        self._login()

    def send(self, case: dict[str, Any]) -> int:
        headers = {"content-type": "application/json"} if case["content"] is not None else {}
        if case["authorized"]:
            headers["authorization"] = f"Bearer {self.token}"
        try:
            response = self.client.request(
                case["method"],
                case["url"],
                params=case["params"],
                content=case["content"],
                headers=headers,
            )
        except httpx.TransportError:  # the server cut the answer short: as bad as a 500
            self._count(case, 599)
            return 599
        self._count(case, response.status_code)
        if case["url"].endswith("/export") and response.status_code == 200:
            query_id = response.json().get("queryId")
            download = self.client.get(
                f"/v2/query/{query_id}/download", headers={"authorization": f"Bearer {self.token}"}
            )
            self._count({**case, "url": f"download of {case['url']}"}, download.status_code)
        if (response.status_code == 401 and case["authorized"]) or self.cases % 200 == 0:
            self.reset()  # the caller deactivated itself, or the org is worn: start again
        return response.status_code

    def _count(self, case: dict[str, Any], status: int) -> None:
        self.cases += 1
        for kind in case.get("hostile", ()):
            self.by_kind[kind] = self.by_kind.get(kind, 0) + 1
        self.by_status[status] = self.by_status.get(status, 0) + 1
        if status >= 500:
            body = (case["content"] or b"")[:300].decode("utf-8", "replace")
            self.findings.append(
                Finding(case["method"], f"{case['url'][:200]} {case['params']}", body, status)
            )

    @property
    def server_errors(self) -> int:
        return sum(n for status, n in self.by_status.items() if status >= 500)

    def summary(self) -> str:
        statuses = ", ".join(f"{s}: {n}" for s, n in sorted(self.by_status.items()))
        kinds = ", ".join(f"{k}: {n}" for k, n in sorted(self.by_kind.items()))
        return (
            f"emulator fuzz: {self.cases} cases, {self.server_errors} 5xx ({statuses}); "
            f"of them targeted: {kinds or 'none'}"
        )

    def close(self) -> None:
        self.client.close()
        self.server.stop()
