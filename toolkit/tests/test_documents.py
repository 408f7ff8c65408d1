import pytest

from toolkit.documents import fill_template, fill_text, merge_fields_in, render_markdown
from toolkit.models import Resource, SeededResource
from toolkit.tests.factories import ResourceFactory

CONTEXT = {
    "partnership": "Central Ohio Manufacturing Partnership",
    "cluster": "Advanced Manufacturing",
    "region": "Central Ohio",
    "convener": "One Columbus",
    "meeting_date": "Tuesday, March 3, 2026 at 9:00 AM",
    "meeting_place": "Columbus State, Room 101",
    "contact": "Sam Staff (staff@example.test)",
}


def test_markdown_is_rendered_and_anything_unsafe_removed():
    html = render_markdown(
        "# Title\n\n**bold** [ok](https://example.test) [bad](javascript:alert(1))\n\n"
        '<script>alert(1)</script><img src=x onerror="alert(1)"><p onclick="x()">para</p>\n\n'
        "| a | b |\n| - | - |\n| 1 | 2 |\n"
    )
    assert "<h1>Title</h1>" in html and "<strong>bold</strong>" in html
    assert 'href="https://example.test"' in html
    assert '<table class="table table-sm table-bordered">' in html
    for unsafe in ("<script", "javascript:", "onerror", "onclick", "<img"):
        assert unsafe not in html


def test_merge_fields_are_filled_with_escaped_values_and_missing_ones_flagged():
    text = "Join **{{ partnership }}** on {{ meeting_date }} at {{meeting_place}}. {{ unknown }}"
    html = fill_text(text, {"partnership": "<b>Tools & Dies</b>", "meeting_date": "May 5"})
    assert "<strong>&lt;b&gt;Tools &amp; Dies&lt;/b&gt;</strong>" in html
    assert "May 5" in html
    assert '<mark class="merge-field-missing">[meeting place]</mark>' in html
    assert "{{ unknown }}" in html  # not a merge field: left as written
    assert merge_fields_in(text) == ["partnership", "meeting_date", "meeting_place"]


@pytest.mark.django_db
def test_the_seeded_agenda_and_invitations_fill_every_field():
    for slug in (SeededResource.LAUNCH_AGENDA, SeededResource.EMPLOYER_INVITATION, SeededResource.PARTNER_INVITATION):
        resource = Resource.objects.get(slug=slug)
        assert resource.has_merge_fields
        html = fill_template(resource, CONTEXT)
        assert "{{" not in html and "merge-field-missing" not in html
        assert "Central Ohio Manufacturing Partnership" in html
        assert "One Columbus" in html


@pytest.mark.django_db
def test_has_merge_fields_follows_the_body():
    resource = ResourceFactory(body="Plain text.")
    assert not resource.has_merge_fields
    resource.body = "Dear {{ convener }}"
    resource.save(update_fields=["body"])
    resource.refresh_from_db()
    assert resource.has_merge_fields


@pytest.mark.parametrize(
    "value",
    ["javascript:alert(document.cookie)", " JavaScript:alert(1)", "data:text/html,x"],
)
def test_a_merge_field_value_filled_into_a_link_cannot_make_a_script_link(value):
    html = fill_text("[Join us]({{ meeting_place }}) or [write]({{ contact }})", {"meeting_place": value})
    assert "Join us" in html
    assert "javascript:" not in html.lower() and "data:" not in html
    assert "href" not in html.split(" or ")[0]  # the unsafe address is gone; the link's text stays
    assert '<mark class="merge-field-missing">' in html or "[contact]" in html


def test_filled_links_with_safe_addresses_still_work():
    html = fill_text("[Directions]({{ meeting_place }})", {"meeting_place": "https://example.test/room-101"})
    assert 'href="https://example.test/room-101"' in html and 'rel="noopener noreferrer"' in html
