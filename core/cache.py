"""The cache backend: Django's Redis cache, with one Redis client per connection pool instead of one per command.

Django's Redis cache builds a new `redis.Redis` client object for every get and set (the connection pool behind it
is shared). Building one registers a thousand response callbacks, which cost more than the command itself on a
fast local Redis; the public API makes three cache calls per request. A client is safe to share between threads,
and Django makes one cache backend per thread anyway.
"""

from django.core.cache.backends.redis import RedisCache, RedisCacheClient


class ReusedClientRedisCacheClient(RedisCacheClient):
    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        clients = self.__dict__.setdefault("_clients", {})
        client = clients.get(id(pool))
        if client is None:
            client = clients[id(pool)] = self._client(connection_pool=pool)
        return client


class PortalRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusedClientRedisCacheClient

    def incr_in_window(self, key, seconds):
        """Add one to the counter `key` and return its new value, in one round trip: the counter starts at 1 and
        expires `seconds` after its first increment (Django's `incr` costs two round trips and refuses a missing
        key)."""
        key = self.make_and_validate_key(key)
        pipeline = self._cache.get_client(key, write=True).pipeline(transaction=False)
        pipeline.incr(key)
        pipeline.expire(key, seconds, nx=True)
        count, _ = pipeline.execute()
        return count
