"""Text normalisation for search and name comparison (pure Python).

Three keys, from strict to loose:

- ``fold(text)``: lower case (Cyrillic and Latin alike), diacritics removed,
  ё = е, й = и, Belarusian і = и and ў = у, every run of punctuation and
  spaces turned into one space. Words stay in their own script.
- ``translit(text)``: a Latin skeleton of ``fold(text)`` that Russian,
  Belarusian and Latin spellings of one name share: Беларуськалий,
  Беларуськалій and Belaruskali all give ``belaruskali``; Гомсельмаш and
  Gomselmash give ``gomselmas``; МТЗ and MTZ give ``mtz``. It is lossy on
  purpose (х, г and h meet; ш, щ and sh meet; о and а meet, as Belarusian
  writes them; doubled letters collapse).
- ``name_key(name)``: the skeleton of an organization name with its legal
  form and quotes set aside: ОАО «Гомсельмаш» == Гомсельмаш == Gomselmash.

``swap_layout(text)`` retypes text typed with the wrong keyboard layout
(ЙЦУКЕН <-> QWERTY): "ujvctkmvfi" -> "гомсельмаш".
"""

import re
import unicodedata
from functools import lru_cache

__all__ = ["fold", "translit", "fold_translit", "fold_column", "fold_translit_column", "translit_numbers",
           "name_keys", "name_key", "words", "swap_layout", "LEGAL_FORM_WORDS"]

# Letters that do not decompose into base + combining mark under NFKD.
_EXTRA = str.maketrans({
    "ł": "l", "đ": "d", "ø": "o", "ß": "ss", "æ": "ae", "œ": "oe", "ı": "i", "þ": "th",
    "і": "и", "ї": "и", "ґ": "г", "є": "е",  # Belarusian/Ukrainian letters onto Russian ones
    "’": "", "ʼ": "", "'": "", "`": "", "´": "",  # apostrophes join a word (Belarusian п'еса)
})

_NON_WORD = re.compile(r"[\W_]+", re.UNICODE)


# Fast path of fold: the letters of Russian, Belarusian and ASCII text map
# directly; anything else takes the full NFKD route (same result).
_FAST = (("ё", "е"), ("й", "и"), ("ў", "у"), ("і", "и"), ("№", "no"), ("'", ""), ("’", ""),
         ("ʼ", ""), ("`", ""))
_SLOW_CHARS = re.compile(r"[^\x00-\x7fа-я\u2000-\u206f«»]")


# Punctuation that str.replace turns into spaces at C speed before the one
# (rarely needed) regular-expression pass: most text then only needs split().
_PUNCT = tuple("_.,;:!?()[]{}\"«»-–—/\\@+#%&*<>=|~^$„“”…·•\u00a0")
_OTHER = re.compile(r"[^\w\s]")


def _spaced(low: str) -> str:
    """``low`` with every run of non-word characters turned into one space, stripped."""
    for ch in _PUNCT:
        if ch in low:
            low = low.replace(ch, " ")
    if "_" in low or _OTHER.search(low) is not None:
        return _NON_WORD.sub(" ", low).strip()
    return " ".join(low.split())


def fold(text: str | None) -> str:
    """Case- and accent-insensitive form of ``text``: words separated by one space."""
    if not text:
        return ""
    text = str(text)
    low = text.casefold()
    for old, new in _FAST:  # str.replace runs at C speed; translate() with a dict does not
        if old in low:
            low = low.replace(old, new)
    if _SLOW_CHARS.search(low) is None:
        return _spaced(low)
    text = unicodedata.normalize("NFKD", text).casefold()
    # Drop combining marks: й -> и, ё -> е, ў -> у, é -> e, š -> s.
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.translate(_EXTRA)
    return _NON_WORD.sub(" ", text).strip()


def words(text: str | None) -> list[str]:
    """The folded words of ``text``."""
    return fold(text).split()


_CYR_TO_LAT = str.maketrans({
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ж": "zh", "з": "z",
    "и": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya",
})

