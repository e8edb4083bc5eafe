"""Scaffold one operation of Sigma's API description end to end: the emulator's route and store
stubs, the SDK method and its model, a CLI command and three tests; then the generators.

    .venv/bin/python scripts/scaffold.py updateTaggedWorkbookBookmark [--dry-run]
    make scaffold OP=updateTaggedWorkbookBookmark [ARGS=--dry-run]

The stubs are honest: the route answers 501 in Sigma's error body ("<operationId> is not
emulated yet") until its store method is written, is left out of IMPLEMENTATION_COVERAGE.md
and the contract tests (``openapi_extra={"x-sigmakit-stub": ...}``, to delete then), and the
three tests are ``xfail(strict=True, raises=StubAnswered)``: green while the stub answers, red
once it does not (they end in ``pytest.fail("TODO ...")`` until finished by hand).

It refuses an operation the emulator already serves (or has a stub of), a method or command
name already taken, and never overwrites a file: new files are created exclusively, existing
modules only gain lines at the places named in ``WHERE`` below. Everything is worked out
before anything is written; a place it cannot find stops it with a one-line message.
The files are written relative to this script's checkout (a copy of the tree works on itself).
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "scripts"))

from scaffold_edits import (  # noqa: E402
    Refused,
    add_all_name,
    add_public_name,
    add_table_row,
    add_to_class,
    append,
    insert_after_last,
    insert_before,
    public_owner,
)
from scaffold_plan import (  # noqa: E402
    annotation,
    plan_operation,
    route_module,
    served_routes,
    singular,
    snake,
    store_of,
)
from scaffold_write import Changes, edit, generate, read, render  # noqa: E402

# ----- where things go: retarget the scaffold here (paths relative to the checkout) -----
WHERE = {
    "routes": "src/sigmakit/emulator/routes/{module}.py",  # handler appended at the end
    "stores": "src/sigmakit/emulator/store/{module}.py",  # method at the end of its *Store class
    # a new resource module: its Resource(...) line goes just above this line
    "registry": (
        "src/sigmakit/emulator/registry.py",
        "    # last: the console reads the routes above",
    ),
    "sdk": "src/sigmakit/_async/resources/{resource}.py",  # method at the end of class Async*
    # generated from "sdk" by scripts/unasync.py (resources/<resource>.py re-exports it)
    "sync": "src/sigmakit/_sync/resources/{resource}.py",
    "types": "src/sigmakit/types/{resource}.py",  # model appended, name added to __all__
    # the one table of public names: a new model joins the row of its types module (or a
    # new row, public in both packages); scripts/public_names.py then writes the __init__s
    "public": ("src/sigmakit/_public.py", "sigmakit.types.{resource}"),
    # a group that is one module: the command appended to it
    "cli": "src/sigmakit/cli/{group}.py",
    # a group that is a package: the command in a module of its own, and a
    # ``group.add_command(...)`` line after the last one in its __init__.py
    "cli_package": "src/sigmakit/cli/{group}/__init__.py",
    "cli_command": "src/sigmakit/cli/{group}/{command}.py",
    "api_md": "api.md",  # a row after the last of the "`sigma.<resource>`" table
    "tests": {
        "emulator": "tests/emulator/test_{module}.py",
        "sdk": "tests/sdk/test_{resource}.py",
        "cli": "tests/cli/test_{group}_cli.py",
        # StubAnswered, refuse_stub, refusing_stub and run come from here
        "helpers": "tests.support.helpers",
    },
}
STUB_KEY = "x-sigmakit-stub"
#: the most lines a hand-written module may have (tests/test_module_sizes.py)
MAX_LINES = 450


def part_texts(sdk_rel: str, bases: str) -> list[str]:
    """The modules of the part classes a resource inherits its methods from (a resource
    split by responsibility: ``class AsyncWorkbooks(AsyncTaggedBookmarks, ..., AsyncResource)``
    with the parts in ``_async/resources/_*.py``)."""
    parts = {b.strip() for b in bases.split(",")} - {"AsyncResource"}
    texts = [read(str(p.relative_to(ROOT))) for p in (ROOT / sdk_rel).parent.glob("_*.py")]
    return [t for t in texts if any(re.search(rf"^class {b}\(", t, re.M) for b in parts)]


def plan(op_id: str, args: argparse.Namespace) -> dict[str, Any]:
    op = plan_operation(op_id)
    served = served_routes(stubs=True)
    shape_ = (op["method"], op["path_format"].rstrip("/"))
    if shape_ in served:
        real = shape_ in served_routes(stubs=False)
        raise Refused(
            f"{op_id} ({op['method']} {op['path']}) is already "
            + ("served by" if real else "a stub in")
            + f" emulator/routes/{served[shape_]}.py"
        )
    module = args.route_module or route_module(op, served)
    routes_rel = WHERE["routes"].format(module=module)
    routes_text = read(routes_rel) if (ROOT / routes_rel).exists() else ""
    store_module, store_cls = store_of(routes_text, module)
    resource = args.resource or snake(op["segments"][0])
    sdk_rel = WHERE["sdk"].format(resource=resource)
    if not (ROOT / sdk_rel).exists():
        raise Refused(
            f"no SDK resource {sdk_rel}: write its class and client property first, "
            "or name one with --resource"
        )
    sdk_text = read(sdk_rel)
    sdk_cls = re.search(r"^class (Async\w+)\(([\w, ]*\bAsyncResource)\)", sdk_text, re.M)
    if sdk_cls is None:
        raise Refused(f"{sdk_rel} has no `class Async...(AsyncResource)` to add the method to")
    words = [w for w in op["snake"].split("_")]
    words = [w for w in words[words[0] in ("get", "list") :] if w != singular(resource)]
    method = args.method or "_".join(words) or op["snake"]
    if any(
        re.search(rf"^    (async )?def {method}\(", text, re.M)
        for text in [sdk_text, *part_texts(sdk_rel, sdk_cls[2])]
    ):
        raise Refused(f"{sdk_cls[1]}.{method} exists; name the method with --method")
    group = args.group or resource
    command = method.replace("_", "-")
    package_rel = WHERE["cli_package"].format(group=group)
    cli_rel = WHERE["cli"].format(group=group)
    if (ROOT / package_rel).exists():
        cli_rel = WHERE["cli_command"].format(group=group, command=method)
        texts = [p_.read_text(encoding="utf-8") for p_ in (ROOT / package_rel).parent.glob("*.py")]
    elif (ROOT / cli_rel).exists():
        texts = [read(cli_rel)]
    else:
        raise Refused(f"no command group module {cli_rel} or package {package_rel}; use --group")
    taken = rf'\.command\("{command}"\)|^def {method}\(|^from \.{method} import'
    if any(re.search(taken, text, re.M) for text in texts):
        raise Refused(f"sigmakit {group.replace('_', '-')} {command} exists; use --method")
    if (ROOT / package_rel).exists() and (ROOT / cli_rel).exists():
        raise Refused(f"{cli_rel} exists; name the command with --method")
    model = None
    types_rel = WHERE["types"].format(resource=resource)
    fields = op["item"].get("properties", {})
    if fields:
        name = args.model or "".join(
            w.title() for w in singular(snake(op["segments"][-1])).split("_")
        )
        required = set(op["item"].get("required", []))
        exists = (ROOT / types_rel).exists() and bool(
            re.search(rf"^class {name}\(", read(types_rel), re.M)
        )
        owner = public_owner(read(WHERE["public"][0]), name)
        if not exists and owner is not None:
            raise Refused(f"the model name {name} is public already ({owner}); use --model")
        model = {
            "name": name,
            "doc": f"One answer of ``{op['method']} {op['path']}`` ({op_id}).",
            "exists": exists,
            "fields": [
                {
                    "name": snake(k),
                    "annotation": (t if k in required and not null else f"{t} | None"),
                    "required": k in required,
                }
                for k, v in fields.items()
                for t, null in [annotation(v, op["spec"])]
            ],
        }
    return {
        "op": op,
        "route": {"module": module, "handler": op["snake"], "new": not routes_text},
        "store": {"module": store_module, "cls": store_cls, "method": op["snake"]},
        "sdk": {
            "resource": resource,
            "cls": sdk_cls[1],
            "method": method,
            "returns": model["name"] if model else "dict[str, Any]",
        },
        "model": model,
        "cli": {
            "group": group.replace("_", "-"),
            "module": group,
            "rel": cli_rel,
            "package": (ROOT / package_rel).exists(),
            "command": command,
            "function": method,
        },
    }


# ----- the edits: worked out in memory, then written -----


#: a models module for a resource that has none yet
NEW_TYPES = '''"""Models of the ``{resource}`` resource\'s answers."""

