"""The one table of keys: bindings, the help screen, the command palette and docs come from it.

Each row says where a key works (`scope`), what it does (`action`, `text`) and how it is
shown: `label` puts it in the footer, `palette` in the command palette (rows without keys
are palette-only commands), `bind=False` rows only document keys that widgets handle
themselves (typing in the list, arrows, mouse). `bindings(scope)` gives a widget its
Textual bindings; `help_sections()` and `markdown_table()` render the same rows for `?`
and for docs/tui.md (a test keeps the docs table equal to this one).

Scopes: `app` (the app: anywhere), `screen` (the main screen: every pane), `list`,
`reader`, `pane` (highlights pane) and `highlight` (both the reader and the pane).
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding, BindingType


@dataclass(frozen=True)
class Key:
    keys: str  # Textual key spec ("question_mark,f1"); "" for a palette-only command
    action: str  # Textual action in the binding's namespace
    text: str  # what it does, for help and docs
    scope: str
    display: str = ""  # how people write the key ("?", "ctrl+b"); default: `keys`
    label: str = ""  # footer label; "" keeps it out of the footer
    palette: str = ""  # command palette title; "" keeps it out of the palette
    priority: bool = False  # fires even while a text box has focus (tab, /)
    bind: bool = True  # False: documented here, handled by the widget itself

    @property
    def shown(self) -> str:
        return self.display or self.keys

    @property
    def screen_action(self) -> str:
        """The main screen's action that does the same (what the palette runs)."""
        return self.action.removeprefix("screen.")


WHERE = {  # scope → the docs' "where" column and the help section title
    "app": "anywhere",
    "screen": "anywhere",
    "list": "article list",
    "reader": "reader",
    "highlight": "reader, highlights pane",
    "pane": "highlights pane",
    "palette": "command palette",
}
SECTIONS = [("Anywhere", ("app", "screen")), ("Article list", ("list",)), ("Reader", ("reader",)),
            ("Reader and highlights pane", ("highlight",)), ("Highlights pane", ("pane",)),
            ("Only in the command palette (ctrl+p)", ("palette",))]

