"""Short text answers people actually type: word forms and one typo forgiven, never for a number,
a name or into a listed wrong answer; the model answer as the key; notes on what was forgiven."""

import re
from pathlib import Path

import pytest
from hypothesis import assume, example, given
from hypothesis import strategies as st
from ruamel.yaml import YAML

from course.content.loader import load_catalog
from course.content.problems import Report
from course.content.question_types import QUESTION_TYPES
from course.content.question_types.base import ParseContext
from course.content.question_types.text import ShortText
from course.content.question_types.textmatch import stem, strip_marks
from course.content.yamlnode import Node
from course.paths import PROJECT_ROOT
from tests.conftest import close_app, make_app

TEXT = ShortText()
LANGS = ("vi", "ru", "en")
LETTERS = {
    "en": "abcdefghijklmnopqrstuvwxyz",
    "ru": "абвгдежзийклмнопрстуфхцчшщъыьэюя",
    "vi": "abcdeghiklmnopqrstuvxyăâđêôơưáàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ",
}
BASE_LETTERS = {**LETTERS, "vi": "abcdeghiklmnopqrstuvxyđ"}
PLACEHOLDER = "qxqxqxqxqxqxqxqxqx"  # far from any word drawn here


def question(accept: dict, problems: list | None = None, **fields):
    """A short text question's data read from its content, as the loader reads it."""
    yaml = YAML(typ="rt")
    holder = yaml.load("q: {}")
    holder["q"].update({"accept": accept, **fields})
    report = Report(Path("."))
    node = Node(holder["q"], Path("quiz.yaml"), report, 1, languages=LANGS)
    data = TEXT.parse(node, ParseContext(None))
    found = [p.message for p in report.problems]
    if problems is None:
        assert found == []
    else:
        problems.extend(found)
    return data


def one_lang(lang: str, answers: list[str], **fields):
    """Accepted `answers` in `lang`, and placeholders of no likeness in the other languages."""
    accept = {other: [PLACEHOLDER] for other in LANGS}
    accept[lang] = answers
    return question(accept, **fields)


def right(data, answer: str) -> bool:
    return TEXT.score(data, answer) == 1


def edits(word: str, letters: str) -> st.SearchStrategy[str]:
    """Every one-letter typo of `word`: a substitution, a deletion, an insertion, a swap."""
    spots = st.integers(0, len(word) - 1)
    letter = st.sampled_from(letters)
    substituted = st.tuples(spots, letter).map(lambda s: word[: s[0]] + s[1] + word[s[0] + 1 :])
    deleted = spots.map(lambda n: word[:n] + word[n + 1 :])
    inserted = st.tuples(st.integers(0, len(word)), letter).map(
        lambda s: word[: s[0]] + s[1] + word[s[0] :]
    )
    kinds = [substituted, deleted, inserted]
    if len(word) > 1:
        swapped = st.integers(0, len(word) - 2).map(
            lambda n: word[:n] + word[n + 1] + word[n] + word[n + 2 :]
        )
        kinds.append(swapped)
    return st.one_of(kinds).filter(lambda w: w != word)


def word_and_typo(lang: str, sizes: tuple[int, int], letters: dict = BASE_LETTERS):
    return st.text(st.sampled_from(LETTERS[lang]), min_size=sizes[0], max_size=sizes[1]).flatmap(
        lambda word: st.tuples(st.just(word), edits(word, letters[lang]))
    )


def is_form(lang: str, a: str, b: str) -> bool:
    return lang != "vi" and stem(a, lang) == stem(b, lang)


# Words and their inflections, as a learner writes them (the stemmer joins them).
PARADIGMS = {
    "en": [
        ("phone", ["phones", "phone's"]),
        ("library", ["libraries", "library's"]),
        ("mobile phone", ["mobile phones"]),
        ("embassy", ["embassies"]),
        ("network", ["networks", "network's"]),
        ("tweet", ["tweets", "tweeted", "tweeting"]),
        ("speech", ["speeches"]),
    ],
    "ru": [
        ("библиотека", ["библиотеки", "библиотеке", "библиотеку", "библиотекой", "библиотеках"]),
        ("мобильный телефон", ["мобильного телефона", "мобильным телефоном", "мобильные телефоны"]),
        ("глобализация", ["глобализации", "глобализацию", "глобализацией"]),
        ("посольство", ["посольства", "посольству", "посольством", "посольстве"]),
        ("дипломатия", ["дипломатии", "дипломатию", "дипломатией"]),
        ("сеть", ["сети", "сетью", "сетей"]),
    ],
}