from __future__ import annotations

__all__ = [
]
'''


def edits(p: dict[str, Any]) -> Changes:
    op, route, store, sdk, model, cli = (
        p[k] for k in ("op", "route", "store", "sdk", "model", "cli")
    )
    c = Changes()
    routes_rel = WHERE["routes"].format(module=route["module"])
    store_rel = WHERE["stores"].format(module=store["module"])
    route_imports = [
        (".deps", "Caller"),
        (".deps", "State"),
        ("fastapi.responses", "JSONResponse"),
        (f"..store.{store['module']}", store["cls"]),
        *(
            [(".token_paging" if op["token"] else ".paging", op["listing"])]
            if op["is_list"]
            else [(".deps", "ok")]
        ),
        *([("typing", "Annotated"), ("typing", "Any"), ("fastapi", "Body")] * op["has_body"]),
    ]
    edit(
        c,
        routes_rel,
        render("route_module.py.j2", p),
        route_imports,
        lambda t: append(t, render("route.py.j2", p)),
    )
    edit(
        c,
        store_rel,
        render("store_module.py.j2", p),
        [
            ("..errors", "NotEmulated"),
            ("typing", "Any"),
            *([(".paging", "Page")] * (op["is_list"] and not op["token"])),
        ],
        lambda t: add_to_class(t, store["cls"], render("store_method.py.j2", p), store_rel),
    )
    if route["new"]:
        registry_rel, marker = WHERE["registry"]
        m, cls = route["module"], store["cls"]
        line = (
            f'    Resource("{m}", lambda s: {cls}(s.db, s.ids, s.clock),\n'
            f"             {m}_store.SCHEMA, {m}.router),"
        )
        edit(
            c,
            registry_rel,
            None,
            [(".routes", m), (".store", f"{m} as {m}_store"), (f".store.{m}", cls)],
            lambda t: insert_before(t, marker, line, registry_rel),
        )
    sdk_rel = WHERE["sdk"].format(resource=sdk["resource"])
    types_rel = WHERE["types"].format(resource=sdk["resource"])
    sdk_imports = [("sigmakit._request", "path"), ("typing", "Any")]
    sdk_imports += [
        ("sigmakit._async._pagination", "AsyncPaginator"),
        ("sigmakit._paging", "MAX_PAGE_SIZE"),
    ] * op["is_list"]
    sdk_imports += [("collections.abc", "Mapping")] * op["has_body"]
    if model:
        sdk_imports.append((f"sigmakit.types.{sdk['resource']}", model["name"]))
    edit(
        c,
        sdk_rel,
        None,
        sdk_imports,
        lambda t: add_to_class(t, sdk["cls"], render("sdk_method.py.j2", p), sdk_rel),
    )
    if model and not model["exists"]:
        c.set(sdk_rel, add_all_name(c.text(sdk_rel) or "", model["name"], sdk_rel))
        annotations = " ".join(f["annotation"] for f in model["fields"])
        edit(
            c,
            types_rel,
            NEW_TYPES.format(resource=sdk["resource"]),
            [
                ("sigmakit._models", "SigmaModel"),
                *([("sigmakit._models", "Timestamp")] * ("Timestamp" in annotations)),
                *([("typing", "Any")] * ("Any" in annotations)),
            ],
            lambda t: add_all_name(append(t, render("model.py.j2", p)), model["name"], types_rel),
        )
        public_rel, row = WHERE["public"]
        row = row.format(resource=sdk["resource"])
        edit(c, public_rel, None, [], lambda t: add_public_name(t, row, model["name"], public_rel))
    emitter = "emit" if op["is_list"] else "emit_one"
    up = ".." if cli["package"] else "."  # the cli package, from the group's module
    edit(
        c,
        cli["rel"],
        render("command_module.py.j2", p) if cli["package"] else None,
        [
            (f"{up}output", "OutputOptions"),
            (f"{up}output", "output_options"),
            (f"{up}output", emitter),
            (f"{up}context", "AppContext"),
            (f"{up}context", "pass_app"),
            ("", "click"),
            *[("typing", "TextIO")] * op["has_body"],
        ],
        lambda t: append(t, render("command.py.j2", p)),
    )
    if cli["package"]:
        init_rel = WHERE["cli_package"].format(group=cli["module"])
        edit(
            c,
            init_rel,
            None,
            [(f".{cli['function']}", cli["function"])],
            lambda t: insert_after_last(
                t, "group.add_command(", f"group.add_command({cli['function']})", init_rel
            ),
        )
    args = ", ".join(
        [p_["arg"] for p_ in op["path_params"][:1]]
        + [f"{p_['arg']}=" for p_ in op["path_params"][1:]]
    )
    edit(
        c,
        WHERE["api_md"],
        None,
        [],
        lambda t: add_table_row(
            t,
            f"`sigma.{sdk['resource']}`",
            f"| `{sdk['method']}({args})` | `{op['method']} {op['path']}` |",
            WHERE["api_md"],
        ),
    )
    helpers = WHERE["tests"]["helpers"]
    tests = {
        "emulator": (
            [("", "httpx"), ("", "pytest"), (helpers, "StubAnswered"), (helpers, "refuse_stub")],
            route["module"],
        ),
        "sdk": (
            [
                ("", "pytest"),
                ("sigmakit", "Sigma"),
                (helpers, "StubAnswered"),
                (helpers, "refusing_stub"),
            ],
            sdk["resource"],
        ),
        "cli": (
            [("", "pytest"), (helpers, "StubAnswered"), (helpers, "refuse_stub"), (helpers, "run")],
            cli["module"],
        ),
    }
    for kind, (imports, name) in tests.items():
        rel = WHERE["tests"][kind].format(module=name, resource=name, group=name)
        start = render("test_module.py.j2", {"doc": f"{op['tag']}: {kind} tests"})
        edit(
            c, rel, start, imports, lambda t, kind=kind: append(t, render(f"test_{kind}.py.j2", p))
        )
    return c


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("operation_id", help="e.g. updateTaggedWorkbookBookmark")
    parser.add_argument("--dry-run", action="store_true", help="print what it would write")
    parser.add_argument("--method", help="the SDK method (and command) name")
    parser.add_argument("--model", help="the model's name (an existing one is reused)")
    parser.add_argument(
        "--resource", help="the SDK resource module (default: the path's first word)"
    )
    parser.add_argument("--group", help="the CLI group module (default: the resource)")
    parser.add_argument("--route-module", help="the emulator's routes module")
    args = parser.parse_args(argv)
    try:
        p = plan(args.operation_id, args)
        changes = edits(p)
    except Refused as exc:
        print(f"scaffold: {exc}", file=sys.stderr)
        return 2
    for rel, text in changes.files.items():
        if rel.endswith(".py"):
            try:
                compile(text, rel, "exec")
            except SyntaxError as exc:
                print(f"scaffold: would write broken Python to {rel}: {exc}", file=sys.stderr)
                return 1
    for rel, text in changes.files.items():
        before = c_before = read(rel) if not changes.new(rel) else ""
        added = len(text.splitlines()) - len(c_before.splitlines())
        verb = "create" if not before else "change"
        print(f"{'would ' if args.dry_run else ''}{verb} {rel} (+{added} lines)")
    if args.dry_run:
        print(
            "would then run: ruff --fix and format on those, scripts/unasync.py, "
            "scripts/public_names.py, scripts/plain_lines.py, make coverage"
        )
        return 0
    for rel, text in changes.files.items():
        path = ROOT / rel
        if changes.new(rel):
            path.parent.mkdir(parents=True, exist_ok=True)
            with path.open("x", encoding="utf-8") as f:  # never over a file made meanwhile
                f.write(text)
        else:
            path.write_text(text, encoding="utf-8")
    try:
        generate(list(changes.files))
    except subprocess.CalledProcessError as failed:
        step = " ".join(Path(a).name for a in failed.cmd[1:2]) or str(failed.cmd[0])
        print(
            f"scaffold: wrote the files above, but {step} failed (exit {failed.returncode}); "
            "mend what it names, then run make generate",
            file=sys.stderr,
        )
        return 1
    for rel in changes.files:
        size = len(read(rel).splitlines())
        if rel.startswith("src/") and rel.endswith(".py") and size > MAX_LINES:
            print(f"note: {rel} is now {size} lines, over {MAX_LINES}: split it by responsibility")
    op = p["op"]
    print(
        f"{op['id']} scaffolded: its route answers 501 and its three tests are xfail until "
        f"you write {p['store']['cls']}.{p['store']['method']} "
        "(then delete the route's openapi_extra line, finish the tests and run make coverage)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
