"""ElastiCache DeleteCacheSubnetGroup, as in AWS (moto 5.2.1 lacks it, so every destroy hangs on
the provider's retries): the group goes; an unknown name is CacheSubnetGroupNotFoundFault; a group a
cache cluster still uses is CacheSubnetGroupInUse.
"""

from moto.core.responses import EmptyResult
from moto.elasticache.exceptions import CacheSubnetGroupNotFound, ElastiCacheException
from moto.elasticache.responses import ElastiCacheResponse


class CacheSubnetGroupInUse(ElastiCacheException):
    code = "CacheSubnetGroupInUse"

    def __init__(self, name: str):
        super().__init__(f"Cache subnet group {name} is currently in use by a cache cluster.")


def delete_cache_subnet_group(self: ElastiCacheResponse) -> EmptyResult:
    backend = self.elasticache_backend
    name = self._get_param("CacheSubnetGroupName")
    if name not in backend.cache_subnet_groups:
        raise CacheSubnetGroupNotFound(name)
    if any(cluster.cache_subnet_group_name == name for cluster in backend.cache_clusters.values()):
        raise CacheSubnetGroupInUse(name)
    del backend.cache_subnet_groups[name]
    return EmptyResult()


def install() -> None:
    ElastiCacheResponse.delete_cache_subnet_group = delete_cache_subnet_group
