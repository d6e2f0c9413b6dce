"""Translated labels for the core's codes and column names."""

from PySide6.QtCore import QCoreApplication

from ..core import vocab

_VOCABS = {
    "role": vocab.ORG_ROLES,
    "status": vocab.PROJECT_STATUSES,
    "programme_kind": vocab.PROGRAMME_KINDS,
    "participant_role": vocab.PARTICIPANT_ROLES,
    "relation": vocab.RELATION_KINDS,
    "pilot_stage": vocab.PILOT_STAGES,
    "size_band": vocab.SIZE_BANDS,
}


def tr(text: str, context: str = "belcat", n: int = -1) -> str:
    """Translate ``text``; with ``n``, "%n" is replaced and plural forms apply."""
    return QCoreApplication.translate(context, text, None, n)


def code_label(vocabulary: str, code: str | None) -> str:
    return tr(vocab.label(_VOCABS[vocabulary], code), "vocab") if code else ""


def codes_label(vocabulary: str, joined: str | None) -> str:
    """Labels for comma-joined codes, e.g. the roles column."""
    if not joined:
        return ""
    return ", ".join(code_label(vocabulary, c) for c in joined.split(","))


def count_text(n: int) -> str:
    """A count with thin spaces between thousands (12 345), as Russian and
    Belarusian write it and unambiguous in English."""
    return f"{n:,}".replace(",", "\u202f")
