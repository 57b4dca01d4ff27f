"""The demo newspaper "Le Courrier des Alpes", loaded by ``manage.py demo_content``.

- ``texts``: the hand-written articles, accounts, sections and the phrase banks;
- ``photos``: landscapes painted with Pillow, stored through ``default_storage``;
- ``site``: the idempotent loader of the demo site (``demo_load``);
- ``bulk``: fast bulk articles and reactions for the scale benchmarks.

Only the ``demo_content`` command (and benchmark scripts) import this package: no app
depends on the demo, so it can change without touching the site's code.
"""
