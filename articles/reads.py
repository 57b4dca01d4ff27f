"""Read counting ("article lu N fois"): filled by the reads issue.

Contracts used by other parts:
- ``displayed_reads(article) -> int``: the figure shown to readers (database + pending buffer).
- ``reads_chart_svg(article) -> str``: the admin's daily curve, server-side SVG (safe HTML).
"""


def displayed_reads(article) -> int:
    return article.reads


def reads_chart_svg(article) -> str:
    return ""
