"""``sigmakit api``: call any operation of Sigma's API, in the spirit of ``gh api``.

Parsing (fields, typed values, files) is kept apart in plain functions; the command hands
what they build to the SDK's ``request`` / ``paginate``, which check it against the bundled
API description and send it through the one HTTP core.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

import click

from .context import AppContext, pass_app
from .output import FORMATS, OutputOptions, emit, emit_one, info, pick_format

__all__ = ["api", "field_value", "list_rows", "parse_fields", "query_params"]

METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")
#: methods whose fields are query parameters (Sigma's DELETEs take no body either)
QUERY_METHODS = ("GET", "DELETE")
LIST_COLUMNS = ("method", "path", "summary")
_NUMBER = re.compile(r"^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$")
_KEY = re.compile(r"^([^\[\]]+)((?:\[[^\[\]]*\])*)$")
NO_CHECK_HINT = "--no-check sends it anyway"
#: added when the bundled description refused: a newer one may know the operation
REFRESH_HINT = "--refresh-spec fetches Sigma's newest description"
#: on stderr when fields, with no method given, made the call a write
FIELDS_MAKE_A_POST = (
    "note: -f/-F fields make this a POST; pass -X GET to send them as query parameters"
)


class _Stdin:
    """stdin, to be read at most once (by --input - or one -F key=@-)."""

    def __init__(self) -> None:
        self.used_by: str | None = None

    def read(self, who: str) -> str:
        from .._errors import InputError
        from .._files import MAX_INPUT_BYTES

        if self.used_by is not None:
            raise InputError(f"{who} and {self.used_by} can't both read stdin")
        self.used_by = who
        text = sys.stdin.read(MAX_INPUT_BYTES + 1)
        if len(text) > MAX_INPUT_BYTES:
            raise InputError(f"{who}: stdin holds more than 10 MiB; sigmakit reads at most that")
        return text


def _read(source: str, who: str, stdin: _Stdin) -> str:
    from .._errors import InputError
    from .._files import read_bounded

    if source == "-":
        return stdin.read(who)
    try:
        return read_bounded(source).decode("utf-8")
    except InputError as exc:
        raise InputError(f"{who}: {exc}") from None
    except OSError as exc:
        raise InputError(f"{who}: cannot read {source}: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise InputError(f"{who}: {source} is not UTF-8 text") from None


def field_value(text: str, *, typed: bool, who: str, stdin: _Stdin | None = None) -> Any:
    """A field's value: ``-f`` keeps the text; ``-F`` (``typed``) turns true, false, null and
    numbers into JSON's, and reads ``@FILE`` (``@-``: stdin) as text, as ``gh api -F`` does."""
    if not typed:
        return text
    if text in ("true", "false"):
        return text == "true"
    if text == "null":
        return None
    if _NUMBER.match(text):
        return float(text) if any(c in text for c in ".eE") else int(text)
    if text.startswith("@"):
        return _read(text[1:], who, stdin or _Stdin())
    return text


def _put(root: dict[str, Any], keys: list[str], value: Any, field: str) -> None:
    """``a[b][]=v`` -> ``{"a": {"b": [v]}}``: ``[name]`` goes into an object, a final ``[]``
    appends to an array."""
    from .._errors import InputError

    node = root
    for i, key in enumerate(keys[:-1]):
        if key == "":
            raise InputError(f"field {field!r}: '[]' may only end a name")
        if keys[i + 1] == "":
            if i + 2 != len(keys):
                raise InputError(f"field {field!r}: '[]' may only end a name")
            items = node.setdefault(key, [])
            if not isinstance(items, list):
                raise InputError(f"field {field!r}: {key!r} is also given as a value or object")
            items.append(value)
            return
        child = node.setdefault(key, {})
        if not isinstance(child, dict):
            raise InputError(f"field {field!r}: {key!r} is also given as a value or array")
        node = child
    if keys[-1] in node:
        raise InputError(f"field {field!r} is given twice")
    node[keys[-1]] = value


