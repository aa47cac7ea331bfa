"""`flask content check` applies the item-writing rules it can (docs/item-writing.md)."""

from pathlib import Path

import pytest

from course.content.loader import load_catalog
from course.content.problems import ContentError
from tests.test_content_validation import QUIZ, edit, line_of

EXPLANATION = (
    "    explanation: {en: 'Why [vi ¶6].', vi: 'Vì sao [vi ¶6].', ru: 'Почему [vi ¶6].'}\n"
)


def add_question(root: Path, text: str) -> None:
    """Append a question (YAML at the indentation of the quiz's list) to the demo quiz."""
    path = root / QUIZ
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def found(root: Path) -> list[str]:
    try:
        load_catalog(root)
    except ContentError as error:
        return [str(p) for p in error.problems]
    return []


def single(question_id: str, cite: str, key_en: str, extra: str = "", prompt: str = "") -> str:
    prompt = prompt or (
        "    prompt:\n"
        "      en: Which kind of diplomacy?\n"
        "      vi: Loại ngoại giao nào?\n"
        "      ru: Какая дипломатия?\n"
    )
    return (
        f"  - id: {question_id}\n"
        "    type: single\n"
        "    lesson: first-lesson\n"
        f"    cite: [{cite}]\n"
        f"{extra}"
        f"{prompt}"
        "    options:\n"
        "      - id: right\n"
        f"        text: {{en: {key_en}, vi: ngoại giao công chúng, ru: публичная дипломатия}}\n"
        "      - id: wrong\n"
        "        text: {en: trade diplomacy, vi: ngoại giao thương mại, ru: торговая дипломатия}\n"
        "    answer: right\n" + EXPLANATION
    )


def test_the_fixture_items_pass_every_rule(content_copy):
    assert found(content_copy) == []


# a. Undeclared overlaps


def test_same_paragraph_and_key_without_overlaps_is_reported_on_both(content_copy):
    # q-single cites vi ¶6 and its key is "public diplomacy"
    add_question(content_copy, single("q-again", "vi ¶6", "The Public Diplomacy"))
    problems = [p for p in found(content_copy) if "overlaps" in p]
    first = line_of(content_copy, QUIZ, "id: q-single")
    second = line_of(content_copy, QUIZ, "id: q-again")
    assert len(problems) == 2
    assert problems[0].startswith(f"{QUIZ}:{first}: question 'q-single' and 'q-again'")
    assert problems[1].startswith(f"{QUIZ}:{second}: question 'q-again' and 'q-single'")
    assert "both cite vi ¶6 and have the key “public diplomacy”" in problems[0]
    assert "list each other in 'overlaps'" in problems[0]


def test_overlaps_declared_both_ways_are_not_reported(content_copy):
    edit(content_copy, QUIZ, "  - id: q-single\n", "  - id: q-single\n    overlaps: [q-again]\n")
    add_question(
        content_copy, single("q-again", "vi ¶6", "public diplomacy", "    overlaps: [q-single]\n")
    )
    assert found(content_copy) == []


def test_an_overlap_declared_one_way_asks_for_the_other(content_copy):
    add_question(
        content_copy, single("q-again", "vi ¶6", "public diplomacy", "    overlaps: [q-single]\n")
    )
    line = line_of(content_copy, QUIZ, "id: q-single")
    assert found(content_copy) == [
        f"{QUIZ}:{line}: question 'q-single' and 'q-again' (demo-quiz.yaml:"
        f"{line_of(content_copy, QUIZ, 'id: q-again')}) both cite vi ¶6 and have the key"
        " “public diplomacy”: 'q-again' lists this one in 'overlaps', list it back"
    ]


def test_a_range_counts_as_each_of_its_paragraphs(content_copy):
    add_question(content_copy, single("q-again", "vi ¶5–7", "public diplomacy"))
    assert len([p for p in found(content_copy) if "both cite vi ¶6" in p]) == 2


def test_same_key_from_another_paragraph_is_not_an_overlap(content_copy):
    add_question(content_copy, single("q-again", "vi ¶7", "public diplomacy"))
    assert found(content_copy) == []


