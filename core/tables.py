"""A faster django-tables2: each render function's signature is read once, not once per cell.

django-tables2 calls every cell's render function through `utils.call_with_appropriate`, which runs
`inspect.signature` on the function each time to learn which arguments it takes. On a staff list of 25 rows and
9 columns that is 225 readings of the same few signatures per page, a fifth of the page's time at scale
(docs/performance.md). `install()`, run when the core app is ready, puts a memoised `utils.signature` in place:
the same answer, read once per function (bound methods share their function's entry).
"""

import functools

from django_tables2 import utils

_read_signature = utils.signature


@functools.lru_cache(maxsize=4096)
def _remembered(function):
    return _read_signature(function)


def signature(fn):
    """What `django_tables2.utils.signature` answers for `fn`, remembered per function."""
    function = getattr(fn, "__func__", None)
    try:
        if function is None:
            return _remembered(fn)
        args, keywords = _remembered(function)
    except TypeError:  # an unhashable callable: read it every time, as django-tables2 does
        return _read_signature(fn)
    return args[1:], keywords  # a bound method: without the argument it is bound to


def install():
    utils.signature = signature
