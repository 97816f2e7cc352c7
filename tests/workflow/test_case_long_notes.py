"""A step's output carrying a checksum (the SHA-256 of the initialled version, 64 characters without a space)
widened the case's table of steps past its card: 1,569 px inside 1,118 at 1280 px. The table shows its first
12 characters, the whole value kept in the element and its title, and any other long word wraps."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest
from playwright.sync_api import Page

from kinerja.org import demo
from kinerja.workflow import actions
from kinerja.workflow.templatetags.workflow import short_hashes
from tests.base import PASSWORD
from tests.browser.helpers import sign_in

from .base import START, WorkflowTestCase
from .seed import build_seed_sop

DIGEST = hashlib.sha256(b"Data Kinerja Triwulan I 2025 v1").hexdigest()
NOTE = f"Paraf Data Kinerja Triwulan I 2025 v1, SHA-256 {DIGEST}"


class ShortHashesTestCase(WorkflowTestCase):
    def test_the_table_of_steps_shows_a_checksum_short_with_its_whole_value_kept(self) -> None:
        case = self.start_case()
        actions.complete_task(self.open_task(case).pk, user=self.secretary, note=NOTE, at=START)
        self.client.force_login(self.subsection_head)
        html = self.client.get(f"/cases/{case.pk}/").content.decode()
        table = html[html.index('class="data rounds tasks"'):html.index("</table>", html.index('class="data rounds'))]
        self.assertIn(f'Paraf Data Kinerja Triwulan I 2025 v1, SHA-256 <code class="hash-short" title="{DIGEST}">'
                      f"{DIGEST}</code>", table)

    def test_only_whole_hex_runs_of_32_or_more_are_marked_and_the_rest_is_escaped(self) -> None:
        self.assertEqual(short_hashes("<b>v1</b> cafe"), "&lt;b&gt;v1&lt;/b&gt; cafe")
        # 31 characters, and a run inside a longer word, stay as they are.
        self.assertEqual(short_hashes("a" * 31), "a" * 31)
        self.assertEqual(short_hashes(f"x{DIGEST}"), f"x{DIGEST}")
        self.assertEqual(short_hashes(f"{DIGEST}."), f'<code class="hash-short" title="{DIGEST}">{DIGEST}</code>.')
        self.assertEqual(short_hashes(None), "")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_table_of_steps_fits_its_card_at_desktop_and_phone_width(live_server, page: Page, shot) -> None:  # type: ignore[no-untyped-def]
    built = demo.build(password=PASSWORD, today=dt.date.today())
    version = build_seed_sop(built)
    secretary = built.people["sekretaris"].user
    case = actions.start_case(version.pk, user=secretary, title="Pengumpulan Data Kinerja Triwulan I 2025",
                              period="Triwulan I 2025", at=START)
    task = case.tasks.get(status="open")
    actions.complete_task(task.pk, user=secretary, note=NOTE + " Lampiran: " + "Rekapitulasi" * 8, at=START)
    sign_in(page, live_server.url, "kasubbag")
    for width, name in ((1280, "case-long-note-desktop"), (390, "case-long-note-phone")):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(f"{live_server.url}/cases/{case.pk}/")
        widths = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth, "
                               "...Array.from(document.querySelectorAll('.table-wrap:has(table.rounds)'), "
                               "e => e.scrollWidth - e.clientWidth)]")
        assert widths[0] <= widths[1] and len(widths) == 3 and widths[2] <= 0, (width, widths)
        # The checksum shows by its first characters; the element keeps the whole value.
        code = page.locator("table.rounds code.hash-short").first
        assert code.text_content() == DIGEST and code.get_attribute("title") == DIGEST
        box = code.bounding_box()
        assert box is not None and box["width"] < 200, box
        shot(name)
