"""The funding round list as years of rounds pile up: open and upcoming rounds by default, closed rounds in an
archive behind a "Closed" filter, a page at a time, and the same number of queries with 3 rounds or 30."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from core.testing.queries import nothing_remembered
from credentials.models import FundingRound
from credentials.tests.factories import ApplicationFactory, ClosedRoundFactory, OpenRoundFactory

pytestmark = pytest.mark.django_db
ROUNDS = reverse("credentials:round_list")


def upcoming_round(**kwargs):
    start = timezone.now() + datetime.timedelta(days=30)
    return OpenRoundFactory(opens_at=start, closes_at=start + datetime.timedelta(days=30), **kwargs)


def names(response):
    return {r.name for r in response.context["rounds"]}


def test_queryset_separates_open_upcoming_and_closed_rounds():
    open_, upcoming, closed = OpenRoundFactory(), upcoming_round(), ClosedRoundFactory()
    assert list(FundingRound.objects.open()) == [open_]
    assert list(FundingRound.objects.upcoming()) == [upcoming]
    assert list(FundingRound.objects.closed()) == [closed]
    assert set(FundingRound.objects.current()) == {open_, upcoming}


@pytest.mark.parametrize("who", ["staff", "employer"])
def test_default_view_shows_open_and_upcoming_and_archives_closed(client, people, who):
    OpenRoundFactory(name="Open now")
    upcoming_round(name="Next spring")
    ClosedRoundFactory(name="Long gone")
    client.force_login(getattr(people, who))
    assert names(client.get(ROUNDS)) == {"Open now", "Next spring"}
    assert names(client.get(ROUNDS, {"status": "closed"})) == {"Long gone"}
    assert names(client.get(ROUNDS, {"status": "open"})) == {"Open now"}
    assert names(client.get(ROUNDS, {"status": "upcoming"})) == {"Next spring"}
    response = client.get(ROUNDS, {"status": "no-such-status"})
    assert response.status_code == 200
    assert names(response) == {"Open now", "Next spring"}
    assert "Closed" in response.content.decode()


def test_archive_is_paginated_newest_first(client, people):
    now = timezone.now()
    for days in range(1, 46):
        ClosedRoundFactory(
            name=f"Round {days:02}",
            opens_at=now - datetime.timedelta(days=days + 30),
            closes_at=now - datetime.timedelta(days=days),
        )
    client.force_login(people.staff)
    first = client.get(ROUNDS, {"status": "closed"})
    assert len(first.context["rounds"]) == 20
    assert first.context["rounds"][0].name == "Round 01"
    assert first.context["page_obj"].paginator.num_pages == 3
    assert "page=2" in first.content.decode()
    last = client.get(ROUNDS, {"status": "closed", "page": "3"})
    assert [r.name for r in last.context["rounds"]] == [f"Round {d}" for d in range(41, 46)]
    for bad in ("0", "-1", "x", "9" * 30):
        assert client.get(ROUNDS, {"status": "closed", "page": bad}).status_code == 200
    # PostgreSQL text cannot hold NUL, so core.middleware answers any query string with one 400 before a view runs.
    assert client.get(ROUNDS, {"status": "closed", "page": "\x00"}).status_code == 400


@pytest.mark.parametrize("status, factory", [("current", OpenRoundFactory), ("closed", ClosedRoundFactory)])
@pytest.mark.parametrize("who", ["staff", "employer"])
def test_round_list_queries_do_not_grow_with_rounds(
    client, people, django_assert_max_num_queries, who, status, factory
):
    user = getattr(people, who)
    client.force_login(user)

    def make(n):
        for _ in range(n):
            round = factory()
            if user.organization_id:
                ApplicationFactory(round=round, organization=user.organization)

    counts = []
    for total in (3, 30):
        make(total - FundingRound.objects.count())
        with nothing_remembered(), django_assert_max_num_queries(12) as captured:
            assert client.get(ROUNDS, {"status": status}).status_code == 200
        counts.append(len(captured))
    assert counts[0] == counts[1], counts
