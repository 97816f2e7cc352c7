"""The refusal of initials or a signature on unchecked figures (signoff.check_all_checked) keeps each indicator code
it lists whole on the page, as every other message naming a code does (perfdata.refusal_message): "IK-01" is never
broken at its hyphen, and the rest of the message stays escaped."""

from __future__ import annotations

from decimal import Decimal

from django.utils import translation

from kinerja.correspondence import actions
from kinerja.correspondence.models import DocumentVersion, Initial, Signature
from kinerja.performance.models import Actual
from kinerja.performance.templatetags.perfdata import changed_list, keep_codes
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


class StaleRefusalKeepsCodesTestCase(test_signoff.SignoffTestCase):
    """The refusal of a compilation the data changed after (correspondence.actions.changed_since_compiled) names the
    changed codes as the refusal of unchecked figures does: each kept whole, in the message and on the page."""

    def changed_after_compiling(self, *, initialled: bool = False) -> DocumentVersion:
        self.check_all()
        version = self.put_up()
        if initialled:
            for user in (self.subsection_head, self.secretary):
                actions.initial_version(version.pk, user=user)
        Actual.objects.filter(pk=self.actual(0).pk).update(value_number=Decimal("385"))
        return version

    def test_refused_initials_keep_the_changed_code_on_one_line(self) -> None:
        version = self.changed_after_compiling()
        self.client.force_login(self.subsection_head)
        page = self.client.post(f"/documents/versions/{version.pk}/initial/", follow=True).content.decode()
        self.assertIn('disusun (<span class="perf-code">IK-01</span>), sehingga', page)  # the refusal
        self.assertIn('disusun (<span class="perf-code">IK-01</span>). Susun', page)  # the page's own notice
        self.assertFalse(Initial.objects.exists())

    def test_a_refused_signature_keeps_the_changed_code_on_one_line(self) -> None:
        version = self.changed_after_compiling(initialled=True)
        self.client.force_login(self.head)
        page = self.client.post(f"/documents/versions/{version.pk}/sign/", {"password": PASSWORD},
                                follow=True).content.decode()
        self.assertIn('disusun (<span class="perf-code">IK-01</span>), sehingga', page)
        self.assertFalse(Signature.objects.exists())


def test_changed_list_keeps_codes_and_leaves_names_and_words() -> None:
    with translation.override("id"):
        shown = changed_list(["IK-01", "Persentase <koperasi> aktif", "anggaran"])
    assert shown == '<span class="perf-code">IK-01</span>, Persentase &lt;koperasi&gt; aktif, anggaran'
