"""How a short text answer is compared with its accepted answers: word by word, forgiving
another form of a word (en, ru) and one typo, never for a number or a name.

Both sides are read into words: Unicode NFKC, case folded, ё as е, punctuation around words
dropped; with `ignore_diacritics`, accents and tone marks dropped too (đ as d). A learner's word
matches an accepted word:
- exactly;
- as another form of it (`forms`), for an accepted word of four letters or more: the same
  Snowball stem in the accepted answer's language (Vietnamese does not inflect), and the words
  differ only in an ending: in English an inflection (-s, -es, -ies, -'s, -ed, -ing), in Russian
  a case ending (at most three letters after the stem, or after the letters both words share,
  then two on the accepted word), so that "libraries" and
  «библиотекой» are forms, and "global" (of "globalization") or «анонимной» (of «анонимность»)
  are not;
- with one typo (`typos`): one letter substituted, left out, added or two swapped (Damerau-
  Levenshtein distance 1) in an accepted word of five letters or more, one typo per answer.
  In Vietnamese a change of a tone mark or an accent alone is not a typo: it makes another
  word ("thông", "thống"); `ignore_diacritics` is the way to forgive those.
A word with a digit ("1991") or an accepted word written with a capital letter (a name:
"Zalo", "WikiLeaks", "XX") only matches as written, and a question with a number among its
accepted answers forgives nothing ("right" is not "eight"). An answer that could also be
forgiven into a rejected one is wrong (see `Matcher.best`).
"""

import threading
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import Any

import snowballstemmer
from rapidfuzz.distance import DamerauLevenshtein

STEMMERS = {"en": "english", "ru": "russian"}  # Vietnamese does not inflect
TYPO_MIN_LETTERS = 5
EN_ENDINGS = frozenset(
    {"", "s", "es", "'s", "’s", "s'", "s’", "y", "ies", "ied", "e", "ed", "d", "ing"}
)
FORM_MIN_LETTERS = 4  # «сто» and «стоит» share a stem
RU_MAX_ENDING = 3  # -ами, -ого: a case ending
RU_MAX_KEY_ENDING = 2  # «анонимной» is no form of «анонимность» (-ой, -сть after «анонимно»)
EXACT, FORM, TYPO = "exact", "form", "typo"


def strip_marks(text: str) -> str:
    """Without accents and tone marks (đ as d)."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d"))
    return unicodedata.normalize(
        "NFC", "".join(c for c in decomposed if not unicodedata.combining(c))
    )


def split_words(text: str) -> list[str]:
    """The words of a text as written (case kept), punctuation around them dropped."""
    words = (_trim(w) for w in unicodedata.normalize("NFKC", text).split())
    return [w for w in words if w]


def fold(word: str) -> str:
    return unicodedata.normalize("NFC", word.casefold().replace("ё", "е"))


@lru_cache(maxsize=8192)
def stem(word: str, lang: str) -> str:
    """The Snowball stem of a case-folded word; the word itself in a language without one."""
    name = STEMMERS.get(lang)
    return _stemmer(name).stemWord(word) if name else word


_local = threading.local()  # a stemmer is not safe to share between threads


def _stemmer(name: str) -> Any:
    stemmers = _local.__dict__.setdefault("stemmers", {})
    if name not in stemmers:
        stemmers[name] = snowballstemmer.stemmer(name)
    return stemmers[name]


@dataclass(frozen=True)
class Forgive:
    """What a question forgives; both by default."""

    forms: bool = True
    typos: bool = True


@dataclass(frozen=True)
class Word:
    """A word of an accepted or a rejected answer."""

    text: str  # folded (and without marks with ignore_diacritics)
    full: str  # folded, marks kept: what the stemmer reads
    lang: str
    fixed: bool  # a number or a name: only as written
    letters: int = 0

    @property
    def number(self) -> bool:
        return _has_digit(self.text)


@dataclass(frozen=True)
class Phrase:
    """An accepted or a rejected answer: its words, and how the author wrote it."""

    words: tuple[Word, ...]
    written: str
    lang: str

    @cached_property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)


@dataclass(frozen=True)
class Match:
    """How an answer matched an accepted one: `forgiven` holds FORM and TYPO as they apply."""

    phrase: Phrase
    forgiven: frozenset[str]


@dataclass(frozen=True)
class Matcher:
    """A question's accepted and rejected answers, read once, and what it forgives."""

    accepted: tuple[Phrase, ...]
    rejected: tuple[Phrase, ...]
    forgive: Forgive
    ignore_diacritics: bool
    exact: dict[str, Phrase] = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        exact = {p.text: p for p in reversed(self.accepted)}  # the first listed wins
        object.__setattr__(self, "exact", exact)

    @classmethod
    def build(
        cls,
        accepted: dict[str, tuple[str, ...]],
        rejected: dict[str, tuple[str, ...]],
        forgive: Forgive,
        ignore_diacritics: bool,
    ) -> "Matcher":
        def phrases(answers: dict[str, tuple[str, ...]]) -> tuple[Phrase, ...]:
            return tuple(
                phrase(text, lang, ignore_diacritics)
                for lang, texts in answers.items()
                for text in texts
            )

        answers = phrases(accepted)
        if any(w.number for p in answers for w in p.words):
            forgive = Forgive(forms=False, typos=False)  # "six" and «шести» are numbers too
        return cls(answers, phrases(rejected), forgive, ignore_diacritics)

    def with_rivals(self, rivals: dict[str, list[str]]) -> "Matcher":
        """Also never forgiven into: answers of another meaning (the other blanks of a passage)."""
        mine = {p.text for p in self.accepted}
        extra = tuple(
            p
            for lang, texts in rivals.items()
            for p in (phrase(text, lang, self.ignore_diacritics) for text in texts)
            if p.words and p.text not in mine
        )
        return Matcher(self.accepted, self.rejected + extra, self.forgive, self.ignore_diacritics)

    def best(self, answer: str) -> Match | None:
        """The closest accepted answer that `answer` matches, or None.

        Exact beats forgiven. An answer that matches a rejected answer exactly is wrong, and
        so is one forgiven into an accepted answer that could be forgiven into a rejected one.
        """
        words = self.read(answer)
        if not words:
            return None
        text = " ".join(w for w, _full in words)
        if text in self.exact:
            return Match(self.exact[text], frozenset())
        if not (self.forgive.forms or self.forgive.typos):
            return None
        if any(p.text == text for p in self.rejected):
            return None
        found = _closest(words, self.accepted, self.forgive)
        if found is None or _closest(words, self.rejected, self.forgive) is not None:
            return None
        return found

    def read(self, answer: str) -> list[tuple[str, str]]:
        """A learner's words, each as compared and as the stemmer reads it."""
        folded = [fold(w) for w in split_words(answer)]
        return [(strip_marks(w) if self.ignore_diacritics else w, w) for w in folded]


