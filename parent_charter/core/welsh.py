"""Welsh grammar the catalogues cannot carry: mutations of words that arrive as variables.

A translator can mutate the words of a sentence, but not a value put into it, such as a day's
name after "ar" ("on"): "ar ddydd Llun", never "ar Dydd Llun". Code that fills such a slot
asks for the mutated form here. Only the soft mutation is needed so far.
"""

from django.utils.translation import get_language

# Longest first, so "ll" and "rh" are matched before "l" and "r" would be.
_SOFT = (
    ("ll", "l"),
    ("rh", "r"),
    ("c", "g"),
    ("p", "b"),
    ("t", "d"),
    ("g", ""),
    ("b", "f"),
    ("d", "dd"),
    ("m", "f"),
)


def soft_mutation(text: str) -> str:
    """The soft mutation of the first word: "Caerdydd" -> "Gaerdydd", "dydd" -> "ddydd".

    Capitals are kept ("Gaerdydd"), and lost only when "g" disappears ("Gwener" -> "Wener").
    """
    lower = text.lower()
    for radical, mutated in _SOFT:
        if lower.startswith(radical):
            rest = text[len(radical) :]
            if text[:1].isupper():
                if mutated:
                    return mutated[0].upper() + mutated[1:] + rest
                return rest[:1].upper() + rest[1:]
            return mutated + rest
    return text


def on_day(day_text: str, language: str | None = None) -> str:
    """A day as it follows "on" in the active language.

    In Welsh the translation says "ar", which softly mutates what follows, and the day's word
    "dydd" is written in lower case inside a sentence: "Dydd Llun 7 Rhagfyr" becomes
    "ddydd Llun 7 Rhagfyr". Other languages get the text unchanged.
    """
    language = (language or get_language() or "")[:2]
    if language != "cy":
        return day_text
    if day_text.startswith("Dydd "):
        day_text = "d" + day_text[1:]
    return soft_mutation(day_text)
