"""ACM certificates that exist before any stack is applied, with the ARNs the configuration names.

An environment whose DNS is managed elsewhere brings its own certificate (`domain.certificateArn` in
environments/: requested or imported outside Terraform) and its HTTPS listener names it by ARN. In AWS
that certificate is there, issued, before the first apply; in a fresh moto it is not (CreateListener
answers CertificateNotFound and the provider retries until it times out), and moto only hands out
random ARNs. `NEWSSTACK_MOTO_CERTIFICATES="arn:aws:acm:…=api.example.com,..."` makes each listed
certificate exist, issued for that name, in its account's and region's ACM backend as soon as the
backend is created (also after a reset).
"""

import os

from moto.acm.models import AWSCertificateManagerBackend, CertBundle

ENV = "NEWSSTACK_MOTO_CERTIFICATES"


def existing_certificates(value: str | None) -> dict[str, str]:
    """`arn=domain,...` → {arn: domain} (the ARN holds no "=")."""
    certificates = {}
    for item in (value or "").split(","):
        if "=" in item:
            arn, domain = item.split("=", 1)
            certificates[arn.strip()] = domain.strip()
    return certificates


_original_init = AWSCertificateManagerBackend.__init__


def _init(self: AWSCertificateManagerBackend, region_name: str, account_id: str) -> None:
    _original_init(self, region_name, account_id)
    for arn, domain in existing_certificates(os.environ.get(ENV)).items():
        parts = arn.split(":")  # arn:aws:acm:<region>:<account>:certificate/<id>
        if len(parts) < 6 or parts[3] != region_name or parts[4] != account_id or arn in self._certificates:
            continue
        bundle = CertBundle.generate_cert(domain, account_id=account_id, region=region_name)
        bundle.arn = arn
        bundle.status = "ISSUED"  # validated outside the stacks
        self._certificates[arn] = bundle


def install() -> None:
    AWSCertificateManagerBackend.__init__ = _init
