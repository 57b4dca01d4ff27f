"""French typography: narrow no-break spaces in prose, never inside markup or URLs."""

import pytest
from django.template import Context, Template

from newsroom.typography import french_typography

N = "\u202f"


@pytest.mark.parametrize(
    "source, expected",
    [
        ("Pourquoi ? Parce que !", f"Pourquoi{N}? Parce que{N}!"),
        ("Vraiment?", f"Vraiment{N}?"),
        ("Il a dit : non ; puis oui.", f"Il a dit{N}: non{N}; puis oui."),
        ("«Bonjour»", f"«{N}Bonjour{N}»"),
        ("« Bonjour »", f"«{N}Bonjour{N}»"),
        ("«\u00a0Bonjour\u00a0»", f"«{N}Bonjour{N}»"),
        ("Quoi&nbsp;?", f"Quoi{N}?"),
        ("Quoi ?!", f"Quoi{N}?!"),
        ("Rendez-vous à 10:30", "Rendez-vous à 10:30"),
        (f"Déjà{N}: fait", f"Déjà{N}: fait"),
    ],
)
def test_prose_gets_narrow_no_break_spaces(source, expected):
    assert french_typography(source) == expected


def test_attributes_are_untouched():
    html = '<a href="/recherche/?q=a:b&amp;c=d" title="Vraiment ? « oui »">Lien : ici</a>'
    assert french_typography(html) == (
        f'<a href="/recherche/?q=a:b&amp;c=d" title="Vraiment ? « oui »">Lien{N}: ici</a>'
    )


def test_urls_and_emails_in_text_are_untouched():
    text = "Voir https://example.org/page?x=1&y=2:3 ou mailto:redaction@example.org !"
    assert french_typography(text) == (f"Voir https://example.org/page?x=1&y=2:3 ou mailto:redaction@example.org{N}!")


def test_entities_are_untouched():
    assert french_typography("Tom &amp; Jerry ; fin") == f"Tom &amp; Jerry{N}; fin"
    assert french_typography("A&#39;B ?") == f"A&#39;B{N}?"


def test_code_and_comments_are_untouched():
    html = "<p>Tapez <code>a ? b : c</code> ici ?</p><!-- note : ok ? -->"
    assert french_typography(html) == f"<p>Tapez <code>a ? b : c</code> ici{N}?</p><!-- note : ok ? -->"


def test_tags_split_across_text_still_work():
    assert french_typography("<em>Pourquoi</em> ?") == f"<em>Pourquoi</em>{N}?"


def test_filter_escapes_plain_text_before_typesetting():
    rendered = Template("{% load french %}{{ value|typo }}").render(Context({"value": "<b>Oui</b> ?"}))
    assert rendered == f"&lt;b&gt;Oui&lt;/b&gt;{N}?"


def test_filter_keeps_safe_html():
    rendered = Template("{% load french %}{{ value|safe|typo }}").render(
        Context({"value": '<a href="https://x.org/?a=b">Oui ?</a>'})
    )
    assert rendered == f'<a href="https://x.org/?a=b">Oui{N}?</a>'


def test_result_is_memoised():
    french_typography.cache_clear()
    french_typography("Une phrase : mémorisée.")
    french_typography("Une phrase : mémorisée.")
    assert french_typography.cache_info().hits == 1


def test_number_filter_groups_thousands():
    rendered = Template("{% load french %}{{ n|number_fr }} · {{ bad|number_fr }}").render(
        Context({"n": 2239, "bad": "abc"})
    )
    assert rendered == f"2{N}239 · abc"


def test_date_filters_share_the_one_french_format():
    from datetime import datetime
    from zoneinfo import ZoneInfo

    value = datetime(2026, 12, 1, 1, 39, tzinfo=ZoneInfo("Europe/Paris"))
    rendered = Template("{% load french %}{{ value|date_fr_long }}").render(Context({"value": value}))
    assert rendered == "le 1er décembre 2026 à 1\u00a0h\u00a039"