# Applied in order to Latin text (after Cyrillic was spelled in Latin), so that
# the usual transliteration variants meet: kh/h/g, sh/sch/š, ts/c, y/j/i, o/a...
_LATIN_RULES = (
    ("shch", "s"), ("sch", "s"), ("zh", "z"), ("kh", "g"), ("ch", "c"), ("sh", "s"),
    ("ts", "c"), ("ck", "k"), ("ph", "f"), ("th", "t"), ("w", "v"),
    ("x", "ks"), ("q", "k"), ("h", "g"), ("y", "i"), ("j", "i"),
    ("iu", "u"), ("ia", "a"), ("ie", "e"), ("io", "o"),
    ("o", "a"),  # Belarusian akanie: Гродно/Гродна, Борисов/Барысаў
)
_REPEAT = re.compile(r"(.)\1+")
_DOUBLES = tuple((ch + ch, ch) for ch in "abcdefghijklmnopqrstuvwxyz0123456789")


def _single(text: str) -> str:
    """``text`` with every run of one character (a line break aside) made one:
    Latin letters and digits by str.replace at C speed, the rare others by the
    regular expression (whose replacement runs in Python at each match)."""
    for double, single in _DOUBLES:
        while double in text:
            text = text.replace(double, single)
    return _REPEAT.sub(r"\1", text) if _REPEAT.search(text) is not None else text


# Belarusian дзеканне/цеканне: Віцебск/Витебск, Жодзіна/Жодино.
_SOFT_DZ = re.compile(r"dz(?=[eia])")
_SOFT_C = re.compile(r"c(?=[ei])")


def _skeleton_compute(word: str) -> str:
    word = word.translate(_CYR_TO_LAT)
    for old, new in _LATIN_RULES:
        if old in word:
            word = word.replace(old, new)
    word = _SOFT_C.sub("t", _SOFT_DZ.sub("d", word))
    return _single(word)


def _skeleton_many(words: list[str]) -> list[str]:
    """``_skeleton_compute`` of each word, on all of them at once: no rule
    reaches across a line break (``.`` stops at one)."""
    return _skeleton_compute("\n".join(words)).split("\n")


_WORD_CACHE_MAX = 500_000
_BREAK = "\x00"  # between texts folded together; fold() turns it into a space


class _WordCache(dict):
    """word -> value (``make(word)``), emptied when it grows too big (but
    for the ``fixed`` entries); map() over its __getitem__ runs at C speed
    for the words seen before. ``fill`` makes the values of many new words
    at once (``make_many``)."""

    def __init__(self, make, make_many, fixed: dict):
        super().__init__(fixed)
        self.make, self.make_many, self.fixed = make, make_many, fixed

    def _make_room(self, more: int) -> None:
        if len(self) + more > _WORD_CACHE_MAX:
            self.clear()
            self.update(self.fixed)

    def __missing__(self, word: str) -> str:
        self._make_room(1)
        value = self[word] = self.make(word)
        return value

    def fill(self, words: list[str]) -> None:
        missing = [w for w in set(words) if w not in self]
        if missing:
            self._make_room(len(missing))
            self.update(zip(missing, self.make_many(missing)))


_skeleton_cache = _WordCache(_skeleton_compute, _skeleton_many, {_BREAK: _BREAK})
_skeleton_word = _skeleton_cache.__getitem__


# Belarusian ў usually stands where Russian has в (Магілёў/Могилёв, Барысаў/Борисов).
_U_SHORT = str.maketrans({"ў": "в", "Ў": "В"})


def translit(text: str | None) -> str:
    """Latin skeleton of ``text`` shared by its Russian, Belarusian and Latin spellings."""
    return fold_translit(text)[1]


def fold_translit(text: str | None) -> tuple[str, str]:
    """``(fold(text), translit(text))``, folding once."""
    if not text:
        return "", ""
    text = str(text)
    folded = fold(text)
    ws = fold(text.translate(_U_SHORT)).split() if ("ў" in text or "Ў" in text) else folded.split()
    return folded, " ".join(map(_skeleton_word, ws))


