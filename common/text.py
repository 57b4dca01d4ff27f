"""What readers type, made comparable: one normalisation for every form that takes an
address or a name (reactions, newsletter), so that their limits and duplicate checks agree."""

import unicodedata


def visible_text(text: str) -> str:
    """What a reader typed, as it reads: NFKC, without Unicode format characters (Cf).

    Zero-width spaces, joiners, direction marks and soft hyphens are invisible: kept,
    they make "a@b.fr" and "a@b.fr" + U+200B two addresses (around the per-address
    limit and the duplicate check) and let a name made of nothing pass as filled.
    NFKC folds look-alike forms (full-width letters, ligatures) the same way.
    """
    text = unicodedata.normalize("NFKC", text)
    return "".join(char for char in text if unicodedata.category(char) != "Cf")


def normalise_email(email: str) -> str:
    """The address that limits and duplicates are keyed on."""
    return visible_text(email).strip().lower()
