from django.apps import AppConfig


class ReadsConfig(AppConfig):
    """Read counting ("article lu N fois", "Les plus lus"), an app of its own so that
    articles never imports it: pages get the counter through ``{% load reads %}``."""

    name = "reads"
    verbose_name = "Lectures"

    def ready(self):
        # Registers the deploy check on CLIENT_IP_HEADER, which the read counter needs
        # to tell readers apart behind a proxy (common/ is not an app: no ready() of its own).
        from common import http  # noqa: F401
