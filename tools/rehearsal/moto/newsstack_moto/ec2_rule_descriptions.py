"""Security-group rules that reference another group keep their description, as in AWS.

moto 5.2.1 reads a rule's description only from its CIDR range, so DescribeSecurityGroupRules drops
the description of a rule whose peer is a security group or prefix list, and every plan re-adds it.
"""

from moto.ec2.models.security_groups import SecurityGroupRule


def description(self: SecurityGroupRule) -> str | None:
    return self.ip_range.get("Description") or (self.source_group or {}).get("Description")


def install() -> None:
    SecurityGroupRule.description = property(description)
