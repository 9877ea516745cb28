"""The export format last chosen in a workspace, remembered in `.workbench/export.json`.

The file is workspace data, so it is untrusted: anything but a known format name (a
missing file, bad JSON, another type, an unknown name) means "no choice remembered" and
is reported in one line when it was there but unusable.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from workbench.export.flavours import DEFAULT_FORMAT, FORMATS
from workbench.fsutil import atomic_write

if TYPE_CHECKING:
    from workbench.workspace import Workspace

FILE_NAME = "export.json"


def remembered(workspace: Workspace) -> tuple[str, str | None]:
    """(format, a one-line problem or None)."""
    path = workspace.state / FILE_NAME
    try:
        data = json.loads(path.read_bytes()[:4096])
    except FileNotFoundError:
        return DEFAULT_FORMAT, None
    except (OSError, ValueError):
        return DEFAULT_FORMAT, f"{FILE_NAME} in {workspace.state.name}/ is unreadable: exporting as {DEFAULT_FORMAT}"
    value = data.get("format") if isinstance(data, dict) else None
    if isinstance(value, str) and value in FORMATS:
        return value, None
    return DEFAULT_FORMAT, (f"{FILE_NAME} in {workspace.state.name}/ names no known format "
                            f"({', '.join(FORMATS)}): exporting as {DEFAULT_FORMAT}")


def remember(workspace: Workspace, fmt: str) -> None:
    """Store the choice (atomic; failing to remember costs nothing but the memory)."""
    if fmt not in FORMATS:
        return
    path = workspace.state / FILE_NAME
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, (json.dumps({"format": fmt}) + "\n").encode("utf-8"))
    except OSError:
        pass