# Legal forms, as folded words or phrases, in Russian, Belarusian and Latin.
LEGAL_FORM_WORDS = frozenset({
    "оао", "зао", "ооо", "одо", "уп", "чуп", "чтуп", "ип", "гу", "уз", "руп", "гп", "ао", "пао",
    "сооо", "иооо", "чп", "коуп", "куп", "гупп", "гуо", "уо", "нан",
    "аат", "зат", "таа", "адт", "ту", "дп",  # Belarusian
    "oao", "zao", "ooo", "odo", "up", "chup", "rup", "jsc", "ojsc", "cjsc", "pjsc", "llc",
    "ltd", "inc", "gmbh", "ag", "plc", "corp", "co", "sa", "srl", "bv", "oy", "ab", "llp",
})
_LEGAL_FORM_PHRASES = tuple(
    tuple(fold(p).split())
    for p in (
        "открытое акционерное общество", "закрытое акционерное общество",
        "публичное акционерное общество", "акционерное общество",
        "общество с ограниченной ответственностью", "общество с дополнительной ответственностью",
        "иностранное общество с ограниченной ответственностью",
        "совместное общество с ограниченной ответственностью",
        "республиканское унитарное предприятие", "частное унитарное предприятие",
        "частное торговое унитарное предприятие", "частное производственное унитарное предприятие",
        "коммунальное унитарное предприятие", "государственное предприятие",
        "научно производственное унитарное предприятие", "унитарное предприятие",
        "адкрытае акцыянернае таварыства", "закрытае акцыянернае таварыства",
        "таварыства з абмежаванай адказнасцю", "унітарнае прадпрыемства",
        "open joint stock company", "closed joint stock company", "joint stock company",
        "limited liability company", "unitary enterprise", "private unitary enterprise",
    )
)


_PHRASE_STARTS = frozenset(p[0] for p in _LEGAL_FORM_PHRASES)


_LEGAL_ANY = LEGAL_FORM_WORDS | _PHRASE_STARTS


def _strip_legal_form(ws: list[str]) -> list[str]:
    if _LEGAL_ANY.isdisjoint(ws):
        return ws
    if _PHRASE_STARTS.isdisjoint(ws):
        return [w for w in ws if w not in LEGAL_FORM_WORDS]
    out: list[str] = []
    i = 0
    while i < len(ws):
        for phrase in _LEGAL_FORM_PHRASES if ws[i] in _PHRASE_STARTS else ():
            if tuple(ws[i:i + len(phrase)]) == phrase:
                i += len(phrase)
                break
        else:
            if ws[i] not in LEGAL_FORM_WORDS:
                out.append(ws[i])
            i += 1
    return out


@lru_cache(maxsize=100_000)
def name_key(name: str | None) -> str:
    """Comparable key of an organization name: legal form and quotes set aside,
    cross-script (ОАО «Гомсельмаш» == Гомсельмаш == Gomselmash)."""
    ws = words(str(name).translate(_U_SHORT) if name else name)
    kept = _strip_legal_form(ws) or ws  # a name that is only a legal form keeps it
    return " ".join(_skeleton_word(w) for w in kept)


# The column functions work a word at a time, with caches: fold() changes
# each character on its own and splits at spaces, so a text's fold is the
# folds of its space-separated words joined, and most words of a catalog
# repeat. A whole column of texts goes through at once, joined by a break
# word that the caches keep as it is; the words not seen before are folded
# together.
def _word_table(u: str) -> dict:
    """fold()'s character changes as one table (``u``: what ў becomes)."""
    table = {ord(ch): " " for ch in _PUNCT}
    table.update({ord(old): new for old, new in _FAST})
    table[ord("ў")] = u
    return table


_WORD_TABLE = _word_table("у")
_WORD_TABLE_SHORT = _word_table("в")  # ў as the skeleton reads it


def _word_fold(word: str, table: dict, u_short: bool) -> str:
    low = word.casefold().translate(table)
    bare = low.replace(" ", "")
    if not bare:
        return ""
    if bare.isalnum() and _SLOW_CHARS.search(bare) is None:  # Russian, Belarusian, ASCII
        return " ".join(low.split())
    return fold(word.translate(_U_SHORT) if u_short else word)


_UNUSUAL = re.compile(_SLOW_CHARS.pattern + r"|[^\w\s]")


def _fold_many(words: list[str], u_short: bool) -> list[str]:
    """``_word_fold`` of each word: the changes made to all of them joined
    (words hold no line break), then words with letters or signs beyond
    Russian, Belarusian and ASCII again one at a time."""
    low = "\n".join(words).casefold()
    if u_short and "ў" in low:
        low = low.replace("ў", "в")
    for old, new in _FAST:
        if old in low:
            low = low.replace(old, new)
    for ch in _PUNCT:
        if ch in low:
            low = low.replace(ch, " ")
    folded = [" ".join(part.split()) for part in low.split("\n")]
    table = _WORD_TABLE_SHORT if u_short else _WORD_TABLE
    index, counted_to, done = 0, 0, -1
    for match in _UNUSUAL.finditer(low):
        index += low.count("\n", counted_to, match.start())  # the word it is in
        counted_to = match.start()
        if index != done:
            done = index
            folded[index] = _word_fold(words[index], table, u_short)
    return folded


