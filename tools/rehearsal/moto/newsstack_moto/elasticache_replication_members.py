"""ElastiCache replication groups (cluster mode disabled) that create and delete their member clusters.

AWS creates one cache cluster per node, `<group>-001` (primary) to `<group>-00N`, N = NumCacheClusters
(or ReplicasPerNodeGroup + 1), each readable with DescribeCacheClusters and carrying the group's node
type, engine, parameter group, subnet group, security groups and encryption settings. Deleting the group
deletes its members and the group disappears (moto 5.2.1 keeps it "deleting" for ever and creates no
member clusters at all, and ignores NumCacheClusters beyond the primary).
"""

from typing import Any

from moto.elasticache.models import CacheCluster, ElastiCacheBackend, ReplicationGroup

_original_create = ElastiCacheBackend.create_replication_group
_original_delete = ElastiCacheBackend.delete_replication_group


def _member_count(num_cache_clusters: int | None, replicas_per_node_group: int | None) -> int:
    if num_cache_clusters:
        return num_cache_clusters
    return (replicas_per_node_group or 0) + 1


def _add_missing_replicas(group: ReplicationGroup, count: int, azs: list[str]) -> None:
    node_group = group.node_groups[0]
    domain = node_group["primary_endpoint_address"].removeprefix("master.")
    for index in range(len(group.member_clusters), count):
        cluster_id = f"{group.replication_group_id}-{index + 1:0>3}"
        node_group["node_group_members"].append(
            {
                "cache_cluster_id": cluster_id,
                "cache_node_id": node_group["node_group_id"],
                "read_endpoint": {"address": f"{cluster_id}.{domain}", "port": group.port},
                "preferred_availability_zone": azs[index] if index < len(azs) else "us-east-1b",
                "current_role": "replica",
            }
        )
        group.member_clusters.append(cluster_id)


def _member_cluster(backend: ElastiCacheBackend, group: ReplicationGroup, member: dict[str, Any], kwargs: dict[str, Any]) -> CacheCluster:
    cluster = CacheCluster(
        account_id=backend.account_id,
        region_name=backend.region_name,
        cache_cluster_id=member["cache_cluster_id"],
        cache_node_type=group.cache_node_type,
        replication_group_id=group.replication_group_id,
        az_mode="single-az",
        preferred_availability_zone=member["preferred_availability_zone"],
        num_cache_nodes=1,
        engine=group.engine,
        engine_version=kwargs.get("engine_version"),
        cache_parameter_group_name=kwargs.get("cache_parameter_group_name"),
        cache_subnet_group_name=kwargs.get("cache_subnet_group_name"),
        transit_encryption_enabled=group.transit_encryption_enabled,
        network_type=group.network_type,
        ip_discovery=group.ip_discovery,
        snapshot_name=None,
        preferred_maintenance_window=kwargs.get("preferred_maintenance_window"),
        port=group.port,
        notification_topic_arn=kwargs.get("notification_topic_arn"),
        auto_minor_version_upgrade=kwargs.get("auto_minor_version_upgrade"),
        snapshot_retention_limit=group.snapshot_retention_limit,
        snapshot_window=group.snapshot_window,
        auth_token=kwargs.get("auth_token"),
        outpost_mode=None,
        preferred_outpost_arn=None,
        preferred_availability_zones=None,
        cache_security_group_names=None,
        security_group_ids=kwargs.get("security_group_ids"),
        tags=None,
        snapshot_arns=None,
        preferred_outpost_arns=None,
        log_delivery_configurations=[],
        cache_node_ids_to_remove=None,
        cache_node_ids_to_reboot=None,
    )
    # Fields DescribeCacheClusters returns for a member that moto's CacheCluster does not model.
    cluster.at_rest_encryption_enabled = group.at_rest_encryption_enabled
    cluster.transit_encryption_mode = group.transit_encryption_mode
    cluster.cache_parameter_group = {
        "CacheParameterGroupName": kwargs.get("cache_parameter_group_name") or f"default.{group.engine}7",
        "ParameterApplyStatus": "in-sync",
    }
    cluster.security_groups = [{"SecurityGroupId": sg, "Status": "active"} for sg in kwargs.get("security_group_ids") or []]
    return cluster


def create_replication_group(self: ElastiCacheBackend, **kwargs: Any) -> ReplicationGroup:
    group = _original_create(self, **kwargs)
    if group.cluster_mode != "enabled":
        count = _member_count(kwargs.get("num_cache_clusters"), kwargs.get("replicas_per_node_group"))
        _add_missing_replicas(group, count, kwargs.get("preferred_cache_cluster_azs") or [])
        for member in group.node_groups[0]["node_group_members"]:
            self.cache_clusters[member["cache_cluster_id"]] = _member_cluster(self, group, member, kwargs)
    return group


def delete_replication_group(self: ElastiCacheBackend, replication_group_id: str, retain_primary_cluster: bool | None) -> ReplicationGroup:
    members = list(self.replication_groups[replication_group_id].member_clusters) if replication_group_id in self.replication_groups else []
    group = _original_delete(self, replication_group_id, retain_primary_cluster)
    # AWS finishes the deletion; describing the group afterwards is ReplicationGroupNotFoundFault.
    del self.replication_groups[replication_group_id]
    for cluster_id in members:
        if not (retain_primary_cluster and cluster_id == group.primary_cluster_id):
            self.cache_clusters.pop(cluster_id, None)
    return group


def install() -> None:
    ElastiCacheBackend.create_replication_group = create_replication_group
    ElastiCacheBackend.delete_replication_group = delete_replication_group