KEYS: list[Key] = [
    # -- anywhere -------------------------------------------------------------------------
    Key("question_mark,f1", "help", "help: every key (`?` is a letter in text boxes: F1 works there too)",
        "app", display="? / F1", label="Help", palette="Help: keys"),
    Key("q", "quit", "quit (the reading position is saved); q is a letter in the article list and in text boxes",
        "app", label="Quit"),
    Key("ctrl+q", "quit", "quit, from anywhere", "app", priority=True),
    Key("slash", "search", "search quotes and notes across the library, from anywhere (the filter box too); "
        "`↑`/`↓` in the search box recall earlier queries, `ctrl+t` limits it to the open article",
        "screen", display="/", label="Search", palette="Search", priority=True),
    Key("tab", "pane(1)", "next pane (list → reader → highlights)", "screen", priority=True),
    Key("shift+tab", "pane(-1)", "previous pane", "screen", priority=True),
    Key("ctrl+b", "toggle_list", "show/hide the article list", "screen", palette="Toggle article list"),
    Key("ctrl+n", "toggle_notes", "show/hide the highlights pane", "screen", palette="Toggle highlights pane"),
    Key("ctrl+f", "filter", "to the article list's filter box", "screen", palette="Filter articles"),
    Key("ctrl+p", "command_palette", "command palette: every action", "app", bind=False),
    # -- article list ---------------------------------------------------------------------
    Key("type", "", "filter by title, author, outlet, date, id — every letter, q and s included (words in any "
        "order; quotes, dashes and case folded); `esc` clears", "list", bind=False),
    Key("enter", "", "open the article (a click too)", "list", display="enter / click", bind=False),
    Key("ctrl+o", "sort", "sort: title → date → recently opened (remembered)", "list",
        label="Sort", palette="Sort articles: next order"),
    # -- reader ---------------------------------------------------------------------------
    Key("v", "toggle_select", "start/stop keyboard selection: arrows, `j`/`k`, `w`/`b` words, `{`/`}` paragraphs",
        "reader", label="Select", palette="Start/stop selection"),
    Key("shift+left", "", "select text (shift+arrows, or drag with the mouse)", "reader",
        display="shift+arrows / drag", bind=False),
    Key("h", "screen.highlight", "highlight the selection", "reader", label="Highlight",
        palette="Highlight selection"),
    Key("a", "screen.reattach", "re-attach a highlight to the selection: the ⚠ one picked in the highlights "
        "pane, else the one at the cursor", "reader", palette="Re-attach highlight to selection"),
    Key("j", "cursor_down", "line down (extends the selection in `v` mode)", "reader"),
    Key("k", "cursor_up", "line up", "reader"),
    Key("w", "cursor_word_right", "to the end of the word", "reader"),
    Key("b", "cursor_word_left", "to the start of the word", "reader"),
    Key("right_curly_bracket", "paragraph(1)", "next paragraph", "reader", display="}"),
    Key("left_curly_bracket", "paragraph(-1)", "previous paragraph", "reader", display="{"),
    Key("g,ctrl+home", "edge(0)", "top of the article", "reader", display="g"),
    Key("G,ctrl+end", "edge(1)", "bottom of the article", "reader", display="G"),
    Key("space", "cursor_page_down", "page down", "reader"),
    Key("shift+space", "cursor_page_up", "page up", "reader"),
    Key("escape", "clear_selection", "clear the selection", "reader", display="esc"),
    Key("x", "screen.toggle_removed", "show/hide what the cleaner removed (greyed, read-only)", "reader",
        palette="Show/hide removed text"),
    # -- reader and highlights pane: the highlight at the cursor / selected -----------------
    Key("t", "screen.edit_tags", "tags of the highlight", "highlight", label="Tags", palette="Edit tags"),
    Key("n", "screen.edit_note", "note of the highlight", "highlight", label="Note", palette="Edit note"),
    Key("c", "screen.cycle_color", "next colour of the highlight (says which)", "highlight", label="Colour",
        palette="Next colour"),
    Key("d", "screen.delete", "delete the highlight", "highlight", label="Delete", palette="Delete highlight"),
    Key("y", "screen.copy_quote", "copy its quote and the article title (OSC 52 clipboard)", "highlight",
        palette="Copy quote"),
    Key("u", "screen.undo", "undo the last change to highlights (store undo, any process)", "highlight",
        label="Undo", palette="Undo"),
    Key("U,ctrl+r", "screen.redo", "redo what undo took back (until a new change)", "highlight",
        display="U / ctrl+r", palette="Redo"),
    Key("e", "screen.export", "export notes to Markdown in notes/", "highlight", palette="Export notes"),
    # -- highlights pane ------------------------------------------------------------------
    Key("enter", "", "jump to the highlight (the reader follows while you move; a click too)", "pane",
        display="enter / click", bind=False),
    Key("j", "cursor_down", "next highlight", "pane"),
    Key("k", "cursor_up", "previous highlight", "pane"),
    Key("m", "screen.toggle_notes_mode", "this article ↔ the whole library (keeps the tag chosen)", "pane",
        label="Article/library", palette="Highlights: article / library"),
    Key("f", "filter_tag", "the library's highlights with one tag (a parent tag matches its children)", "pane",
        label="Tag filter", palette="Highlights: filter the library by tag"),
    # -- only in the palette --------------------------------------------------------------
    Key("", "export_article", "export only the open article's notes", "palette",
        palette="Export notes of this article"),
    Key("", "import", "import files or folders into the workspace", "palette", palette="Import…"),
    Key("", "reload", "re-read the seeds folder", "palette", palette="Reload library"),
]


def bindings(scope: str) -> list[BindingType]:
    """The Textual bindings of one scope, in table order."""
    return [Binding(k.keys, k.action, k.label or k.text, show=bool(k.label), priority=k.priority,
                    key_display=k.display.split(" / ")[0] if k.display else None)
            for k in KEYS if k.scope == scope and k.bind and k.keys]


def palette_commands() -> list[tuple[str, str, str]]:
    """(title, help, main-screen action) for every palette entry (the key, if any, in the help)."""
    out = []
    for k in KEYS:
        if k.palette and k.scope != "app":
            hint = f" ({k.shown})" if k.keys else ""
            out.append((k.palette, k.text[:1].upper() + k.text[1:] + hint, k.screen_action))
    return out


def help_sections() -> list[tuple[str, list[tuple[str, str]]]]:
    return [(title, [(k.shown, k.text) for k in KEYS if k.scope in scopes]) for title, scopes in SECTIONS]


def markdown_table() -> str:
    """The docs' key table (docs/tui.md holds exactly this between its keys markers)."""
    rows = ["| key | where | does |", "| --- | --- | --- |"]
    for k in KEYS:
        key = "—" if not k.keys else k.shown if not k.bind and k.keys == "type" else \
            " / ".join(f"`{part}`" for part in k.shown.split(" / "))
        does = k.text.replace("|", "\\|")
        rows.append(f"| {key} | {WHERE[k.scope]} | {does} |")
    return "\n".join(rows)