def phrase(text: str, lang: str, ignore_diacritics: bool) -> Phrase:
    words = []
    for written in split_words(text):
        full = fold(written)
        fixed = written != written.lower() or _has_digit(written)
        compared = strip_marks(full) if ignore_diacritics else full
        words.append(Word(compared, full, lang, fixed, sum(c.isalpha() for c in compared)))
    return Phrase(tuple(words), text, lang)


def _closest(words: list[tuple[str, str]], phrases: tuple[Phrase, ...], forgive: Forgive):
    """The phrase `words` match with the fewest typos, forms allowed, or None."""
    best: Match | None = None
    for p in phrases:
        if len(p.words) != len(words):
            continue
        kinds = [
            _word_match(given, word, forgive) for given, word in zip(words, p.words, strict=True)
        ]
        if None in kinds or kinds.count(TYPO) > 1:
            continue
        match = Match(p, frozenset(k for k in kinds if k != EXACT))
        if best is None or (TYPO in best.forgiven and TYPO not in match.forgiven):
            best = match
    return best


def _word_match(given: tuple[str, str], word: Word, forgive: Forgive) -> str | None:
    text, full = given
    if text == word.text:
        return EXACT
    if word.fixed or _has_digit(text):
        return None
    if forgive.forms and _same_form(full, word):
        return FORM
    if forgive.typos and _one_typo(text, word):
        return TYPO
    return None


def _same_form(full: str, word: Word) -> bool:
    if len(word.full) < FORM_MIN_LETTERS or word.lang not in STEMMERS:
        return False
    root = stem(word.full, word.lang)
    if stem(full, word.lang) != root:
        return False
    # The stem alone joins derivations too ("traditional", "tradition"): the words must differ
    # in an inflection's ending only.
    common = len(_common_prefix(full, word.full))
    given_end, key_end = full[common:], word.full[common:]
    if word.lang == "en":
        return given_end in EN_ENDINGS and key_end in EN_ENDINGS
    if len(given_end) <= RU_MAX_ENDING and len(key_end) <= RU_MAX_KEY_ENDING:
        return True
    # «мобильным» of «мобильного»: both case endings after the stem
    return len(full) - len(root) <= RU_MAX_ENDING and len(word.full) - len(root) <= RU_MAX_ENDING


def _one_typo(text: str, word: Word) -> bool:
    if word.letters < TYPO_MIN_LETTERS:
        return False
    if DamerauLevenshtein.distance(text, word.text, score_cutoff=1) > 1:
        return False
    # In Vietnamese a tone mark or an accent makes another word: not a typo.
    return word.lang != "vi" or strip_marks(text) != strip_marks(word.text)


def _common_prefix(a: str, b: str) -> str:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return a[:n]


def _has_digit(text: str) -> bool:
    return any(c.isdigit() for c in text)


def _trim(word: str) -> str:
    """Without the punctuation around it: quotes, brackets, a final full stop."""
    if word[0].isalnum() and word[-1].isalnum():
        return word
    start, end = 0, len(word)
    while start < end and unicodedata.category(word[start]).startswith("P"):
        start += 1
    while end > start and unicodedata.category(word[end - 1]).startswith("P"):
        end -= 1
    return word[start:end]
