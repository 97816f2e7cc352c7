"""The refusal of initials or a signature on unchecked figures (signoff.check_all_checked) keeps each indicator code
it lists whole on the page, as every other message naming a code does (perfdata.refusal_message): "IK-01" is never
broken at its hyphen, and the rest of the message stays escaped."""

from __future__ import annotations

from kinerja.correspondence.models import Initial, Signature
from kinerja.performance.templatetags.perfdata import keep_codes
from tests.base import PASSWORD
from tests.correspondence import test_signoff


class RefusalKeepsCodesTestCase(test_signoff.SignoffTestCase):
    def test_refused_initials_keep_each_code_on_one_line(self) -> None:
        version = self.put_up()
        self.client.force_login(self.subsection_head)
        page = self.client.post(f"/documents/versions/{version.pk}/initial/", follow=True).content.decode()
        self.assertIn('belum diperiksa: <span class="perf-code">IK-01</span> Triwulan I 2025 (Dikirim), '
                      '<span class="perf-code">IK-02</span> Triwulan I 2025 (Dikirim).', page)
        self.assertFalse(Initial.objects.exists())

    def test_a_refused_signature_keeps_each_code_on_one_line(self) -> None:
        version = self.put_up()
        for position, user in ((self.positions["subsection_head"], self.subsection_head),
                               (self.positions["secretary"], self.secretary)):
            Initial.objects.create(office=self.office, version=version, sha256=version.sha256, user=user,
                                   name=user.person.full_name, position=position, position_title=position.title)
        self.client.force_login(self.head)
        page = self.client.post(f"/documents/versions/{version.pk}/sign/", {"password": PASSWORD},
                                follow=True).content.decode()
        self.assertIn('Tanda tangan ditolak: 2 angka Data Kinerja Triwulan I 2025 belum diperiksa: '
                      '<span class="perf-code">IK-01</span> Triwulan I 2025 (Dikirim)', page)
        self.assertFalse(Signature.objects.exists())


def test_keep_codes_leaves_a_longer_code_and_the_text_escaped() -> None:
    shown = keep_codes('IK-1 dan IK-10 <b> "IK-1."', ["IK-1", "IK-10"])
    assert shown == ('<span class="perf-code">IK-1</span> dan <span class="perf-code">IK-10</span> &lt;b&gt; '
                     '&quot;<span class="perf-code">IK-1</span>.&quot;')
    assert keep_codes("IK-10 saja", ["IK-1"]) == "IK-10 saja"
