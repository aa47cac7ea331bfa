"""The fixture content with a fill-in-the-blanks question added to its quiz."""

from pathlib import Path

QUIZ = "quizzes/demo-quiz.yaml"
CLOZE = """\
  - id: q-cloze
    type: cloze
    lesson: second-lesson
    cite: [vi ¶13]
    overlaps: [q-text]
    prompt: {en: Fill in the passage, vi: Điền vào đoạn văn, ru: Заполните пропуски}
    text:
      en: "In [[year]] the ministry opened a page on [[tool]], run by *[[whom]]* [vi ¶13]."
      vi: "Năm [[year]], bộ mở trang trên [[tool]] do [[whom]] quản lý [vi ¶13]."
      ru: "Страницу в [[tool]] министерство открыло в [[year]] году; ведёт её [[whom]] [vi ¶13]."
    gaps:
      - id: year
        kind: text
        accept: {en: ["2019"], vi: ["2019"], ru: ["2019"]}
      - id: tool
        kind: choice
        options:
          - id: zalo
            text: {en: Zalo, vi: Zalo, ru: Zalo}
          - id: fax
            text: {en: fax, vi: máy fax, ru: факс}
          - id: radio
            text: {en: radio, vi: đài phát thanh, ru: радио}
        answer: zalo
      - id: whom
        kind: text
        accept: {en: [the press office], vi: [Vụ Thông tin Báo chí], ru: [пресс-служба]}
        ignore_diacritics: true
    explanation: {en: Explanation cloze EN, vi: Giải thích điền chỗ trống, ru: Пояснение пропуски}
"""


def add_cloze(root: Path) -> Path:
    """Append the cloze question to the fixture quiz under `root`; it and q-text (both Zalo,
    from vi ¶13) name each other in `overlaps`."""
    quiz = root / QUIZ
    text = quiz.read_text(encoding="utf-8")
    text = text.replace("  - id: q-text\n", "  - id: q-text\n    overlaps: [q-cloze]\n", 1)
    quiz.write_text(text + CLOZE, encoding="utf-8")
    return root
