"""Citations a learner can follow: a digest of every content paragraph, in every language."""

from pathlib import Path

import pytest
from markupsafe import escape

from course.content.loader import load_catalog
from course.languages import COURSE_CODES
from tests.test_content_validation import edit, problems

SOURCES = "lessons/sources.yaml"
COURSE_ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def course_catalog():
    return load_catalog(COURSE_ROOT)


def test_every_content_paragraph_has_a_digest_in_every_language(course_catalog):
    for source in course_catalog.sources.values():
        assert sorted(source.digests) == source.content_paragraphs()
        for number, digest in source.digests.items():
            for lang in COURSE_CODES:
                assert digest[lang], f"{source.id} ¶{number} ({lang})"
    assert sum(len(s.digests) for s in course_catalog.sources.values()) == 37


def test_a_missing_digest_is_refused_naming_its_paragraph(content_copy):
    text = (content_copy / SOURCES).read_text(encoding="utf-8")
    start = text.index("    12:\n")
    end = text.index("    13:\n")
    (content_copy / SOURCES).write_text(text[:start] + text[end:], encoding="utf-8")
    assert any("vi ¶12 has no digest" in p for p in problems(content_copy))


def test_a_missing_language_of_a_digest_is_refused(content_copy):
    path = content_copy / SOURCES
    text = path.read_text(encoding="utf-8")
    russian = text.index("      ru: ", text.index("    12:\n"))
    path.write_text(text[:russian] + "      xx: " + text[russian + 10 :], encoding="utf-8")
    found = problems(content_copy)
    assert any("digest of vi ¶12 is missing its 'ru' text" in p for p in found)
    assert any("digest of vi ¶12 has unknown languages: xx" in p for p in found)


@pytest.mark.parametrize(
    ("paragraph", "message"),
    [
        (3, "digest of vi ¶3: that paragraph is not_content"),
        (18, "digest of vi ¶18: that article has ¶1–17"),
    ],
)
def test_a_digest_of_a_paragraph_without_content_is_refused(content_copy, paragraph, message):
    digest = f"    {paragraph}:\n      vi: 'Một đoạn văn không có nội dung cần tóm tắt ở đây.'\n"
    edit(content_copy, SOURCES, "    4:\n", digest + "    4:\n")
    assert any(message in p for p in problems(content_copy))


def test_a_digest_too_short_to_say_anything_is_refused(content_copy):
    edit(
        content_copy,
        SOURCES,
        "      en: 'Zalo, a messaging app,",
        "      en: 'Zalo.'\n      x: 'Zalo, a messaging app,",
    )
    assert any("digest of vi ¶13 (en) has 5 characters" in p for p in problems(content_copy))


@pytest.mark.parametrize("lang", ["vi", "ru"])
def test_sources_page_has_no_english_field_values(client, course_catalog, lang):
    html = client.get(f"/{lang}/sources").get_data(as_text=True)
    for source in course_catalog.sources.values():
        for field in (source.translated_title, source.publication):
            if field["en"] != field[lang]:
                assert field["en"] not in html
        assert source.publication[lang] in html


@pytest.mark.parametrize("lang", COURSE_CODES)
def test_sources_page_shows_each_digest_and_the_lessons_citing_it(client, course_catalog, lang):
    html = client.get(f"/{lang}/sources").get_data(as_text=True)
    for source in course_catalog.sources.values():
        for digest in source.digests.values():
            assert digest[lang].replace("'", "&#39;").replace('"', "&#34;") in html
    assert 'id="vi-6"' in html
    assert f'href="/{lang}/lessons/first-lesson"' in html


@pytest.mark.parametrize("lang", COURSE_CODES)
def test_module_previews_have_no_citation_markers_and_end_a_sentence(app, lang):
    from course.content.access import get_catalog  # noqa: PLC0415
    from course.lessons.previews import preview_text  # noqa: PLC0415

    client = app.test_client()
    with app.app_context():
        catalog = get_catalog()
    for module in catalog.modules.values():
        html = client.get(f"/{lang}/modules/{module.id}").get_data(as_text=True)
        assert "¶" not in html
        for lesson_id in module.lesson_ids:
            preview = preview_text(catalog.lessons[lesson_id].texts[lang].summary)
            assert preview.rstrip()[-1] in ".!?…", preview
            assert str(escape(preview)) in html


@pytest.mark.parametrize("lang", COURSE_CODES)
def test_previews_of_every_course_lesson_end_a_sentence_without_markers(course_catalog, lang):
    from course.lessons.previews import PREVIEW_LENGTH, preview_text  # noqa: PLC0415

    for lesson in course_catalog.lessons.values():
        preview = preview_text(lesson.texts[lang].summary)
        assert "¶" not in preview and "[" not in preview, preview
        assert preview[-1] in ".!?…", preview
        assert len(preview) <= PREVIEW_LENGTH or preview.count(".") <= 1


@pytest.mark.parametrize(
    ("lang", "label"),
    [
        ("en", "Dated from outside sources."),
        ("vi", "Ngày tháng không lấy từ bài viết"),
        ("ru", "Дата взята не из статьи"),
    ],
)
def test_timeline_says_how_outside_events_relate_to_the_paragraph_they_cite(
    course_catalog, lang, label, tmp_path
):
    from tests.conftest import close_app, make_app  # noqa: PLC0415

    app = make_app(tmp_path, content_dir=COURSE_ROOT)
    html = app.test_client().get(f"/{lang}/timeline").get_data(as_text=True)
    close_app(app)
    outside = [e for e in course_catalog.timeline if e.is_outside_context]
    assert len(outside) == 10
    assert html.count(label) == len(outside)
