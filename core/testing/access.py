"""The permission-matrix helper: one URL, every kind of user, the status each must get."""

from dataclasses import dataclass, field


@dataclass
class People:
    """The kinds of user every permission matrix walks. `anonymous` is None."""

    admin: object
    staff: object
    employer: object
    other_employer: object
    provider: object
    anonymous: object = None
    extra: dict = field(default_factory=dict)

    def get(self, who):
        return self.extra[who] if who in self.extra else getattr(self, who)


def assert_access(client, url, expected, people, *, method="get", data=None):
    """Request `url` as each user named in `expected` and check the status code each gets.

    `expected` maps a kind of user ("anonymous", "staff", "employer", "other_employer", "provider", "admin", or a
    key of `people.extra`) to the status that user must see. Every mismatch is reported together.
    """
    failures = []
    for who, status in expected.items():
        client.logout()
        user = people.get(who)
        if user is not None:
            client.force_login(user)
        response = getattr(client, method)(url, data or {})
        if response.status_code != status:
            failures.append(f"  {who}: expected {status}, got {response.status_code}")
    client.logout()
    assert not failures, f"{method.upper()} {url}\n" + "\n".join(failures)
