#!/usr/bin/env bash
# Smoke test of the real TUI in tmux: start it on a temp copy of the seeds, send keys like a
# user, capture the screen after every step, and fail on a traceback, a non-zero exit, or a
# missing result (a highlight in the store, an exported note).
# Usage: scripts/tmux_smoke.sh [WIDTHxHEIGHT]   (default 120x36; captures kept in $OUT)
#        scripts/tmux_smoke.sh all             (80x24, 120x36 and 200x60 in turn)
# Flows: keyboard selection + h, tags/note/colour with their confirmations, Esc keeping a
# note draft, search (a hit deep in a long sentence), undo/redo, export, typing q and s into
# the list filter, / from the filter box, a highlight added by the CLI showing up live,
# the cleaner's removed text, help, the palette, quit, and a restart reopening the article.
set -euo pipefail

REPO="$(cd "$(dirname "$0")/.." && pwd)"
if [ "${1:-}" = "all" ]; then
  for size in 80x24 120x36 200x60; do "$0" "$size" || exit 1; done
  exit 0
fi
SIZE="${1:-120x36}"
W="${SIZE%x*}"; H="${SIZE#*x}"
TMP="$(mktemp -d)"
WS="$TMP/ws"
OUT="${OUT:-$TMP/captures}"
SESSION="wb-smoke-$$"
mkdir -p "$WS/notes" "$OUT"
cp -r "$REPO/seeds" "$WS/seeds"
FILLER="$(for i in $(seq 1 40); do printf 'and then the committee considered item number %s at length, ' "$i"; done)"
printf '# Minutes of a long meeting\n\nThe chair opened the session %s until someone said that the stars are perfectly alligned for azerbaijan to seize the moment, and the meeting ended.\n' "$FILLER" > "$WS/seeds/zz_long_sentence.md"
if [ -x "$REPO/.venv/bin/workbench" ]; then
  WORKBENCH="$REPO/.venv/bin/workbench"; PY="$REPO/.venv/bin/python"
else  # a worktree without its own venv: the given python, with this checkout first on the path
  PY="${PYTHON:-python3}"; WORKBENCH="env PYTHONPATH=$REPO $PY -m workbench"
fi

# Its own tmux server (socket WB_TMUX_SOCKET, default wb-smoke): never the one other sessions use.
tmux() { command tmux -L "${WB_TMUX_SOCKET:-wb-smoke}" "$@"; }
cleanup() { tmux kill-session -t "$SESSION" 2>/dev/null || true; }
trap cleanup EXIT

fail() { echo "FAIL: $*" >&2; echo "captures: $OUT" >&2; exit 1; }

step=0
capture() {  # capture NAME: save the screen and check it for a traceback
  step=$((step + 1))
  local file; file="$OUT/$(printf '%02d' "$step")-$1.txt"
  tmux capture-pane -p -t "$SESSION" > "$file"
  if grep -q "Traceback" "$file"; then cat "$file"; fail "traceback on screen after '$1'"; fi
}

wait_for() {  # wait_for TEXT [SECONDS]: until TEXT is on screen
  local text="$1" limit="${2:-20}" i=0
  while ! tmux capture-pane -p -t "$SESSION" | grep -qF -- "$text"; do
    i=$((i + 1)); [ "$i" -gt $((limit * 10)) ] && { capture "timeout"; fail "'$text' not on screen after ${limit}s"; }
    sleep 0.1
  done
}

wait_re() {  # wait_re REGEX [SECONDS]: until a screen line matches REGEX (trailing spaces ignored)
  local re="$1" limit="${2:-20}" i=0
  while ! tmux capture-pane -p -t "$SESSION" | sed 's/[ │]*$//' | grep -qE -- "$re"; do
    i=$((i + 1)); [ "$i" -gt $((limit * 10)) ] && { capture "timeout"; fail "/$re/ not on screen after ${limit}s"; }
    sleep 0.1
  done
}

wait_gone() {  # wait_gone TEXT [SECONDS]: until TEXT is no longer on screen
  local text="$1" limit="${2:-10}" i=0
  while tmux capture-pane -p -t "$SESSION" | grep -qF -- "$text"; do
    i=$((i + 1)); [ "$i" -gt $((limit * 10)) ] && { capture "timeout"; fail "'$text' still on screen after ${limit}s"; }
    sleep 0.1
  done
}

whole_words() {  # whole_words FILE: every word the reader shows is a word of some article
  (cd "$REPO" && env PYTHONPATH="$REPO" "$PY" - "$WS" "$1" <<'PY'
import re, sys
from workbench.library import Library
from workbench.workspace import resolve_workspace
articles = Library(resolve_workspace(sys.argv[1])).articles
vocab = {w for a in articles for w in re.findall(r"[A-Za-z]+", a.text)}
screen = open(sys.argv[2], encoding="utf-8").read().splitlines()
top, left = next((i, m.start()) for i, line in enumerate(screen) for m in re.finditer("╭─ ", line)
                 if not line.startswith(("╭─ Articles", "╭─ Highlights"), m.start()))
right = screen[top].index("╮", left)
shown = [line[left + 1:right] for line in screen[top + 1:]  # lines a notice covers are skipped
         if len(line) > right and line[left] == line[right] == "│" and "▌" not in line[left:right]]
cut = sorted({w for line in shown for w in re.findall(r"[A-Za-z]+", line)} - vocab)
if cut:
    sys.exit(f"words cut at the reader's edge: {cut[:8]}")
PY
  )
}

