"""A source edited on disk while the app shows it: another process (the CLI) re-anchors its
highlights against the new text; the app, still showing the old text, painted those offsets on
the wrong words (QA, round 2). It now paints only highlights anchored to the text it shows, and
says once that the article changed."""

from __future__ import annotations

from tests.conftest import run_workbench
from tests.tui.conftest import highlight_first_words, notifications, opened_app, wait_for


async def test_highlights_of_a_text_changed_on_disk_are_not_painted_on_the_old_one(make_app, core, workspace):
    async with opened_app(make_app, size=(160, 48)) as (app, pilot, main):
        await highlight_first_words(pilot)
        article = main.article
        (ann,) = core.store.all(article=article.id)
        assert [s.id for s in main.reader.spans] == [ann.id]
        source = article.path
        source.write_text("A new first paragraph, written after the highlight was made, moves "
                          "everything below it.\n\n" + source.read_text(encoding="utf-8"), encoding="utf-8")
        done = run_workbench("annotations", "--json", workspace=workspace)  # syncs: re-anchors on disk
        assert done.returncode == 0, done.stderr
        moved = core.store.get(ann.id)
        assert moved.start != ann.start and moved.text_hash != article.text_hash
        await wait_for(pilot, lambda: any("changed on disk" in m for m in notifications(app)),
                       what="the changed-on-disk notice")
        assert main.reader.spans == []  # not painted at offsets of a text not shown
        assert main.reader.text == article.text