def scramble_case(text: str, flips: list[bool]) -> str:
    return "".join(
        c.upper() if f else c for c, f in zip(text, flips + [False] * len(text), strict=False)
    )


@pytest.mark.parametrize("lang", LANGS)
@given(data=st.data())
def test_the_key_itself_is_accepted_however_it_is_typed(lang, data):
    word = data.draw(st.text(st.sampled_from(LETTERS[lang]), min_size=1, max_size=12))
    second = data.draw(st.text(st.sampled_from(LETTERS[lang]), min_size=1, max_size=8))
    key = f"{word} {second}"
    q = one_lang(lang, [key])
    flips = data.draw(st.lists(st.booleans(), max_size=len(key)))
    space = data.draw(st.sampled_from([" ", "  ", "\u00a0", "\t"]))
    typed = (
        "  "
        + scramble_case(key, flips).replace(" ", space)
        + data.draw(st.sampled_from(["", ".", "!"]))
    )
    assert right(q, typed)
    assert TEXT.scoring_notes(q, typed, lang) == []


@pytest.mark.parametrize("lang", ["en", "ru"])
@given(data=st.data())
def test_inflected_forms_of_the_key_are_accepted(lang, data):
    key, forms = data.draw(st.sampled_from(PARADIGMS[lang]))
    form = data.draw(st.sampled_from(forms))
    assert right(one_lang(lang, [key]), form)
    assert not right(one_lang(lang, [key], forgive={"forms": False, "typos": False}), form)


CONSONANTS = {"en": "bcdfghklmnprstvwxz", "ru": "бвгджзклмнпрстфхцчшщ"}
ENDINGS = {
    "en": ("", "s", "es", "'s", "ed", "ing"),
    "ru": ("а", "ы", "е", "у", "ой", "ою", "ам", "ами", "ах", "и", "ей", "ям", "ями", "ях"),
}


@pytest.mark.parametrize("lang", ["en", "ru"])
@given(data=st.data())
def test_any_inflection_the_stemmer_joins_to_the_key_is_accepted(lang, data):
    start = data.draw(st.text(st.sampled_from(LETTERS[lang]), min_size=3, max_size=9))
    root = start + data.draw(st.sampled_from(CONSONANTS[lang]))  # as a real word's stem ends
    key, form = (root + data.draw(st.sampled_from(ENDINGS[lang])) for _ in range(2))
    assume(key != form and stem(key, lang) == stem(form, lang))
    assert right(one_lang(lang, [key]), form)
    assert right(one_lang(lang, [f"{key} {key}"]), f"{form} {form}")  # every word a form


def test_forms_are_inflections_not_derivations():
    assert not right(one_lang("en", ["globalization"]), "global")
    assert not right(one_lang("en", ["tradition"]), "traditional")
    assert not right(one_lang("en", ["anonymity"]), "anonymous")
    assert not right(one_lang("ru", ["анонимность"]), "анонимной")
    assert not right(one_lang("ru", ["сто"]), "стоит")  # a word too short to inflect safely
    assert right(one_lang("ru", ["анонимность"]), "анонимностью")
    assert not right(one_lang("vi", ["thư viện"]), "thư việns")


@pytest.mark.parametrize("lang", LANGS)
@given(data=st.data())
def test_one_typo_in_a_word_of_five_letters_is_forgiven_only_when_typos_are_on(lang, data):
    key, typo = data.draw(word_and_typo(lang, (5, 12)))
    assume(lang != "vi" or strip_marks(typo) != strip_marks(key))  # see the tone mark tests
    assert right(one_lang(lang, [key]), typo)
    assume(not is_form(lang, key, typo))
    assert not right(one_lang(lang, [key], forgive={"typos": False}), typo)
    assert not right(one_lang(lang, [key], forgive=False), typo)