def test_same_paragraph_with_another_key_is_not_an_overlap(content_copy):
    add_question(content_copy, single("q-again", "vi ¶6", "digital diplomacy"))
    assert found(content_copy) == []


def test_an_accepted_answer_overlaps_an_option_key(content_copy):
    # q-text cites vi ¶13 and accepts "Zalo"; a single choice question whose key is Zalo
    add_question(content_copy, single("q-zalo", "vi ¶13", "Zalo"))
    problems = found(content_copy)
    assert len(problems) == 2
    assert all("both cite vi ¶13 and have the key “zalo”" in p for p in problems)


def test_a_gap_of_a_passage_overlaps_a_question_with_its_key(content_copy):
    add_question(
        content_copy,
        "  - id: q-cloze\n"
        "    type: cloze\n"
        "    lesson: first-lesson\n"
        "    cite: [vi ¶12]\n"
        "    prompt: {en: The users., vi: Người dùng., ru: Пользователи.}\n"
        "    text: {en: 'About [[n]] million', vi: 'Khoảng [[n]] triệu', ru: 'Около [[n]] млн'}\n"
        "    gaps:\n"
        "      - id: n\n"
        "        kind: text\n"
        "        accept: {en: ['73.6'], vi: ['73,6'], ru: ['73,6']}\n" + EXPLANATION,
    )
    # q-numeric cites vi ¶12 and its answer is 73.6
    problems = found(content_copy)
    assert len(problems) == 2
    assert "question 'q-numeric' and 'q-cloze'" in problems[0]
    assert "have the key “73.6”" in problems[0]


# b. Instructions the page already shows


def test_choose_all_that_apply_in_a_prompt_is_reported_in_its_language(content_copy):
    edit(
        content_copy,
        QUIZ,
        "prompt: {en: Multiple prompt EN, vi: Chọn nhiều, ru: Несколько ответов}",
        "prompt:\n"
        "      en: Which terms? (Choose all that apply.)\n"
        "      vi: Những thuật ngữ nào? Chọn tất cả các đáp án đúng.\n"
        "      ru: Какие термины? Отметьте все подходящие варианты.",
    )
    line = line_of(content_copy, QUIZ, "en: Which terms?")
    assert found(content_copy) == [
        f"{QUIZ}:{line}: (en) the prompt of 'q-multiple' says “all that apply”, an instruction"
        " the page already shows: remove it",
        f"{QUIZ}:{line + 1}: (vi) the prompt of 'q-multiple' says “Chọn tất cả”, an instruction"
        " the page already shows: remove it",
        f"{QUIZ}:{line + 2}: (ru) the prompt of 'q-multiple' says “Отметьте все”, an instruction"
        " the page already shows: remove it",
    ]


@pytest.mark.parametrize(
    ("lang", "prompt", "said"),
    [
        ("en", "True or false: Zalo is Vietnamese.", "True or false"),
        ("vi", "Đúng hay sai: Zalo là của Việt Nam.", "Đúng hay sai"),
        ("ru", "Верно или неверно: Zalo — вьетнамская сеть.", "Верно или неверно"),
    ],
)
def test_true_or_false_in_a_prompt_is_reported(content_copy, lang, prompt, said):
    old = {
        "en": "en: True-false prompt EN",
        "vi": "vi: Câu hỏi đúng sai",
        "ru": "ru: Утверждение для проверки",
    }
    edit(content_copy, QUIZ, old[lang], f"{lang}: '{prompt}'")
    problems = found(content_copy)
    assert len(problems) == 1
    assert f"({lang}) the prompt of 'q-truefalse' says “{said}”" in problems[0]


def test_the_decimal_separator_in_a_numeric_prompt_is_reported(content_copy):
    edit(
        content_copy,
        QUIZ,
        "vi: Câu hỏi số",
        "vi: 'Bao nhiêu triệu? Dùng dấu phẩy thập phân (ví dụ: 12,5).'",
    )
    problems = found(content_copy)
    assert len(problems) == 1
    assert "(vi) the prompt of 'q-numeric' says “dấu phẩy thập phân”" in problems[0]