keys() {  # one key (or string) at a time, like a quick typist
  for k in "$@"; do
    tmux send-keys -t "$SESSION" "$k"
    # a key right after Escape would arrive as alt+key: let the escape stand alone
    if [ "$k" = Escape ]; then sleep 0.5; else sleep 0.12; fi
  done; sleep 0.3
}

tmux new-session -d -s "$SESSION" -x "$W" -y "$H" \
  "cd '$TMP' && $WORKBENCH --workspace '$WS'; echo \"EXIT=\$?\"; sleep 60"

wait_for "6 articles"
capture start

keys q s                      # in the list every letter filters: q and s do not quit or sort
wait_for "No article matches"
capture filter-q-s
keys /; wait_for "Search "     # / opens search from the filter box
keys Escape Escape; sleep 0.3
capture filter-cleared

# open an article from the list, then ctrl+n: the highlights pane takes the list's place and
# the reader narrows; every word it shows must be whole (it once kept lines wrapped for its
# old width, cut at the new edge: "…fell by a t")
keys Enter; sleep 0.5; keys C-n; sleep 1
capture opened-ctrl-n
whole_words "$OUT/$(printf '%02d' "$step")-opened-ctrl-n.txt" || fail "the reader shows cut words after ctrl+n at ${W}x${H}"
keys C-n C-f; wait_for "Articles (" 5   # and back: the list returns, the focus in its filter box

keys Tab '}' v w w w          # reader: keyboard selection of the first words of block 2
capture selecting
keys h
wait_for "Highlighted"
capture highlighted
grep -q "q Quit" "$OUT/$(printf '%02d' "$step")-highlighted.txt" || fail "the footer lost 'q Quit' at ${W}x${H}"
grep -q "? Help" "$OUT/$(printf '%02d' "$step")-highlighted.txt" || fail "the footer lost '? Help' at ${W}x${H}"

keys c; wait_for "Colour: green"
capture colour
keys t; wait_for "Tags (comma"
keys "smoke, test" Enter; wait_for "Tags saved"
capture tagged

keys n; wait_for "ctrl+s: save"
keys "A draft" Escape; wait_for "draft is kept"
keys n; wait_for "unsaved draft is back"
keys " from the smoke test" C-s; wait_for "Note saved"
capture noted

keys /; wait_for "Search "
keys "the stars are perfectly alligned for azerbaijan to seize"; wait_re "[0-9]+ results?$|No matches" 20
capture search-long-sentence
grep -q "azerbaijan to seize" "$OUT/$(printf '%02d' "$step")-search-long-sentence.txt" || fail "the long-sentence hit does not show the matched words"
keys Enter
keys h; wait_for "Highlighted"
capture search-highlight

keys d; wait_for "Deleted the highlight"
keys u; wait_for "Undid the delete"
keys U; wait_for "Redid the delete"
keys u; wait_for "Undid the delete"
capture delete-undo-redo

keys e; wait_for "Exported notes"
capture exported

keys x; sleep 0.5
capture removed-text
keys x

# another process adds a highlight to the open article: the app shows it within a second, untouched
tmux capture-pane -p -t "$SESSION" | grep -q "Highlights (" || keys C-n
(cd "$TMP" && env PYTHONPATH="$REPO" "$PY" -m workbench --workspace "$WS" highlight zz_long "the meeting ended" --tag live >/dev/null)
wait_for "#live" 5
capture live-refresh

keys C-n C-b '?'; wait_for "Keys (Esc"
capture help
keys Escape; wait_gone "Keys (Esc"  # under load Esc + the next key can read as alt+key
keys C-p; wait_for "Search for commands" 5; keys "Sort articles"; wait_for "next order" 5
capture palette
keys Enter; sleep 0.5
capture palette-sorted

keys C-n; sleep 0.5; keys C-b; wait_for "Articles (" 5   # the list back (focused), as after a restart
capture before-quit
reader_title() { grep -o '╭─ [^─]* ─' "$1" | grep -v -e '─ Articles' -e '─ Highlights' | head -1; }
BEFORE="$(reader_title "$OUT/$(printf '%02d' "$step")-before-quit.txt")"

keys Tab; wait_for "v Select" 5
capture before-q
keys q                        # from the reader q quits
wait_for "EXIT=" 10
capture exit
grep -q "EXIT=0" "$OUT"/*-exit.txt || fail "the app did not exit with 0"

# a restart reopens the last article (reading state in .workbench/tui_state.json)
tmux kill-session -t "$SESSION"
tmux new-session -d -s "$SESSION" -x "$W" -y "$H" \
  "cd '$TMP' && $WORKBENCH --workspace '$WS'; echo \"EXIT=\$?\"; sleep 60"
wait_for "6 articles"
sleep 0.5
capture restarted
AFTER="$(reader_title "$OUT/$(printf '%02d' "$step")-restarted.txt")"
[ -n "$BEFORE" ] && [ "$BEFORE" = "$AFTER" ] || fail "restart opened '$AFTER', expected '$BEFORE'"
keys C-q                      # the list has focus: q would be typed, ctrl+q quits
wait_for "EXIT=" 10

ls "$WS"/notes/*.md >/dev/null 2>&1 || ls "$WS"/notes/*/*.md >/dev/null 2>&1 || fail "no Markdown note exported"
COUNT="$(cd "$REPO" && env PYTHONPATH="$REPO" "$PY" - "$WS" <<'PY'
import sys
from workbench.workspace import resolve_workspace
from workbench.store import open_store
print(len(open_store(resolve_workspace(sys.argv[1])).all()))
PY
)"
[ "$COUNT" -ge 3 ] || fail "expected at least 3 highlights in the store, found $COUNT"
echo "OK: tmux smoke passed at ${W}x${H} ($step screens, $COUNT highlights) — captures in $OUT"
