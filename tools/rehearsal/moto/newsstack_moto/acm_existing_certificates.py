"""ACM certificates that exist before any stack is applied, with the ARNs the configuration names.

An environment whose DNS is managed elsewhere brings its own certificate (`domain.certificateArn` in
environments/: requested or imported outside Terraform) and its HTTPS listener names it by ARN. In AWS
that certificate is there, issued, before the first apply; in a fresh moto it is not (CreateListener
answers CertificateNotFound and the provider retries until it times out), and moto only hands out
random ARNs. `NEWSSTACK_MOTO_CERTIFICATES="arn:aws:acm:…=api.example.com,..."` makes each listed
certificate exist, issued for that name, in its account's and region's ACM backend as soon as the
backend is created (also after a reset).
"""

from moto.acm.models import AWSCertificateManagerBackend, CertBundle

from .env_pairs import pairs_from_env

ENV = "NEWSSTACK_MOTO_CERTIFICATES"


_original_init = AWSCertificateManagerBackend.__init__


def _init(self: AWSCertificateManagerBackend, region_name: str, account_id: str) -> None:
    _original_init(self, region_name, account_id)
    for arn, domain in pairs_from_env(ENV).items():
        parts = arn.split(":")  # arn:aws:acm:<region>:<account>:certificate/<id>
        if len(parts) < 6 or parts[3] != region_name or parts[4] != account_id or arn in self._certificates:
            continue
        bundle = CertBundle.generate_cert(domain, account_id=account_id, region=region_name)
        bundle.arn = arn
        bundle.status = "ISSUED"  # validated outside the stacks
        self._certificates[arn] = bundle


def install() -> None:
    AWSCertificateManagerBackend.__init__ = _init