def _translit_many(words: list[str]) -> list[str]:
    _short_cache.fill(words)
    shorts = [_short_word(w).split() for w in words]
    _skeleton_cache.fill([part for parts in shorts for part in parts])
    return [" ".join(map(_skeleton_word, parts)) for parts in shorts]


# fold() of a word; the same with ў as в (the skeleton's reading); translit() of a word.
_KEEP_BREAK = {_BREAK: _BREAK}
_fold_cache = _WordCache(lambda w: _word_fold(w, _WORD_TABLE, False),
                         lambda words: _fold_many(words, False), _KEEP_BREAK)
_short_cache = _WordCache(lambda w: _word_fold(w, _WORD_TABLE_SHORT, True),
                          lambda words: _fold_many(words, True), _KEEP_BREAK)
_translit_cache = _WordCache(lambda w: " ".join(map(_skeleton_word, _short_word(w).split())),
                             _translit_many, _KEEP_BREAK)
_short_word = _short_cache.__getitem__


def _column(cache: _WordCache, texts: list[str | None]) -> list[str]:
    """The values of each text's words, joined: a column's texts at once."""
    if not texts:
        return []
    joined = f" {_BREAK} ".join([t or "" for t in texts])
    if joined.count(_BREAK) != len(texts) - 1:  # a text holds the break: fold() spaces it
        joined = f" {_BREAK} ".join([(t or "").replace(_BREAK, " ") for t in texts])
    words = joined.split()
    cache.fill(words)
    out = " ".join(filter(None, map(cache.__getitem__, words)))
    return [piece.strip() for piece in out.split(_BREAK)]


def fold_column(texts: list[str | None]) -> list[str]:
    """``fold`` of each text."""
    return _column(_fold_cache, texts)


def translit_numbers(numbers: list[str]) -> list[str]:
    """``translit`` of each string of ASCII digits (or empty string)."""
    return _single("\n".join(numbers)).split("\n")


def fold_translit_column(texts: list[str | None]) -> tuple[list[str], list[str]]:
    """``fold`` and ``translit`` of each text."""
    return _column(_fold_cache, texts), _column(_translit_cache, texts)


def name_keys(names: list[str]) -> list[str]:
    """``name_key`` of each name, without its cache (names seldom repeat)."""
    kept = []
    for short in _column(_short_cache, names):
        ws = short.split()
        kept.append(_strip_legal_form(ws) or ws)
    _skeleton_cache.fill([w for ws in kept for w in ws])
    return [" ".join(map(_skeleton_word, ws)) for ws in kept]


# Keyboard layouts: the key a letter sits on in ЙЦУКЕН and in QWERTY (US).
_RU_KEYS = "ёйцукенгшщзхъфывапролджэячсмитьбю"
_EN_KEYS = "`qwertyuiop[]asdfghjkl;'zxcvbnm,."
_TO_RU = str.maketrans(
    {**{e.upper(): r.upper() for e, r in zip(_EN_KEYS, _RU_KEYS) if e.isalpha()},
     **dict(zip(_EN_KEYS, _RU_KEYS))}
)
_TO_EN = str.maketrans(
    {**{r.upper(): e.upper() for e, r in zip(_EN_KEYS, _RU_KEYS) if e.isalpha()},
     **dict(zip(_RU_KEYS, _EN_KEYS))}
)
_LATIN_KEYS = set(_EN_KEYS)
_CYR_KEYS = set(_RU_KEYS) | {"і", "ў"}


def swap_layout(text: str) -> str | None:
    """``text`` as if typed in the other keyboard layout, or None when ``text``
    mixes scripts or holds no letter of either layout."""
    low = text.lower()
    letters = [ch for ch in low if ch.isalpha() or ch in "[];',.`"]
    if not letters:
        return None
    if all(ch in _LATIN_KEYS for ch in letters):
        return text.translate(_TO_RU)
    if all(ch in _CYR_KEYS for ch in letters):
        # Belarusian і sits on the Russian и key (s), ў on щ (o).
        return text.replace("і", "ы").replace("І", "Ы").replace("ў", "щ").replace("Ў", "Щ").translate(_TO_EN)
    return None