def test_a_prompt_that_says_what_is_true_is_not_an_instruction(content_copy):
    edit(
        content_copy,
        QUIZ,
        "en: Multiple prompt EN",
        "en: Which of these are true of all ASEAN members",
    )
    edit(content_copy, QUIZ, "vi: Chọn nhiều", "vi: Điều nào đúng với mọi nước ASEAN")
    edit(content_copy, QUIZ, "ru: Несколько ответов", "ru: Что верно для всех стран АСЕАН")
    assert found(content_copy) == []


def test_a_lesson_mentioned_in_some_languages_only_is_reported(content_copy):
    edit(content_copy, QUIZ, "vi: Sắp xếp", "vi: Sắp xếp các sự kiện được nhắc tới trong bài học")
    edit(content_copy, QUIZ, "ru: Упорядочите", "ru: Упорядочите события из урока")
    line = line_of(content_copy, QUIZ, "prompt: {en: Ordering prompt EN")
    assert found(content_copy) == [
        f"{QUIZ}:{line}: (ru) the prompt of 'q-ordering' mentions the lesson and its en prompt"
        " does not: say the same in every language",
        f"{QUIZ}:{line}: (vi) the prompt of 'q-ordering' mentions the lesson and its en prompt"
        " does not: say the same in every language",
    ]


def test_a_lesson_mentioned_in_every_language_is_not_reported(content_copy):
    edit(content_copy, QUIZ, "en: Ordering prompt EN", "en: Order the lesson's events")
    edit(content_copy, QUIZ, "vi: Sắp xếp", "vi: Sắp xếp các sự kiện trong bài học")
    edit(content_copy, QUIZ, "ru: Упорядочите", "ru: Упорядочите события урока")
    assert found(content_copy) == []


# c. An option far longer than the others


def test_an_option_far_longer_than_the_others_is_reported(content_copy):
    edit(
        content_copy,
        QUIZ,
        "        text: {en: public diplomacy, vi: ngoại giao công chúng, ru: публичная дипломатия}",
        "        text:\n"
        "          en: public diplomacy conducted online, through embassies' accounts on social networks\n"
        "          vi: ngoại giao công chúng\n"
        "          ru: публичная дипломатия",
    )
    line = line_of(content_copy, QUIZ, "en: public diplomacy conducted online")
    assert found(content_copy) == [
        f"{QUIZ}:{line}: (en) option 'public' of 'q-single' has 81 characters, more than 2 times"
        " the others' median (17.5): a test-wise learner picks it (or rules it out); bring the"
        " options to a similar length"
    ]


def test_short_options_may_differ_in_length(content_copy):
    # 16 characters against 6: more than twice as long, but short
    edit(content_copy, QUIZ, "{en: economic diplomacy,", "{en: trade,")
    edit(content_copy, QUIZ, "{en: defence diplomacy,", "{en: arms,")
    assert found(content_copy) == []


def test_markdown_and_citations_do_not_count_in_the_length(content_copy):
    edit(
        content_copy,
        QUIZ,
        "{en: public diplomacy,",
        "{en: '**public** diplomacy [vi ¶6] [vi ¶6] [vi ¶6] [vi ¶6]',",
    )
    assert found(content_copy) == []


# Absolutes in the distractors only


def test_absolutes_in_the_distractors_only_are_reported(content_copy):
    edit(content_copy, QUIZ, "{en: economic diplomacy,", "{en: only economic diplomacy,")
    edit(content_copy, QUIZ, "{en: defence diplomacy,", "{en: always defence diplomacy,")
    line = line_of(content_copy, QUIZ, "id: q-single") + 5
    assert found(content_copy) == [
        f"{QUIZ}:{line}: (en) distractors of 'q-single' say “only” ('economic'), “always”"
        " ('defence') and no right option does: a test-wise learner rules them out; drop the"
        " absolutes, or use them in the key too"
    ]


