"""The employer's page gives one date by which training must finish: the round's training window, the same in the
awards table and in what is due next (before, the table's "Train by" showed the line's planned end instead)."""

import datetime
import re

import pytest
from django.urls import reverse

from credentials.tests.factories import awarded_application

pytestmark = pytest.mark.django_db


def test_the_awards_table_and_the_next_steps_give_the_same_training_deadline(client, people):
    application, award = awarded_application(people.employer.organization)
    line = award.line
    deadline = application.round.training_ends_by
    line.training_end = deadline - datetime.timedelta(days=120)
    line.save()
    assert line.must_finish_by == deadline

    client.force_login(people.employer)
    page = " ".join(
        re.sub(r"<[^>]+>", " ", client.get(reverse("credentials:employer_dashboard")).content.decode()).split()
    )
    stated = f"{deadline:%B} {deadline.day}, {deadline.year}"
    planned = f"{line.training_end:%B} {line.training_end.day}, {line.training_end.year}"
    assert f"training must finish by {stated}" in page
    awards = page[page.index("My awards") : page.index("My claims")]
    assert "Training must finish by" in awards and stated in awards
    # The plan is shown as a plan, never as the deadline.
    assert "Train by" not in awards
    assert "Planned to finish" in awards and planned in awards
