"""Echoes and the draft checker in the app, driven by Pilot through the command palette."""

from __future__ import annotations

from pathlib import Path

from tests.tui.conftest import opened_app, wait_for


def _palette_choice(app) -> str:
    from textual.command import CommandList

    options = app.screen.query(CommandList)
    option = options.first().highlighted_option if options else None
    return str(option.prompt) if option is not None else ""


async def palette(pilot, typed: str, title: str) -> None:
    await pilot.press("ctrl+p")
    await pilot.pause()
    await pilot.press(*typed)
    await wait_for(pilot, lambda: _palette_choice(pilot.app).startswith(title), what=f"palette: {title}")
    await pilot.press("enter")
    await pilot.pause()


def _longest_paragraph(article) -> tuple[int, int]:
    block = max((b for b in article.blocks if b.kind == "paragraph"), key=lambda b: b.end - b.start)
    return block.start, block.end


def _reprint(workspace: Path, source, name: str = "zz_reprint", title: str = "A reprint") -> str:
    start, end = _longest_paragraph(source)
    body = source.text[start:end].replace("\u2019", "'")
    (workspace / "seeds" / f"{name}.md").write_text(
        f"---\ntitle: \"{title}\"\n---\n\nAn opening sentence only this page has, about the weather in spring.\n\n"
        f"{body}\n\nA closing sentence nobody else wrote, about the harbour at night.\n", encoding="utf-8")
    return name


async def test_echoes_are_marked_in_the_reader_and_also_in_jumps_there(make_app, core, workspace):
    source = core.library.get("001")
    reprint = _reprint(workspace, source)
    async with opened_app(make_app) as (app, pilot, main):
        await wait_for(pilot, lambda: app.echoes is not None, what="echoes")
        main.open_article(reprint)
        await pilot.pause()
        group = next(g for g in app.echoes if any(m.article == reprint for m in g.members))
        mine = next(m for m in group.members if m.article == reprint)
        other = next(m for m in group.members if m.article != reprint)
        assert main.reader.marks == [(mine.start, mine.end)]
        assert other.article == source.id
        await palette(pilot, "echoes in this", "Echoes in this article")
        screen = app.screen
        assert type(screen).__name__ == "EchoesScreen"
        await wait_for(pilot, lambda: screen.targets, what="echo rows")
        rows = [str(o.prompt) for o in screen.query_one("#echoes-list").options]
        assert any(r.strip() == f"also in: {source.title}" for r in rows)
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is main
        assert main.article.id == source.id
        assert main.reader.selection_offsets() == (other.start, other.end)
        assert (other.start, other.end) in main.reader.marks

        await palette(pilot, "echoes: every", "Echoes: every group")
        screen = app.screen
        await wait_for(pilot, lambda: screen.targets, what="library echo rows")
        assert len(screen.targets) == sum(len(g.members) for g in app.echoes)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is main


async def test_an_article_without_echoes_says_so(make_app):
    async with opened_app(make_app) as (app, pilot, main):
        await wait_for(pilot, lambda: app.echoes is not None, what="echoes")
        assert app.echoes == [] and main.reader.marks == []
        await palette(pilot, "echoes in this", "Echoes in this article")
        status = app.screen.query_one("#echoes-status")
        assert "shares no passage" in str(status.render())


async def test_check_draft_lists_verdicts_opens_sources_and_rechecks(make_app, core, workspace, tmp_path, monkeypatch):
    article = core.library.get("003")
    start, end = _longest_paragraph(article)
    sentence = article.text[start:end].split(". ")[0]
    words = sentence.split()
    exact = " ".join(words[:14])
    close_words = list(words[:14])
    close_words[6] = "xylophone"
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    draft = drafts / "my_draft.md"
    draft.write_text(f"# Draft\n\nAs reported, «{exact}» — then\n\n> {' '.join(close_words)}\n\n"
                     "And „the moon is made of green cheese and always was“ said nobody.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    async with opened_app(make_app, index=True) as (app, pilot, main):
        await palette(pilot, "check draft", "Check draft…")
        assert type(app.screen).__name__ == "DraftPrompt"
        await pilot.press(*"drafts/my")
        await pilot.pause(0.2)
        await pilot.press("tab")
        await pilot.pause()
        assert app.screen.query_one("#draft-input").value == "drafts/my_draft.md"
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert type(screen).__name__ == "CheckScreen"
        await wait_for(pilot, lambda: len(screen.checks) == 3, what="checks")
        assert [c.status for c in screen.checks] == ["exact", "close", "missing"]
        assert any("xylophone" in d for d in screen.checks[1].differences)
        first = screen.checks[0]
        await pilot.press("enter")  # the first quotation: open its source there
        await pilot.pause()
        assert app.screen is main and main.article.id == article.id
        assert main.reader.selection_offsets() == (first.start, first.end)

        draft.write_text(f"Only one now: “{exact}”.\n", encoding="utf-8")
        await palette(pilot, "check draft", "Check draft…")
        assert app.screen.query_one("#draft-input").value == str(draft.resolve())  # remembered
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        await wait_for(pilot, lambda: len(screen.checks) == 1, what="re-read draft")
        draft.write_text(f"“{exact}” and «{' '.join(close_words)}»\n", encoding="utf-8")
        await pilot.press("r")
        await wait_for(pilot, lambda: len(screen.checks) == 2, what="re-check after r")
        assert [c.status for c in screen.checks] == ["exact", "close"]

        (drafts / "gone.md").write_text("x", encoding="utf-8")
        (drafts / "gone.md").unlink()
        await pilot.press("escape")
        app.last_draft = drafts / "gone.md"
        await palette(pilot, "check draft", "Check draft…")
        await pilot.press("enter")
        await pilot.pause(0.3)
        status = str(app.screen.query_one("#check-status").render())
        assert "gone.md" in status  # one clear line, no crash


async def test_echoes_arriving_after_their_view_closed_are_harmless(make_app):
    async with opened_app(make_app, size=(120, 36)) as (app, pilot, main):
        await wait_for(pilot, lambda: app.echoes is not None, what="echoes")
        library, groups, app.echoes = app.library, app.echoes, None  # as while they are recomputed
        await app.run_action("echoes_library")
        await pilot.pause()
        assert "Finding echoes" in str(app.screen.query_one("#echoes-status").render())
        await pilot.press("escape")
        await pilot.pause()
        app._echoes_ready(library, groups)  # what the echoes worker does when it finishes
        await pilot.pause()
        assert app.is_running and app.echoes == groups
        await app.run_action("echoes_library")  # and a new view shows them straight away
        await pilot.pause()
        assert "Finding echoes" not in str(app.screen.query_one("#echoes-status").render())