def parse_fields(
    strings: Sequence[str], typed: Sequence[str], *, stdin: _Stdin | None = None
) -> dict[str, Any]:
    """``-f key=value`` (text) and ``-F key=value`` (typed) as one JSON object; ``key`` may
    be ``a[b]`` (an object) or ``a[]`` (an array)."""
    from .._errors import InputError

    stdin = stdin or _Stdin()
    out: dict[str, Any] = {}
    for flag, items in (("-f", strings), ("-F", typed)):
        for item in items:
            name, sep, raw = item.partition("=")
            found = _KEY.match(name)
            if not sep or found is None:
                raise InputError(f"{flag} {item!r}: a field is key=value")
            keys = [found.group(1), *re.findall(r"\[([^\[\]]*)\]", found.group(2))]
            value = field_value(raw, typed=flag == "-F", who=f"{flag} {name}", stdin=stdin)
            _put(out, keys, value, name)
    return out


def query_params(fields: Mapping[str, Any]) -> dict[str, str | list[str] | None]:
    """Fields as query parameters: arrays repeat the name, null leaves it out."""
    from .._errors import InputError

    def text(value: Any) -> str:
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, dict | list):
            raise InputError("a query parameter can't be an object or a nested array")
        return str(value)

    out: dict[str, str | list[str] | None] = {}
    for key, value in fields.items():
        if isinstance(value, dict):
            raise InputError(f"query parameter {key!r} can't be an object")
        out[key] = (
            [text(v) for v in value]
            if isinstance(value, list)
            else None
            if value is None
            else text(value)
        )
    return out


def _rows(body: Any) -> list[Mapping[str, Any]] | None:
    """What a table, CSV or JSON lines show of an answer: its ``entries`` (a list page), the
    items of an array, or ``None`` for a single object."""
    items = body.get("entries") if isinstance(body, dict) else body
    if isinstance(items, list):
        return [i if isinstance(i, Mapping) else {"value": i} for i in items]
    return None


def _entries(items: Iterable[Any]) -> Iterator[Mapping[str, Any]]:
    for item in items:
        yield item if isinstance(item, Mapping) else {"value": item}


def show(body: Any, fmt: str) -> None:
    """Print one answer: JSON as it came (indented), or its rows in another format."""
    out = OutputOptions(fmt, None)
    if fmt == "json":
        sys.stdout.write(json.dumps(body, indent=2, ensure_ascii=False) + "\n")
        return
    rows = _rows(body)
    if rows is not None:
        emit(rows, out)
    elif isinstance(body, dict) and fmt == "table":
        emit_one(body, out)
    elif isinstance(body, dict):
        emit([body], out)
    else:
        sys.stdout.write(json.dumps(body, ensure_ascii=False) + "\n")


def list_rows(words: Sequence[str]) -> list[dict[str, str]]:
    """The operations of the bundled description whose method, path, summary, id or tag
    contain every word (any case)."""
    from .._raw import catalog

    wanted = [w.lower() for w in words]
    rows = []
    for op in catalog().operations:
        hay = f"{op.method} {op.path} {op.summary} {op.operation_id} {op.tag}".lower()
        if all(w in hay for w in wanted):
            rows.append(
                {
                    "method": op.method,
                    "path": op.path,
                    "summary": op.summary,
                    "operationId": op.operation_id,
                    "tag": op.tag,
                    "paging": op.paging or "",
                }
            )
    return rows


