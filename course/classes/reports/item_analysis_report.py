"""Item analysis as a report: a row per question of the quiz's pool."""

from collections.abc import Callable
from dataclasses import dataclass

from flask_babel import gettext as _
from flask_babel import ngettext
from markupsafe import Markup, escape

from course.classes.display import OptionRow, option_rows
from course.classes.reports.cells import Figures, Fragment, LinkTemplate
from course.classes.reports.item_analysis import ItemStats
from course.classes.reports.report import Column, Report
from course.i18n import get_locale
from course.languages import languages

QUESTION = Fragment('<a href="{href}">{label}</a><br><span class="meta">{id}</span>{flag}')
FLAG = Fragment('<br><span class="badge badge-todo">⚑ {text}</span>')
BY_LANGUAGE = Fragment('{facility}<br><span class="meta">{answers}</span>')
OPTION = Fragment("<li>{text}{key}: {times}</li>")
OPTIONS = Fragment('<ul class="option-counts">{items}</ul>')


@dataclass(frozen=True, slots=True)
class ItemRow:
    number: int  # the question's place in the pool
    stats: ItemStats
    options: tuple[tuple[OptionRow, int], ...]  # each option the type counts, and how often


def item_rows(stats: list[ItemStats]) -> list[ItemRow]:
    return [
        ItemRow(n, s, tuple((o, s.option_counts.get(o.id, 0)) for o in option_rows(s.question)))
        for n, s in enumerate(stats, start=1)
    ]


def item_analysis_report(rows: list[ItemRow], class_id: int) -> Report[ItemRow]:
    figures, lang = Figures(), get_locale()
    columns = [
        _question_column(class_id),
        Column(
            key="prompt",
            label=_("Prompt"),
            value=lambda row: row.stats.question.prompt[lang],
            html=escape,  # sanitised HTML already
            csv_headers=(_("Prompt"),),
            csv=lambda prompt: (prompt.striptags(),),
        ),
        _figure_column("answers", _("Answers"), lambda s: s.responses, figures.number),
        _figure_column(
            "facility",
            _("Facility"),
            lambda s: None if s.facility is None else s.facility * 100,
            figures.percent,
        ),
        _figure_column(
            "discrimination", _("Discrimination"), lambda s: s.discrimination, figures.number
        ),
    ]
    columns += [_language_column(c, lang.native_name, figures) for c, lang in languages().items()]
    columns.append(_options_column(lang))
    return Report(columns, rows, default_sort="number")


def _question_column(class_id: int) -> Column[ItemRow]:
    link = LinkTemplate("reports.question", ("question_id",), class_id=class_id)

    def html(row: ItemRow) -> Markup:
        question, flagged = row.stats.question, row.stats.flagged_language
        text = _("Differs in %(language)s", language=_native_name(flagged))
        flag = FLAG(text=text) if flagged else ""
        label = _("Question %(num)d", num=row.number)
        return QUESTION(href=link(question_id=question.id), label=label, id=question.id, flag=flag)

    return Column(
        key="number",
        label=_("Question"),
        value=lambda row: row,
        html=html,
        csv_headers=(_("Number"), _("Question ID"), _("Differs in language")),
        csv=lambda row: (
            row.number,
            row.stats.question.id,
            _native_name(row.stats.flagged_language),
        ),
        sort=lambda row: row.number,
        is_row_header=True,
    )


def _figure_column(
    key: str,
    label: str,
    of_stats: Callable[[ItemStats], float | None],
    show: Callable[..., str],
) -> Column[ItemRow]:
    """A figure of each question: shown in the page's locale, written as a figure in the file."""
    return Column(
        key=key,
        label=label,
        value=lambda row: of_stats(row.stats),
        html=lambda value: escape(show(value)),
        csv_headers=(label,),
        csv=lambda value: (show(value, ""),),
        sort=lambda value: -1 if value is None else value,
    )


def _language_column(code: str, name: str, figures: Figures) -> Column[ItemRow]:
    def html(found: tuple[int, float] | None) -> Markup:
        if found is None:
            return Markup("—")
        answers, facility = found
        return BY_LANGUAGE(
            facility=figures.percent(facility * 100),
            answers=ngettext("%(num)d answer", "%(num)d answers", answers),
        )

    return Column(
        key=f"lang-{code}",
        label=_("Facility in %(language)s", language=name),
        value=lambda row: row.stats.by_language.get(code),
        html=html,
        csv_headers=(
            _("%(language)s: answers", language=name),
            _("%(language)s: facility", language=name),
        ),
        csv=lambda found: (
            ("", "") if found is None else (found[0], figures.percent(found[1] * 100))
        ),
        sort=lambda found: -1 if found is None else found[1],
    )


def _options_column(lang: str) -> Column[ItemRow]:
    def html(options: tuple[tuple[OptionRow, int], ...]) -> Markup:
        if not options:
            return Markup("")
        items = Markup("").join(
            OPTION(text=o.text[lang], key=" ✓" if o.is_key else "", times=n) for o, n in options
        )
        return OPTIONS(items=items)

    def csv(options: tuple[tuple[OptionRow, int], ...]) -> tuple[str]:
        parts = (f"{o.text[lang].striptags()}{' ✓' if o.is_key else ''}: {n}" for o, n in options)
        return ("; ".join(parts),)

    return Column(
        key="options",
        label=_("How often each option was chosen"),
        value=lambda row: row.options,
        html=html,
        csv_headers=(_("How often each option was chosen"),),
        csv=csv,
    )


def _native_name(code: str | None) -> str:
    return languages()[code].native_name if code else ""
