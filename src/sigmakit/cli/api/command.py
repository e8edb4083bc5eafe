"""The ``sigmakit api`` command: method and path (checked, completed), fields or
``--input``, then the request."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

import click

from ..context import AppContext, pass_app
from ..output import FORMATS, OutputOptions, emit, emit_one, info, pick_format
from .fields import Stdin, parse_fields, query_params, read_source
from .show import LIST_COLUMNS, entry_rows, list_rows, show

METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")

#: methods whose fields are query parameters (Sigma's DELETEs take no body either)
QUERY_METHODS = ("GET", "DELETE")
NO_CHECK_HINT = "--no-check sends it anyway"
#: added when the bundled description refused: a newer one may know the operation
REFRESH_HINT = "--refresh-spec fetches Sigma's newest description"

#: on stderr when fields, with no method given, made the call a write
FIELDS_MAKE_A_POST = (
    "note: -f/-F fields make this a POST; pass -X GET to send them as query parameters"
)


def complete_target(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[str]:
    """TAB on ``[METHOD] PATH``: a method first, then the description's paths (for the method
    given, if one was), offline."""
    from ..._raw import catalog

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
    stdin = Stdin()
    fields = parse_fields(strings, typed, stdin=stdin)
    body: Any = None
    if input_file is not None:
        from ..._errors import InputError

        text = read_source(input_file, "--input", stdin)
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

    from ..._errors import UnknownOperationError

    sigma = app.client()
    try:
        if paginate:
            entries = sigma.paginate(target, params=params, path_params=filled, check=not no_check)
            emit(entry_rows(entries), OutputOptions(fmt, None))
            return
        answer = sigma.request(
            verb, target, params=params, json=body, path_params=filled, check=not no_check
        )
    except UnknownOperationError as exc:
        from ..._raw import bundled_catalog, catalog

        hint = NO_CHECK_HINT
        if catalog() is bundled_catalog():
            hint = f"{REFRESH_HINT}; {NO_CHECK_HINT}"
        raise exc.with_hint(hint) from None
    show(answer, fmt)


def _refresh(url: str | None, fmt: str) -> None:
    """Fetch the published description and say what came: its operations, against the
    bundled copy's."""
    from ..._published import PUBLISHED_URL, check_url, refresh
    from ..._raw import bundled_catalog, catalog

    source = check_url(url or PUBLISHED_URL)
    info(f"fetching {source}" + ("" if url else " (about 30 MB; reading it takes a while)"))
    got = refresh(source)
    bundled = bundled_catalog()
    known = frozenset(str(op) for op in bundled.operations)
    new = [str(op) for op in catalog().operations if str(op) not in known]
    emit_one(
        {
            "url": got.url,
            "fetchedAt": got.fetched_at,
            "sha256": got.sha256,
            "bytes": got.bytes,
            "version": got.version,
            "operations": got.operations,
            "bundled": f"{bundled.label} ({len(known)} operations)",
            "notInBundled": len(new),
        },
        OutputOptions(fmt, None),
    )