def complete_target(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[str]:
    """TAB on ``[METHOD] PATH``: a method first, then the description's paths (for the method
    given, if one was), offline."""
    from .._raw import catalog

    before = ctx.params.get("args") or ()
    if not before and not incomplete.startswith("/"):
        methods = [m for m in METHODS if m.startswith(incomplete.upper())]
        if methods:
            return methods
    method = before[0].upper() if before else None
    paths = {
        op.path
        for op in catalog().operations
        if op.path.startswith(incomplete) and (method is None or op.method == method)
    }
    return sorted(paths)


def _method_and_path(args: Sequence[str]) -> tuple[str | None, str]:
    if len(args) == 1:
        return None, args[0]
    if len(args) == 2:
        method = args[0].upper()
        if method not in METHODS:
            raise click.UsageError(f"{args[0]!r} is not a method ({', '.join(METHODS)})")
        return method, args[1]
    raise click.UsageError("give [METHOD] PATH" if not args else "too many arguments")


def _pairs(items: Sequence[str], flag: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for item in items:
        name, sep, value = item.partition("=")
        if not sep or not name:
            raise click.UsageError(f"{flag} {item!r}: give name=value")
        out[name] = value
    return out


@click.command(short_help="Any operation of Sigma's API, checked first (like gh api).")
@click.argument("args", nargs=-1, metavar="[METHOD] PATH", shell_complete=complete_target)
@click.option(
    "-X",
    "--method",
    "method_option",
    type=click.Choice(METHODS, case_sensitive=False),
    help="The HTTP method (as a first argument does); GET sends fields as query parameters.",
)
@click.option(
    "-p", "path_params", multiple=True, metavar="NAME=VALUE", help="Fill {NAME} in the path."
)
@click.option(
    "-f", "--raw-field", "strings", multiple=True, metavar="KEY=VALUE", help="A text field."
)
@click.option(
    "-F",
    "--field",
    "typed",
    multiple=True,
    metavar="KEY=VALUE",
    help="A typed field: true, false, null and numbers as JSON; @FILE (or @-) its text.",
)
@click.option(
    "--input",
    "input_file",
    metavar="FILE",
    help="The request body: a JSON file, or - for stdin. Fields then go to the query.",
)
@click.option("--paginate", is_flag=True, help="Every page of a list: its entries, streamed.")
@click.option(
    "--output",
    "-o",
    "output_format",
    type=click.Choice(FORMATS),
    help="json (default: the answer as it came; with --paginate an array of entries), "
    "jsonl, table or csv (a list's entries).",
)
@click.option("--no-check", is_flag=True, help="Send even what the bundled description lacks.")
@click.option(
    "--list",
    "list_ops",
    is_flag=True,
    help="List the operations (method, path, summary); the arguments filter them.",
)
@click.option(
    "--refresh-spec",
    is_flag=True,
    help="Fetch Sigma's newest published API description into the cache; later calls "
    "are checked against it instead of the bundled copy.",
)
@click.option(
    "--spec-url",
    metavar="URL",
    help="Where --refresh-spec fetches from (default: Sigma's help site).",
)
@pass_app
def api(
    app: AppContext,
    args: tuple[str, ...],
    method_option: str | None,
    path_params: tuple[str, ...],
    strings: tuple[str, ...],
    typed: tuple[str, ...],
    input_file: str | None,
    paginate: bool,
    output_format: str | None,
    no_check: bool,
    list_ops: bool,
    refresh_spec: bool,
    spec_url: str | None,
) -> None:
    """Call any operation of Sigma's API: GET by default, POST when fields or --input are
    given (except with --paginate, always a GET; a note on stderr says when fields made it a
    POST), or the method -X or a first argument names. PATH is as the API reference writes it; without a version it gets /v2.

    Method, path and query parameters are checked against the API description bundled with
    sigmakit first: an unknown one is an error naming the closest operations, and nothing
    is sent. For GET and DELETE, fields are query parameters; otherwise the JSON body
    (KEY may be a[b] for an object, a[] for an array).

    \b
      sigmakit api /v2/members --paginate -o jsonl
      sigmakit api /v2/members/{memberId} -p memberId=9f1c...
      sigmakit api POST /v2/members -f email=ann@example.com -f firstName=Ann \\
          -f lastName=Lee -f memberType=Viewer
      sigmakit api PATCH /v2/teams/{teamId}/members -p teamId=TEAM -F 'add[]=MEMBER'
      sigmakit api --list account
      sigmakit api --refresh-spec
    """
    if spec_url is not None and not refresh_spec:
        raise click.UsageError("--spec-url goes with --refresh-spec")
    if refresh_spec:
        if args or path_params or strings or typed or input_file or paginate or list_ops:
            raise click.UsageError("--refresh-spec takes no operation; run the call after it")
        _refresh(spec_url, pick_format(output_format))
        return
    if list_ops:
        if path_params or strings or typed or input_file or paginate or no_check:
            raise click.UsageError("--list takes only a filter and --output")
        fmt = pick_format(output_format)
        emit(list_rows(args), OutputOptions(fmt, None, LIST_COLUMNS, "operation"))
        return
    method, target = _method_and_path(args)
    if method_option is not None:
        if method is not None and method != method_option.upper():
            raise click.UsageError(f"two methods given: {method} and -X {method_option.upper()}")
        method = method_option.upper()
    stdin = _Stdin()
    fields = parse_fields(strings, typed, stdin=stdin)
    body: Any = None
    if input_file is not None:
        from .._errors import InputError

        text = _read(input_file, "--input", stdin)
        try:
            body = json.loads(text)
        except ValueError as exc:
            raise InputError(f"--input {input_file} is not JSON: {exc}") from None
        except RecursionError:
            raise InputError(f"--input {input_file}: JSON nested too deeply") from None
    body_given = (fields and not paginate) or input_file is not None
    verb = method or ("POST" if body_given else "GET")
    if method is None and fields and input_file is None and verb == "POST":
        info(FIELDS_MAKE_A_POST)
    if input_file is not None and verb in QUERY_METHODS:
        raise click.UsageError(f"--input is a request body, and {verb} takes none")
    to_query = verb in QUERY_METHODS or input_file is not None
    params = query_params(fields) if to_query else None
    if not to_query and fields:
        body = fields
    if paginate and verb != "GET":
        raise click.UsageError(f"--paginate walks the pages of a GET, not a {verb}")
    filled = _pairs(path_params, "-p")
    fmt = output_format or "json"

    from .._errors import UnknownOperationError

    sigma = app.client()
    try:
        if paginate:
            entries = sigma.paginate(target, params=params, path_params=filled, check=not no_check)
            emit(_entries(entries), OutputOptions(fmt, None))
            return
        answer = sigma.request(
            verb, target, params=params, json=body, path_params=filled, check=not no_check
        )
    except UnknownOperationError as exc:
        from .._raw import DESCRIPTION, catalog

        hint = NO_CHECK_HINT
        if catalog().label == DESCRIPTION:
            hint = f"{REFRESH_HINT}; {NO_CHECK_HINT}"
        raise exc.with_hint(hint) from None
    show(answer, fmt)


def _refresh(url: str | None, fmt: str) -> None:
    """Fetch the published description and say what came: its operations, against the
    bundled copy's."""
    from .._published import PUBLISHED_URL, refresh
    from .._raw import DESCRIPTION, bundled_catalog, catalog

    source = url or PUBLISHED_URL
    info(f"fetching {source} (Sigma's is about 30 MB; reading it takes a while)")
    got = refresh(source)
    known = frozenset(str(op) for op in bundled_catalog().operations)
    bundled = len(known)
    new = [str(op) for op in catalog().operations if str(op) not in known]
    emit_one(
        {
            "url": got.url,
            "fetchedAt": got.fetched_at,
            "sha256": got.sha256,
            "bytes": got.bytes,
            "version": got.version,
            "operations": got.operations,
            "bundled": f"{DESCRIPTION} ({bundled} operations)",
            "notInBundled": len(new),
        },
        OutputOptions(fmt, None),
    )
