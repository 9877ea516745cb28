"""Where things live: a workspace is a folder with seeds/, notes/ and .workbench/.

Resolution order: --workspace DIR, $WORKBENCH_WORKSPACE, the current directory if it has a
seeds/ folder, else a per-user data folder (platformdirs).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_data_dir

from workbench import fsutil
from workbench.errors import UsageError, printable

ENV_VAR = "WORKBENCH_WORKSPACE"


@dataclass(frozen=True)
class Workspace:
    root: Path

    def __post_init__(self) -> None:
        fsutil.confine(self.root)  # writes below root never follow a link out of it (fsutil.py)

    @property
    def name(self) -> str:
        return self.root.name or str(self.root)

    @property
    def seeds(self) -> Path:
        return self.root / "seeds"

    @property
    def notes(self) -> Path:
        return self.root / "notes"

    @property
    def state(self) -> Path:
        """Private state (database, caches); created on demand."""
        return self.root / ".workbench"

    def state_dir(self, *parts: str) -> Path:
        path = self.state.joinpath(*parts)
        path.mkdir(parents=True, exist_ok=True)
        return path


def resolve_workspace(explicit: str | os.PathLike | None = None, create: bool = True) -> Workspace:
    """Pick the workspace folder; create seeds/ and notes/ if missing.

    `create=False` (commands that only read or change what a workspace holds): an explicit
    folder that does not exist is an error, not a new empty workspace — a mistyped
    `--workspace` would otherwise answer "No articles yet" and leave folders behind."""
    if explicit:
        root = Path(explicit).expanduser()
        if root.exists() and not root.is_dir():
            raise UsageError(f"workspace is not a folder: {root}")
        if not create and not root.exists():
            raise UsageError(f"no workspace at {printable(str(root))}: the folder does not exist "
                             "(check the path; `import` or the app starts a new workspace there)")
    elif os.environ.get(ENV_VAR):
        root = Path(os.environ[ENV_VAR]).expanduser()
    elif (Path.cwd() / "seeds").is_dir():
        root = Path.cwd()
    else:
        root = Path(user_data_dir("workbench", appauthor=False))
    root = root.resolve()
    for sub in ("seeds", "notes"):
        folder = root / sub
        if folder.exists() and not folder.is_dir():  # mkdir would only say "File exists"
            raise UsageError(f"cannot use workspace {root}: {sub} is a file, not a folder")
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise UsageError(f"cannot use workspace {root}: {exc.strerror or exc}") from None
    workspace = Workspace(root)
    for folder in (workspace.seeds, workspace.notes):  # temp files of killed imports/exports
        fsutil.remove_stale_temp_files(folder)
    return workspace
