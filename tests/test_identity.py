"""Finnish personal identity codes are recognised and refused (property tests)."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from celiatool.validate import (
    CENTURY_SIGNS,
    HETU_CHECK_CHARS,
    contains_identity_code,
    hetu_checksum,
)

BIRTHDAYS = st.dates(min_value=date(1850, 1, 1), max_value=date(2099, 12, 31))


@st.composite
def identity_codes(draw, valid_checksum=True):
    day = draw(BIRTHDAYS)
    sign = draw(st.sampled_from(CENTURY_SIGNS))
    individual = draw(st.integers(2, 899))
    digits = f"{day:%d%m%y}{individual:03d}"
    check = hetu_checksum(digits) if valid_checksum else draw(st.sampled_from(HETU_CHECK_CHARS))
    return f"{digits[:6]}{sign}{digits[6:]}{check}"


@given(identity_codes())
def test_every_valid_code_is_recognised(code):
    assert contains_identity_code(code)
    assert contains_identity_code(f"Asiakas {code}, kortti 12345")
    assert contains_identity_code(code.lower())


@pytest.mark.parametrize("sign", list(CENTURY_SIGNS))
def test_every_century_sign(sign):
    for day, individual in (
        (date(1952, 10, 13), 308),
        (date(2004, 2, 29), 125),
        (date(1899, 12, 31), 900),
    ):
        digits = f"{day:%d%m%y}{individual:03d}"
        code = f"{digits[:6]}{sign}{digits[6:]}{hetu_checksum(digits)}"
        assert contains_identity_code(code), code


@given(identity_codes(valid_checksum=False))
def test_invalid_checksum_is_still_refused(code):
    assert contains_identity_code(code)


@given(st.text(alphabet="0123456789", min_size=1, max_size=20))
def test_card_numbers_are_not_identity_codes(number):
    assert not contains_identity_code(number)
    assert not contains_identity_code(f"kortti {number}")


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31)))
def test_dates_are_not_identity_codes(day):
    for text in (
        day.isoformat(),
        f"{day.day}.{day.month}.{day.year}",
        f"{day:%d%m%Y}",
        f"{day:%d.%m.%y}",
    ):
        assert not contains_identity_code(text)


@pytest.mark.parametrize(
    "code",
    ["131052-308T", "010594Y9032", "010594Y9021", "020505A1234", "311299+1234", "150101U123A"],
)
def test_known_codes(code):
    assert contains_identity_code(code)


@pytest.mark.parametrize(
    "text",
    [
        "1234567890",
        "2026-12-31",
        "31.12.2026",
        "Celia-asiakas 4711",
        "kortti 12345678901",
        "A131052-308T5",
        "Liisa Lainaaja",
        "+358 40 123 4567",
    ],
)
def test_ordinary_text(text):
    assert not contains_identity_code(text)
