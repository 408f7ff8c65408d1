"""The common words' precomputed rankings are gone: a search ranks its own matches, and the search page remembers
each search's ranked ids until the catalog changes (core.pagination.RememberedSearchPaginator)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("credentials", "0011_funding_round_scoring_weights"),
    ]

    operations = [
        migrations.DeleteModel(name="CommonWordMatch"),
        migrations.DeleteModel(name="CommonWord"),
    ]
