"""Words the types share for their scoring notes: shares of a question's points, in a language.

A share is a fraction of the question's points, written as a fraction ("2/3", "+1/4", "−1")
whatever the language; a total adds its percentage in the language's style ("66.7%", "66,7 %").
"""

from decimal import Decimal
from fractions import Fraction

from babel.numbers import format_percent
from flask_babel import gettext as _

MINUS = "\u2212"  # a minus sign, not a hyphen


def fraction(value: Fraction) -> str:
    """2/3, 1, 0: the same in every language."""
    value = abs(value)
    return str(value.numerator) if value.denominator == 1 else f"{value}"


def signed(value: Fraction) -> str:
    """+2/3, −1/4; 0 stays 0."""
    if value == 0:
        return "0"
    return ("+" if value > 0 else MINUS) + fraction(value)


def percent(value: Fraction, lang: str) -> str:
    """A fraction of the points as a percentage, to one decimal: 66.7%, 66,7 %."""
    rounded = Decimal(str(round(float(value) * 100, 1))) / 100
    return format_percent(rounded, locale=lang, decimal_quantization=False)


def points_share(value: Fraction, lang: str) -> str:
    """What an answer earns: "2/3 of the question's points (66.7%)", or none of them."""
    if value <= 0:
        return _("no points")
    if value >= 1:
        return _("all of the question's points")
    # i18n: share is a fraction such as 2/3, percent the same as a percentage
    return _(
        "%(share)s of the question's points (%(percent)s)",
        share=fraction(value),
        percent=percent(value, lang),
    )


def equal_shares(label: str, right: int, count: int, lang: str) -> str:
    """A rule of equal shares applied: "<label>: 2 of 3, each +1/3: 2/3 of the points (…)."."""
    each = Fraction(1, count)
    # i18n: label names what was counted ("Items in their right place"); each is a share
    # such as +1/3; total says what the answer earns ("2/3 of the question's points (66.7%)")
    return _(
        "%(label)s: %(right)d of %(count)d, each %(each)s: %(total)s.",
        label=label,
        right=right,
        count=count,
        each=signed(each),
        total=points_share(each * right, lang),
    )
