from django.apps import AppConfig


class ReadsConfig(AppConfig):
    """Read counting ("article lu N fois", "Les plus lus"), an app of its own so that
    articles never imports it: pages get the counter through ``{% load reads %}``."""

    name = "reads"
    verbose_name = "Lectures"
