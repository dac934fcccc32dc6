"""The upload field any record form can use."""

from django import forms
from django.utils.datastructures import MultiValueDict

from thanrak.evidence.forms import EvidenceUploadField
from thanrak.evidence.tests.factories import image_bytes, pdf_bytes, upload


class RecordForm(forms.Form):
    evidence = EvidenceUploadField(max_files=3)


def bound(*files) -> RecordForm:
    return RecordForm(data={}, files=MultiValueDict({"evidence": list(files)}))


def test_several_files_clean_to_a_list():
    form = bound(upload("a.png", image_bytes()), upload("b.pdf", pdf_bytes()))
    assert form.is_valid(), form.errors
    assert [f.name for f in form.cleaned_data["evidence"]] == ["a.png", "b.pdf"]


def test_no_file_is_an_empty_list():
    form = bound()
    assert form.is_valid()
    assert form.cleaned_data["evidence"] == []


def test_every_refused_file_is_reported():
    form = bound(
        upload("a.jpg", b"<html></html>"),
        upload("b.png", image_bytes()),
        upload("c.svg", b"<svg/>"),
    )
    assert not form.is_valid()
    assert len(form.errors["evidence"]) == 2
    assert "a.jpg" in form.errors["evidence"][0]


def test_too_many_files_are_refused():
    form = bound(*[upload(f"{i}.png", image_bytes()) for i in range(4)])
    assert not form.is_valid()


def test_input_takes_several_files_and_offers_the_camera():
    html = str(RecordForm()["evidence"])
    assert "multiple" in html
    assert 'accept="image/*,' in html
    assert ".docx" in html
