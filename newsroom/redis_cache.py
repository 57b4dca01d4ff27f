"""Django's Redis cache, with one ``redis.Redis`` client per connection pool.

Django 5.2's ``RedisCacheClient.get_client()`` builds a new ``redis.Redis`` object for
every cache call; building one costs about as much as the round trip itself
(117 µs against 165 µs for a GET on this machine, see bench/README.md, Throughput),
and a page served from the page cache makes two or three calls. A client only
holds its pool and is safe to share between threads, so one per pool serves.
"""

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient as DjangoRedisCacheClient


class RedisCacheClient(DjangoRedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(pool)
        if client is None:
            client = self._clients[pool] = self._client(connection_pool=pool)
        return client


class RedisCache(DjangoRedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = RedisCacheClient
