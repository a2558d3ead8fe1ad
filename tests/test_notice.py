"""The notice rule, on a table of saved pages (tests/fixtures/pages/cases.toml)."""

from __future__ import annotations

import tomllib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.conftest import FIXTURES

from celiatool.errors import CheckFailed, InvalidInput
from celiatool.notice import check_selector, find_notices, is_pink_or_red, top_area
from celiatool.status import decode_page

PAGES = FIXTURES / "pages"
CASES = tomllib.loads((PAGES / "cases.toml").read_text("utf-8"))


def test_every_saved_page_has_a_case():
    assert {p.stem for p in PAGES.glob("*.html")} == set(CASES)


@pytest.mark.parametrize("name", sorted(CASES))
def test_saved_page_verdict(name):
    case = CASES[name]
    html = decode_page((PAGES / f"{name}.html").read_bytes(), "text/html; charset=utf-8")
    notices = find_notices(html)
    assert notices == case["notices"]
    assert ("notice" if notices else "clear") == case["state"]


@pytest.mark.parametrize(
    "colour",
    [
        "pink",
        "#ffc0cb",
        "#f8d7da",
        "#fcc",
        "rgb(255, 182, 193)",
        "rgba(220,20,60,0.9)",
        "hsl(350, 80%, 85%)",
        "#cf2e2e",
        "crimson",
        "#F78DA7",
        "red !important",
    ],
)
def test_pink_and_red(colour):
    assert is_pink_or_red(colour)


@pytest.mark.parametrize(
    "colour",
    [
        "#ffffff",
        "white",
        "#e0f0ff",
        "orange",
        "#ffa500",
        "#808080",
        "transparent",
        "url(x.png)",
        "#00ff00",
        "hsl(200, 80%, 50%)",
        "inherit",
        "#fff5f5f5",
    ],
)
def test_not_pink(colour):
    assert not is_pink_or_red(colour)


def test_own_selector_replaces_the_rule():
    html = (PAGES / "clear_news_post.html").read_text("utf-8")
    assert find_notices(html, "article .entry-title") == [
        "Käyttökatko Celian palveluissa 20.8.2019"
    ]
    # applied to the whole page, but hidden or empty elements are still skipped
    page = '<body><p class="x" hidden>a</p><p class="x"> </p><p class="x">b <b>c</b></p></body>'
    assert find_notices(page, ".x") == ["b c"]
    assert find_notices(html, ".does-not-exist") == []


def test_invalid_selector_is_usage_error():
    with pytest.raises(InvalidInput):
        check_selector("div[")
    with pytest.raises(InvalidInput):
        find_notices("<body></body>", "p:::bad")


def test_top_area_stops_at_main_content():
    html = "<body><div class=notice>a</div><main><div class=notice>b</div></main></body>"
    assert top_area(html) == "<body><div class=notice>a</div>"
    assert find_notices(html) == ["a"]


def test_nested_signals_are_one_notice():
    html = (
        '<body><div class="notice" style="background:pink">'
        '<p role="alert">Yksi</p> <p>kaksi</p></div></body>'
    )
    assert find_notices(html) == ["Yksi kaksi"]


def test_duplicate_texts_reported_once():
    html = '<body><div class="notice">Sama</div><div class="alert">Sama</div></body>'
    assert find_notices(html) == ["Sama"]


@pytest.mark.parametrize(
    ("body", "content_type", "reason"),
    [
        (b"", "text/html", "empty"),
        (b"   \n", "text/html", "empty"),
        (b'{"a": 1}', "application/json", "application/json"),
        (b"%PDF-1.7 ...", "", "not HTML"),
        (b"<html><head></head></html>", "text/html", "no body"),
    ],
)
def test_page_problems(body, content_type, reason):
    with pytest.raises(CheckFailed, match=reason):
        decode_page(body, content_type)


def test_latin1_and_invalid_utf8():
    latin = '<html><body><div class="notice">Häiriö</div></body></html>'.encode("latin-1")
    assert find_notices(decode_page(latin, "text/html; charset=ISO-8859-1")) == ["Häiriö"]
    meta = (
        b'<html><head><meta charset="iso-8859-1"></head>'
        b"<body><div role=alert>\xe4\xe4</div></body></html>"
    )
    assert find_notices(decode_page(meta, "text/html")) == ["ää"]
    broken = b'<html><body><div class="notice">Vika \xff\xfe kirjahaussa</div></body></html>'
    assert find_notices(decode_page(broken, "text/html; charset=utf-8")) == [
        "Vika \ufffd\ufffd kirjahaussa"
    ]


# Random pages built only from elements without notice signals never yield a notice.
SAFE_TAGS = st.sampled_from(
    ["div", "p", "span", "section", "h1", "h2", "ul", "li", "a", "strong", "header"]
)
SAFE_CLASSES = st.sampled_from(
    ["", "site-header", "hero", "content", "logo", "col", "row", "intro", "teaser"]
)
SAFE_COLOURS = st.sampled_from(
    ["", "background-color:#ffffff", "background:#e0f0ff", "color:red", "background:orange"]
)
TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="<>&"), max_size=30
)


@st.composite
def safe_html(draw, depth=0):
    parts = []
    for _ in range(draw(st.integers(0, 4))):
        tag = draw(SAFE_TAGS)
        cls = draw(SAFE_CLASSES)
        style = draw(SAFE_COLOURS)
        attrs = (f' class="{cls}"' if cls else "") + (f' style="{style}"' if style else "")
        inner = draw(safe_html(depth + 1)) if depth < 3 else ""
        parts.append(f"<{tag}{attrs}>{draw(TEXT)}{inner}</{tag}>")
    return "".join(parts)


@settings(max_examples=150, deadline=None)
@given(safe_html())
def test_no_signal_no_notice(fragment):
    assert find_notices(f"<html><body>{fragment}</body></html>") == []


@settings(max_examples=200, deadline=None)
@given(
    st.binary(max_size=2000),
    st.sampled_from(["", "text/html", "text/html; charset=utf-8", "text/html; charset=bogus"]),
)
def test_arbitrary_bytes_never_crash(body, content_type):
    try:
        html = decode_page(body, content_type)
    except CheckFailed:
        return
    assert isinstance(find_notices(html), list)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=500))
def test_arbitrary_text_with_body_never_crashes(text):
    assert isinstance(find_notices(f"<body>{text}</body>"), list)