@pytest.mark.parametrize("lang", LANGS)
@given(data=st.data())
def test_words_under_five_letters_are_never_forgiven_a_typo(lang, data):
    key, typo = data.draw(word_and_typo(lang, (1, 4)))
    assume(not is_form(lang, key, typo))
    assert not right(one_lang(lang, [key]), typo)
    assert not right(one_lang(lang, [f"{key} {key}x"]), f"{typo} {key}x")


@pytest.mark.parametrize("lang", LANGS)
@given(data=st.data())
def test_two_typos_are_not_forgiven(lang, data):
    key, typo = data.draw(word_and_typo(lang, (5, 10)))
    other, other_typo = data.draw(word_and_typo(lang, (5, 10)))
    assume(not is_form(lang, key, typo) and not is_form(lang, other, other_typo))
    assume(lang != "vi" or strip_marks(typo) != strip_marks(key))
    q = one_lang(lang, [f"{key} {other}"])
    assert right(q, f"{typo} {other}")
    assert not right(q, f"{typo} {other_typo}")


@given(year=st.integers(1000, 9999), data=st.data())
@example(year=1991, data=None)
def test_numbers_are_never_forgiven(year, data):
    typo = "1992" if data is None else data.draw(edits(str(year), "0123456789"))
    for lang in LANGS:
        assert not right(one_lang(lang, [str(year)]), typo)
        assert not right(one_lang(lang, [f"{year} election"]), f"{typo} election")


def test_a_question_about_a_number_forgives_nothing_in_its_number_words():
    q = question({"en": ["8", "eight"], "vi": ["8", "tám"], "ru": ["8", "восемь", "восьми"]})
    assert right(q, "EIGHT") and right(q, "восьми")
    assert not right(q, "right")  # one letter from "eight"
    assert not right(q, "восьмой")  # the eighth is another number
    assert not right(q, "восемь8")


@pytest.mark.parametrize(
    ("accept", "typed"),
    [(["Hanson"], "Hansen"), (["WikiLeaks"], "WikiLeak"), (["Zalo"], "Zalos"), (["XX"], "XXI")],
)
def test_names_written_with_a_capital_are_never_forgiven(accept, typed):
    q = question({lang: accept for lang in LANGS})
    assert not right(q, typed)
    assert right(q, accept[0].lower())


@pytest.mark.parametrize("lang", LANGS)
@given(data=st.data())
def test_a_forgiven_answer_never_matches_a_listed_wrong_answer(lang, data):
    key, wrong = data.draw(word_and_typo(lang, (5, 10)))
    typed = data.draw(st.one_of(st.just(wrong), edits(key, BASE_LETTERS[lang])))
    q = one_lang(lang, [key], reject={lang: [wrong]})
    if right(q, typed) and typed != key:
        assert not right(one_lang(lang, [wrong]), typed)
    assert not right(q, wrong)


def test_a_wrong_answer_next_to_the_key_stops_forgiveness_in_between():
    q = question({lang: ["policy"] for lang in LANGS}, reject={"en": ["police"]})
    assert right(q, "policy")
    assert not right(q, "police")
    assert not right(q, "polic")  # one typo from either
    assert right(q, "plicy")  # only the key is this close


def test_vietnamese_tone_marks_make_another_word_not_a_typo():
    q = one_lang("vi", ["truyền thống"])
    assert right(q, "truyền thốmg")  # a letter mistyped
    assert not right(q, "truyền thông")  # "communication": another word
    assert not right(q, "truyen thong")
    assert right(one_lang("vi", ["truyền thống"], ignore_diacritics=True), "truyen thong")


TONES = ("aáàảãạ", "ăắằẳẵặ", "âấầẩẫậ", "eéèẻẽẹ", "êếềểễệ", "iíìỉĩị", "oóòỏõọ", "ôốồổỗộ",
         "ơớờởỡợ", "uúùủũụ", "ưứừửữự", "yýỳỷỹỵ", "dđ")  # fmt: skip


