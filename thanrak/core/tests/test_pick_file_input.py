"""A file input in the page's language (core.forms.PickFileInput)."""

from django import forms
from django.utils import translation

from thanrak.core.forms import PickFileInput
from thanrak.evidence.forms import EvidenceUploadField


class UploadForm(forms.Form):
    letter = forms.FileField(label="หนังสือ", widget=PickFileInput(attrs={"accept": ".pdf"}))
    photos = EvidenceUploadField()


def test_the_button_and_the_empty_choice_are_in_the_page_language():
    with translation.override("th"):
        html = str(UploadForm()["letter"])
    assert '<span class="file-pick">' in html
    # The browser's input is still the field (its name, its accept), and the button opens it.
    assert 'type="file" name="letter" accept=".pdf" required id="id_letter"' in html
    assert '<label class="button secondary file-pick-button" for="id_letter"' in html
    assert ">เลือกไฟล์</label>" in html
    assert 'data-none="ยังไม่ได้เลือกไฟล์"' in html
    assert 'data-many="เลือกแล้ว {count} ไฟล์"' in html


def test_english_pages_say_it_in_english_and_several_files_are_files():
    with translation.override("en"):
        html = str(UploadForm()["photos"])
        single = str(UploadForm()["letter"])
    assert "multiple" in html and ">Choose files</label>" in html
    assert ">Choose a file</label>" in single
    assert 'data-none="No file chosen"' in single
