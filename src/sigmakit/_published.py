"""Sigma's newest published API description, fetched on request into the cache.

The package bundles two descriptions (``reference/``, 2025-11 and 2026-08); Sigma publishes
a newer one on its help site, as YAML (about 29 MB). ``sigmakit api --refresh-spec``
(:func:`refresh`) fetches it, checks that it is an OpenAPI description with operations, and
keeps it in the cache as JSON (``<cache>/descriptions/sigma-rest-api.json``) with a record of
where and when it came from and its sha256. Raw calls (``sigmakit api``, ``sigma.request``)
are then checked against it instead of the bundled copy (:func:`load`).

Nothing here runs unless asked: the cache is read on the first checked raw call only.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import Any

from ._cache_dir import cache_dir
from ._errors import InputError

__all__ = ["PUBLISHED_URL", "Published", "check_url", "load", "refresh"]

#: where Sigma publishes its REST API description (YAML)
PUBLISHED_URL = "https://help.sigmacomputing.com/openapi/sigma-rest-api.yaml"
#: the most a fetched description may weigh (Sigma's was 29 MB in October 2026)
MAX_BYTES = 256 * 1024 * 1024


@dataclass(frozen=True)
class Published:
    """What the cache holds: where the description came from, when, and what it is."""

    url: str
    fetched_at: str
    sha256: str
    bytes: int
    operations: int
    #: the description's own ``info.version``
    version: str

    @property
    def label(self) -> str:
        """How an error names it: ``published, fetched 2026-12-07``."""
        return f"published, fetched {self.fetched_at[:10]}"


def _folder() -> Path:
    return Path(cache_dir()) / "descriptions"


def _count(spec: dict[str, Any]) -> int:
    from ._reference import operations_of

    return len(operations_of(spec))


def _parse(body: bytes, url: str) -> dict[str, Any]:
    """The description in ``body`` (JSON or YAML), or :class:`InputError` saying why not."""
    text = body.lstrip()
    try:
        if text.startswith(b"{"):
            spec = json.loads(body)
        else:
            import yaml

            loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
            spec = yaml.load(body, Loader=loader)  # a safe loader: CSafeLoader or SafeLoader
    except Exception as exc:  # ValueError, RecursionError, yaml.YAMLError: its first line
        raise InputError(f"{url} is not JSON or YAML: {str(exc).splitlines()[0]}") from None
    if not isinstance(spec, dict) or "openapi" not in spec or not _count(spec):
        raise InputError(f"{url} did not give an OpenAPI description with operations")
    return spec


def check_url(url: str) -> str:
    """``url`` if it is an http:// or https:// URL with a host, else a one-line error."""
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise InputError(f"{url!r} is not an http:// or https:// URL")
    return url


def refresh(url: str = PUBLISHED_URL, *, timeout: float = 120.0) -> Published:
    """Fetch the description at ``url`` into the cache and say what it is. Nothing in the
    cache changes unless the whole description arrived and parsed."""
    import httpx

    check_url(url)
    digest = hashlib.sha256()
    chunks: list[bytes] = []
    size = 0
    try:
        with (
            httpx.Client(timeout=timeout, follow_redirects=True) as client,
            client.stream(
                "GET", url, headers={"Accept": "application/yaml, application/json"}
            ) as r,
        ):
            if r.status_code != 200:
                raise InputError(f"{url} answered {r.status_code}, not the description")
            for chunk in r.iter_bytes():
                size += len(chunk)
                if size > MAX_BYTES:
                    raise InputError(f"{url} gave more than {MAX_BYTES // 2**20} MiB; not read")
                digest.update(chunk)
                chunks.append(chunk)
    except httpx.InvalidURL as exc:
        raise InputError(f"{url!r} is not a URL: {exc}") from None
    except httpx.HTTPError as exc:
        raise InputError(f"could not fetch {url}: {exc or type(exc).__name__}") from None
    spec = _parse(b"".join(chunks), url)
    info = spec.get("info")
    version = str(info.get("version", "")) if isinstance(info, dict) else ""
    published = Published(
        url=url,
        fetched_at=datetime.now(UTC).isoformat(timespec="seconds"),
        sha256=digest.hexdigest(),
        bytes=size,
        operations=_count(spec),
        version=version,
    )
    folder = _folder()
    folder.mkdir(parents=True, exist_ok=True)
    _replace(folder / "sigma-rest-api.json", json.dumps(spec, separators=(",", ":")))
    _replace(folder / "sigma-rest-api.meta.json", json.dumps(asdict(published), indent=2))
    _cached.cache_clear()
    return published


def _replace(path: Path, text: str) -> None:
    """Write ``path`` (sigmakit's own cache file) whole, or leave it as it was."""
    part = path.with_name(f".{path.name}.part")
    part.write_text(text, encoding="utf-8")
    os.replace(part, path)


@cache
def _cached(folder: Path) -> tuple[Published, dict[str, Any]] | None:
    try:
        meta = json.loads((folder / "sigma-rest-api.meta.json").read_text(encoding="utf-8"))
        spec = json.loads((folder / "sigma-rest-api.json").read_text(encoding="utf-8"))
        published = Published(**meta)
    except (OSError, ValueError, TypeError):  # none yet, or not ours: the bundled one serves
        return None
    return (published, spec) if isinstance(spec, dict) and _count(spec) else None


def load() -> tuple[Published, dict[str, Any]] | None:
    """The cached published description and its record (read once per process and cache
    folder), or None when none was fetched."""
    return _cached(_folder())