@given(data=st.data())
def test_a_vietnamese_tone_mark_or_accent_alone_is_never_a_typo(data):
    word = data.draw(st.text(st.sampled_from(LETTERS["vi"]), min_size=5, max_size=8))
    spot = data.draw(st.integers(0, len(word) - 1))
    family = next((f for f in TONES if word[spot] in f), None)
    assume(family is not None)
    other = data.draw(st.sampled_from(family).filter(lambda c: c != word[spot]))
    typo = word[:spot] + other + word[spot + 1 :]
    assert not right(one_lang("vi", [word]), typo)
    assert right(one_lang("vi", [word], ignore_diacritics=True), typo)


@pytest.mark.parametrize(
    ("lang", "typed", "note"),
    [
        (
            "en",
            "diplomcy",
            "Accepted with a typo forgiven: you wrote “diplomcy”, the answer is “diplomacy”.",
        ),
        (
            "ru",
            "дипломатией",
            "Засчитано в другой форме слова: вы написали «дипломатией», правильно — «дипломатия».",
        ),
        (
            "vi",
            "diplomcy",
            "Vẫn được tính đúng dù có lỗi gõ phím: bạn viết “diplomcy”, đáp án là “diplomacy”.",
        ),
    ],
)
def test_the_result_says_what_was_forgiven(app, lang, typed, note):
    q = question({"en": ["diplomacy"], "vi": ["ngoại giao"], "ru": ["дипломатия"]})
    with app.test_request_context(f"/{lang}/"):
        assert TEXT.scoring_notes(q, typed, lang) == [note]
        assert TEXT.scoring_notes(q, "diplomacy", lang) == []
        assert TEXT.scoring_notes(q, "diplomat", lang) == []


def test_the_key_shown_is_the_model_answer_in_the_learners_language():
    q = question(
        {
            "en": ["mobile phone", "phone", "cell phone"],
            "vi": ["điện thoại di động", "điện thoại"],
            "ru": ["мобильный телефон", "телефон"],
        }
    )
    assert [str(k) for k in TEXT.describe_key(q, "en")] == ["mobile phone"]
    assert [str(k) for k in TEXT.describe_key(q, "vi")] == ["điện thoại di động"]
    assert [str(k) for k in TEXT.describe_key(q, "ru")] == ["мобильный телефон"]


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"forgive": {"forms": "yes"}}, "'forgive.forms' must be true or false"),
        ({"forgive": {"typo": True}}, "'forgive' has an unknown key 'typo': use forms or typos"),
        ({"forgive": "no"}, "'forgive' must be {forms: true|false, typos: true|false} or false"),
        ({"reject": {"de": ["x"]}}, "'reject' has an unknown language 'de'"),
        ({"reject": {"en": "police"}}, "'reject' needs a list of answers in 'en'"),
        ({"reject": {"en": ["Policy!"]}}, "'Policy!' is both accepted and rejected"),
    ],
)
def test_content_check_reports_bad_forgive_and_reject_values(fields, message):
    problems: list[str] = []
    question({lang: ["policy"] for lang in LANGS}, problems, **fields)
    assert problems == [message]


def text_matchers(catalog) -> list[tuple[str, dict]]:
    """Every short text question and text blank of the content: (label, data)."""
    found = []
    for q in catalog.questions.values():
        if q.type == "short_text":
            found.append((q.id, q.data))
        elif q.type == "cloze":
            found += [
                (f"{q.id}:{g.id}", g.data) for g in q.data["gaps"].values() if g.kind == "text"
            ]
    return found


def option_texts(catalog) -> set[str]:
    """The text of every option, item, prompt and choice: the course's distractors."""
    texts = set()
    for q in catalog.questions.values():
        parts = [q.data] + [g.data for g in q.data.get("gaps", {}).values()]
        for part in parts:
            for key in ("options", "items", "prompts", "choices"):
                for choice in part.get(key) or ():
                    texts |= {t.striptags() for t in choice.text.values()}
    return texts


def test_no_distractor_of_the_course_is_forgiven_into_a_short_text_key():
    catalog = load_catalog(PROJECT_ROOT)
    distractors = option_texts(catalog) | {
        t for term in catalog.glossary.values() for t in term.term.values()
    }
    forgiven = []
    for label, data in text_matchers(catalog):
        for text in distractors:
            match = TEXT.match(data, text)
            if match and match.forgiven:
                forgiven.append((label, text, match.phrase.written))
    # «мягкая сила» (a glossary term) is the blank's «мягкой силы» in another case: same meaning.
    assert forgiven == [("q-found-cloze-01:power", "мягкая сила", "мягкой силы")]