def test_absolutes_in_the_key_too_are_not_reported(content_copy):
    edit(content_copy, QUIZ, "ru: экономическая дипломатия", "ru: только экономическая дипломатия")
    edit(content_copy, QUIZ, "ru: военная дипломатия", "ru: всегда военная дипломатия")
    edit(content_copy, QUIZ, "ru: публичная дипломатия", "ru: лишь публичная дипломатия")
    assert found(content_copy) == []


def test_vietnamese_words_made_with_chi_are_not_absolutes(content_copy):
    edit(content_copy, QUIZ, "vi: ngoại giao kinh tế", "vi: ngoại giao theo chỉ số kinh tế")
    edit(content_copy, QUIZ, "vi: ngoại giao quốc phòng", "vi: ngoại giao có địa chỉ")
    assert found(content_copy) == []


def test_one_absolute_distractor_is_not_reported(content_copy):
    edit(content_copy, QUIZ, "vi: ngoại giao kinh tế", "vi: chỉ ngoại giao kinh tế")
    assert found(content_copy) == []


# d. Quotation marks in one language only


def test_quotation_marks_in_one_language_only_are_reported(content_copy):
    edit(content_copy, QUIZ, "vi: Câu hỏi một lựa chọn", "vi: 'Câu hỏi \"một lựa chọn\"'")
    line = line_of(content_copy, QUIZ, "prompt: {en: Single prompt EN")
    assert found(content_copy) == [
        f"{QUIZ}:{line}: (vi) the prompt of 'q-single' has quotation marks and its ru, en text"
        " has none: quote in every language or in none"
    ]


def test_quotation_marks_in_an_option_are_reported(content_copy):
    edit(content_copy, QUIZ, "ru: кибердипломатия", "ru: «кибердипломатия»")
    line = line_of(content_copy, QUIZ, "text: {en: cyber diplomacy")
    problems = found(content_copy)
    assert problems == [
        f"{QUIZ}:{line}: (ru) option 'cyber' of 'q-multiple' has quotation marks and its vi, en"
        " text has none: quote in every language or in none"
    ]


def test_quotation_marks_in_every_language_are_not_reported(content_copy):
    edit(content_copy, QUIZ, "en: Single prompt EN", "en: Single “prompt” EN")
    edit(content_copy, QUIZ, "vi: Câu hỏi một lựa chọn", "vi: Câu hỏi “một lựa chọn”")
    edit(content_copy, QUIZ, "ru: Вопрос с одним ответом", "ru: Вопрос с «одним» ответом")
    assert found(content_copy) == []


def test_an_overlap_with_a_question_that_failed_to_load_is_not_unknown(content_copy):
    edit(content_copy, QUIZ, "  - id: q-single\n", "  - id: q-single\n    overlaps: [q-multiple]\n")
    edit(content_copy, QUIZ, "type: multiple", "type: nonesuch")
    problems = found(content_copy)
    assert len(problems) == 1
    assert "unknown question type 'nonesuch'" in problems[0]


# e. Roman numerals in Cyrillic letters only


def test_a_roman_numeral_in_cyrillic_letters_only_is_reported(content_copy):
    edit(content_copy, QUIZ, "ru: [Zalo, Зало]", "ru: [ХХI, век ХХI]")  # Cyrillic Х
    line = line_of(content_copy, QUIZ, "ru: [ХХI, век ХХI]")
    assert found(content_copy) == [
        f"{QUIZ}:{line}: (ru) 'q-text' accepts “ХХI”, a Roman numeral in Cyrillic letters, but"
        " not “XXI” in Latin letters, which is what a learner types: accept both",
        f"{QUIZ}:{line}: (ru) 'q-text' accepts “век ХХI”, a Roman numeral in Cyrillic letters,"
        " but not “век XXI” in Latin letters, which is what a learner types: accept both",
    ]


def test_a_roman_numeral_accepted_in_both_alphabets_is_not_reported(content_copy):
    edit(content_copy, QUIZ, "ru: [Zalo, Зало]", "ru: [XXI, ХХI, Зало, СМИ]")
    assert found(content_copy) == []
