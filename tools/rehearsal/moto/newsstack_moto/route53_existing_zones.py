"""Hosted zones that exist before any stack is applied, with the ids the configuration names.

A production environment points its records at a public hosted zone created outside Terraform (the
domain's registrar delegation), by id (`domain.hostedZoneId` in environments/). In AWS that zone is
there before the first apply; in a fresh moto it is not, and moto only hands out random zone ids.
`NEWSSTACK_MOTO_HOSTED_ZONES="Z0EXAMPLE=news.example.com,..."` makes each listed zone exist, with that
id, in every account's Route 53 backend as soon as the backend is created (also after a reset).
"""

from moto.route53.models import HostedZoneIdentifier, Route53Backend
from moto.utilities.id_generator import moto_id_manager

from .env_pairs import pairs_from_env

ENV = "NEWSSTACK_MOTO_HOSTED_ZONES"


_original_init = Route53Backend.__init__


def _init(self: Route53Backend, region_name: str, account_id: str) -> None:
    _original_init(self, region_name, account_id)
    for zone_id, name in pairs_from_env(ENV).items():
        if zone_id in self.zones:
            continue
        name = name if name.endswith(".") else f"{name}."  # as CreateHostedZone stores it
        identifier = HostedZoneIdentifier(account_id, name, None)
        moto_id_manager.set_custom_id(identifier, zone_id)
        try:
            self.create_hosted_zone(name, private_zone=False, caller_reference=f"newsstack-existing-{zone_id}", comment="exists before the stacks (NEWSSTACK_MOTO_HOSTED_ZONES)")
        finally:
            moto_id_manager.unset_custom_id(identifier)


def install() -> None:
    Route53Backend.__init__ = _init