CLOZE_RIVALS = """\
  - id: q-cloze-rivals
    type: cloze
    lesson: second-lesson
    cite: [vi ¶13]
    prompt: {en: Fill in, vi: Điền vào, ru: Заполните}
    text:
      en: "The [[who]] made the [[what]], not the [[tool]] [vi ¶13]."
      vi: "[[who]] đưa ra [[what]], không phải [[tool]] [vi ¶13]."
      ru: "[[who]] выработала [[what]], а не [[tool]] [vi ¶13]."
    gaps:
      - id: who
        kind: text
        accept: {en: [police], vi: [cảnh sát], ru: [полиция]}
      - id: what
        kind: text
        accept: {en: [policy], vi: [chính sách], ru: [политику]}
      - id: tool
        kind: choice
        options:
          - {id: a, text: {en: telegraph, vi: điện báo, ru: телеграф}}
          - {id: b, text: {en: telegram, vi: điện tín, ru: телеграмма}}
        answer: a
    explanation: {en: Explanation, vi: Giải thích, ru: Пояснение}
"""


def test_a_blank_forgives_nothing_into_another_blanks_answer(content_copy, app):
    quiz = content_copy / "quizzes/demo-quiz.yaml"
    quiz.write_text(quiz.read_text(encoding="utf-8") + CLOZE_RIVALS, encoding="utf-8")
    q = load_catalog(content_copy).questions["q-cloze-rivals"]
    cloze = QUESTION_TYPES["cloze"]
    assert cloze.score(q.data, {"who": "polise", "what": "polcy", "tool": "a"}) == 1
    assert cloze.score(q.data, {"who": "polic", "what": "polic", "tool": "a"}) == pytest.approx(
        1 / 3
    )
    assert cloze.score(q.data, {"who": "policy", "what": "police", "tool": "a"}) == pytest.approx(
        1 / 3
    )
    with app.test_request_context("/en/"):
        notes = cloze.scoring_notes(q.data, {"who": "polise", "what": "policy"}, "en")
    assert notes == [
        "Blank 1 accepted with a typo forgiven: you wrote “polise”, the answer is “police”."
    ]


@pytest.fixture
def variants_client(tmp_path, content_copy):
    quiz = content_copy / "quizzes/demo-quiz.yaml"
    text = quiz.read_text(encoding="utf-8")
    old = "      en: [Zalo]\n      vi: [Zalo]\n      ru: [Zalo, Зало]"
    assert old in text
    new = "      en: [Zalo, Zalo app]\n      vi: [Zalo, ứng dụng Zalo]\n      ru: [Зало, Zalo]"
    quiz.write_text(text.replace(old, new), encoding="utf-8")
    app = make_app(tmp_path, content_dir=content_copy)
    yield app.test_client()
    close_app(app)


@pytest.mark.parametrize(("lang", "model"), [("en", "Zalo"), ("vi", "Zalo"), ("ru", "Зало")])
def test_the_result_shows_one_model_answer_on_the_page_and_in_the_api(variants_client, lang, model):
    client = variants_client
    headers = {"X-CSRFToken": client.get("/api/v1/session").get_json()["csrf_token"]}
    attempt = client.post(f"/api/v1/quizzes/demo-quiz/attempts?lang={lang}", headers=headers)
    url = f"/api/v1/attempts/{attempt.get_json()['id']}"
    client.put(f"{url}/answers?lang={lang}", json={"answers": {"q-text": "zalo"}}, headers=headers)
    result = client.post(f"{url}/submit?lang={lang}", headers=headers).get_json()
    text = next(q for q in result["questions"] if q["id"] == "q-text")
    assert text["status"] == "correct"
    assert text["correct_answer_text"] == [model]
    assert text["correct_answer"] == "Zalo"  # the key in the stored shape
    page = client.get(f"/{lang}/attempts/{attempt.get_json()['id']}").get_data(as_text=True)
    card = re.search(r'id="q-q-text".*?</li>\s*</ol>', page, re.S)[0]
    assert f"<li>{model}</li>" in card
    assert " / " not in card
