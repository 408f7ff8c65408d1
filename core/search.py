"""Typo-tolerant name search shared by the apps' querysets (organisations, partnerships): the condition "the field
contains what was typed, or holds words like it" that `OrganizationQuerySet.matching`/`search` and
`SectorPartnershipQuerySet.search`/`matching` filter by. The credential catalog has its own full-text search
(credentials.models.CredentialQuerySet.search)."""

from django.db.models import Q

# Word similarity needed for a word to count as a typo-tolerant match (pg_trgm's default is 0.6, which misses a
# single swapped pair of letters in an eight-letter word such as "secuirty"). Set on every new connection.
WORD_SIMILARITY_THRESHOLD = 0.5

# Below four letters a trigram match finds little more than the contains test, and much noise.
FUZZY_FROM_LENGTH = 4


def contains_or_similar(field, text):
    """`field` contains `text` (any case), or, once `text` has four letters, holds words similar to it: trigram word
    similarity above pg_trgm.word_similarity_threshold (WORD_SIMILARITY_THRESHOLD, set on every connection), so
    one wrong, missing or swapped letter in a word still finds the name. A `gin_trgm_ops` index on the field serves
    both tests."""
    contains = Q(**{f"{field}__icontains": text})
    if len(text.strip()) < FUZZY_FROM_LENGTH:
        return contains
    return contains | Q(**{f"{field}__trigram_word_similar": text})


def set_trigram_threshold(sender, connection, **kwargs):
    """connection_created receiver (core/apps.py): every connection compares words with the portal's threshold."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET pg_trgm.word_similarity_threshold = %s", [WORD_SIMILARITY_THRESHOLD])
