"""How a table fits a terminal: which columns go first when it is too narrow (ids, then
timestamps, then details), and how wide each of the others may be. Plain arithmetic on
column names and widths, with no output of its own: ``output`` draws the table."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

__all__ = ["DETAILS", "FREE_TEXT", "GAP", "MIN_WIDTH", "column_priority", "fit_columns"]

#: column priorities, the lowest hidden first when a terminal is too narrow for a table
ID, TIME, DETAIL, PERSON = range(4)
#: columns that say more about a thing than which thing it is
DETAILS = frozenset(
    {
        "color",
        "description",
        "embedUrls",
        "latestVersion",
        "taggedVersion",
        "timezone",
        "userKind",
        "visibility",
    }
)
#: free text: cut to FREE_TEXT_WIDTH (before anything is hidden) rather than hidden
FREE_TEXT = frozenset({"description", "message", "summary"})
FREE_TEXT_WIDTH = 20
#: what a cut column keeps at least before more columns are hidden ("Evely…")
MIN_WIDTH = 6
#: the space between two columns of a table
GAP = 2


def column_priority(name: str) -> int:
    """How much a person needs a column, from its name: ids least (``memberId``, ``id``),
    then timestamps (``createdAt``), then details (``description``, ``isSample``);
    anything else (names, emails, account types, paths, statuses) is for people."""
    if name == "id" or name.endswith(("Id", "Ids")):
        return ID
    if name.endswith("At"):
        return TIME
    if name in DETAILS or (name.startswith("is") and name[2:3].isupper()):
        return DETAIL
    return PERSON


def fit_columns(
    names: Sequence[str], widths: Sequence[int], room: int, *, keep_all: bool = False
) -> dict[int, int]:
    """Which columns a table of ``room`` cells shows, and how wide: {index: width}.

    Columns are hidden, lowest :func:`column_priority` first (the rightmost first among
    equals), until the rest fit: ids and timestamps until the rest fit at their natural
    ``widths``, details until they fit with free text cut to ``FREE_TEXT_WIDTH``; people's
    columns are not hidden for this. Only then the widest
    are cut, free text first, down to ``MIN_WIDTH``; if that is still too wide, more
    columns are hidden. With ``keep_all`` (the user's --fields) nothing is hidden while
    one cell a column fits."""
    order = sorted(range(len(names)), key=lambda i: (column_priority(names[i]), -i))
    shown = list(range(len(names)))

    def need(sizes: Mapping[int, int]) -> int:
        return sum(sizes.values()) + GAP * (len(sizes) - 1)

    def fitted(floors: Sequence[tuple[frozenset[str] | None, int]]) -> dict[int, int]:
        sizes = {i: widths[i] for i in shown}
        for only, floor in floors:  # free text first, then any column
            cuttable = [i for i in shown if only is None or names[i] in only]
            _cut_widest(sizes, cuttable, floor, need(sizes) - room)
        return sizes

    if not keep_all:
        soft = {
            i: min(w, FREE_TEXT_WIDTH) if names[i] in FREE_TEXT else w for i, w in enumerate(widths)
        }
        for i in order:
            priority = column_priority(names[i])
            # an id or a timestamp goes before any value is cut; a detail only when even
            # free text cut short leaves no room for it
            room_at = widths if priority < DETAIL else soft
            if priority == PERSON or need({j: room_at[j] for j in shown}) <= room:
                break
            shown.remove(i)
    floors: list[tuple[frozenset[str] | None, int]] = [
        (FREE_TEXT, FREE_TEXT_WIDTH),
        (None, MIN_WIDTH),
    ]
    if keep_all:
        floors.append((None, 1))
    sizes = fitted(floors)
    # still too wide even cut short: hide more, the least needed first
    for i in order:
        if need(sizes) <= room or len(shown) == 1:
            break
        if i in shown:
            shown.remove(i)
            sizes = fitted(floors)
    if need(sizes) > room:  # one column wider than the terminal
        sizes = {i: max(1, room) for i in sizes}
    return sizes


def _cut_widest(sizes: dict[int, int], cuttable: Sequence[int], floor: int, excess: int) -> None:
    """Take ``excess`` cells off the widest of the ``cuttable`` columns, none below
    ``floor``: they are brought down to one level, as cutting the widest a cell at a time
    would (the leftmost keep the odd cells over)."""
    if excess <= 0 or not cuttable:
        return
    floors = {i: min(sizes[i], floor) for i in cuttable}

    def saved(level: int) -> int:
        return sum(max(0, sizes[i] - max(level, floors[i])) for i in cuttable)

    low, high = 0, max(sizes[i] for i in cuttable)  # saved(high) == 0 < excess
    if saved(low) <= excess:  # even every column at its floor is not enough
        sizes.update(floors)
        return
    while high - low > 1:  # the highest level that still saves enough
        middle = (low + high) // 2
        low, high = (middle, high) if saved(middle) >= excess else (low, middle)
    spare = saved(low) - excess
    for i in cuttable:
        if sizes[i] > max(low, floors[i]):
            sizes[i] = max(low, floors[i])
            if spare and sizes[i] == low:
                sizes[i] += 1
                spare -= 1
