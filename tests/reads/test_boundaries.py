"""The arrow between the apps: reads imports articles, articles never imports reads."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def imported_modules(folder):
    for path in (ROOT / folder).rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
            if isinstance(node, ast.Import):
                yield from ((path, alias.name) for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                yield path, node.module


def test_articles_never_imports_reads():
    offenders = [(str(path), name) for path, name in imported_modules("articles") if name.split(".")[0] == "reads"]
    assert offenders == []


def test_reads_is_found_by_the_walk():
    """The check above looks at real imports: the reads app's own ones are seen."""
    assert any(name == "articles.models" for _path, name in imported_modules("reads"))
