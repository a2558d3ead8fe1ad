"""Finding Celia's notice banner in a Celianet page.

The whole rule lives here (`find_notices`). Celianet's markup has changed over
the years and no copy of the banner's HTML is public, so the rule looks for
several signals rather than one class name:

- a visible element in the page's top area (before the main content),
- named or styled as an announcement: `role="alert"`/`role="status"`, a class
  or id naming a notice, or a pink or red background;
- not a cookie or consent bar, a skip link, navigation, a news item, an empty
  or hidden element (`hidden`, `aria-hidden="true"`, `display:none`,
  `visibility:hidden`, or a class such as `hidden` or `d-none`).

`--selector` (config `banner_selector`) replaces the rule with a CSS selector
applied to the whole page; hidden and empty elements are still skipped.
"""

from __future__ import annotations

import colorsys
import re
from collections.abc import Iterable
from typing import Any

from celiatool.errors import InvalidInput
from celiatool.i18n import _

# Words that name a notice in a class or id, matched against the parts of the
# name split at - and _ (so "site-notice" matches, "noticeable" does not).
NOTICE_WORDS = frozenset(
    {
        "notice",
        "notices",
        "notification",
        "notifications",
        "announcement",
        "announcements",
        "alert",
        "alerts",
        "banner",
        "tiedote",
        "tiedotteet",
        "ilmoitus",
        "ilmoitukset",
        "häiriö",
        "hairio",
        "häiriötiedote",
        "hairiotiedote",
        "huomio",
        "varoitus",
        "warning",
        "disruption",
        "outage",
        "kayttokatko",
        "käyttökatko",
        "meddelande",
        "störning",
        "storning",
        "infobar",
        "alertbar",
        "noticebar",
        "topbar-notice",
    }
)
# Names of things that are never a notice, anywhere in a class, id or label.
EXCLUDED_NAME_RE = re.compile(
    r"cookie|consent|gdpr|eväste|evaste|cmplz|cky-|cookiebot|cybot|borlabs|"
    r"skip|screen-reader|sr-only|visually-hidden|menu|navbar|breadcrumb|search|"
    r"post-|hentry|entry-|uutinen|uutiset|news|article|comment|footer|"
    r"modal|popup|newsletter",
    re.IGNORECASE,
)
EXCLUDED_TAGS = frozenset(
    {
        "main",
        "article",
        "nav",
        "footer",
        "aside",
        "form",
        "script",
        "style",
        "noscript",
        "template",
        "button",
        "select",
        "option",
        "svg",
        "iframe",
        "dialog",
        "head",
        "title",
        "meta",
        "link",
    }
)
EXCLUDED_ROLES = frozenset(
    {
        "main",
        "navigation",
        "contentinfo",
        "complementary",
        "search",
        "dialog",
        "alertdialog",
        "menu",
        "menubar",
        "article",
        "feed",
    }
)
# Elements that are containers of the whole page or its header: a notice can
# be inside them, but they are never the notice themselves.
CONTAINER_TAGS = frozenset({"html", "body", "header"})
HIDDEN_CLASSES = frozenset({"hidden", "d-none", "is-hidden", "invisible", "hide", "u-hidden"})
HIDDEN_STYLE_RE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
BACKGROUND_RE = re.compile(r"background(?:-color)?\s*:\s*([^;]+)", re.IGNORECASE)
PALETTE_RE = re.compile(r"^has-([a-z0-9-]+)-background-color$")
MAIN_START_RE = re.compile(r"<main[\s>]|role\s*=\s*[\"']?main[\"'\s>]", re.IGNORECASE)

NAMED_COLOURS = {
    "pink": "#ffc0cb",
    "lightpink": "#ffb6c1",
    "hotpink": "#ff69b4",
    "deeppink": "#ff1493",
    "palevioletred": "#db7093",
    "mediumvioletred": "#c71585",
    "mistyrose": "#ffe4e1",
    "lavenderblush": "#fff0f5",
    "red": "#ff0000",
    "crimson": "#dc143c",
    "firebrick": "#b22222",
    "darkred": "#8b0000",
    "indianred": "#cd5c5c",
    "lightcoral": "#f08080",
    "salmon": "#fa8072",
    "darksalmon": "#e9967a",
    "lightsalmon": "#ffa07a",
    "tomato": "#ff6347",
    "maroon": "#800000",
    "rose": "#ff007f",
    # WordPress default palette names
    "pale-pink": "#f78da7",
    "vivid-red": "#cf2e2e",
    "luminous-vivid-pink": "#f78da7",
}


def _rgb_from_colour(value: str) -> tuple[float, float, float] | None:
    """An sRGB triple (0..1) from a CSS colour, or None for anything else."""
    value = value.strip().lower().replace("!important", "").strip()
    value = value.split()[0] if value and not value.startswith(("rgb", "hsl")) else value
    if value in NAMED_COLOURS:
        value = NAMED_COLOURS[value]
    m = re.fullmatch(r"#([0-9a-f]{3,8})", value)
    if m:
        h = m.group(1)
        if len(h) in (3, 4):
            h = "".join(c * 2 for c in h[:3])
        elif len(h) in (6, 8):
            h = h[:6]
        else:
            return None
        return tuple(int(h[i : i + 2], 16) / 255 for i in (0, 2, 4))  # type: ignore[return-value]
    m = re.fullmatch(
        r"rgba?\(\s*([\d.]+%?)[\s,]+([\d.]+%?)[\s,]+([\d.]+%?)(?:[\s,/]+[\d.]+%?)?\s*\)", value
    )
    if m:
        out = []
        for part in m.groups():
            num = float(part.rstrip("%"))
            out.append(num / 100 if part.endswith("%") else num / 255)
        return tuple(min(max(c, 0.0), 1.0) for c in out)  # type: ignore[return-value]
    m = re.fullmatch(
        r"hsla?\(\s*([\d.]+)(?:deg)?[\s,]+([\d.]+)%[\s,]+([\d.]+)%(?:[\s,/]+[\d.]+%?)?\s*\)", value
    )
    if m:
        hue, sat, light = float(m.group(1)) % 360, float(m.group(2)) / 100, float(m.group(3)) / 100
        return colorsys.hls_to_rgb(hue / 360, min(light, 1.0), min(sat, 1.0))
    return None


def is_pink_or_red(colour: str) -> bool:
    """True for colours in the pink–red range: hue 330°–15°, clearly saturated."""
    rgb = _rgb_from_colour(colour)
    if rgb is None:
        return False
    hue, light, sat = colorsys.rgb_to_hls(*rgb)
    degrees = hue * 360
    return (degrees >= 330 or degrees <= 15) and sat >= 0.3 and 0.2 <= light <= 0.97


def _classes(el: Any) -> list[str]:
    value = el.get("class") or []
    return value.split() if isinstance(value, str) else list(value)


def _names(el: Any) -> str:
    parts = _classes(el)
    for attr in ("id", "aria-label"):
        if el.get(attr):
            parts.append(str(el.get(attr)))
    return " ".join(parts)


def _is_hidden(el: Any) -> bool:
    if el.has_attr("hidden"):
        return True
    if str(el.get("aria-hidden", "")).strip().lower() == "true":
        return True
    if HIDDEN_CLASSES.intersection(c.lower() for c in _classes(el)):
        return True
    style = el.get("style")
    return bool(style and HIDDEN_STYLE_RE.search(str(style)))


def _is_excluded_container(el: Any) -> bool:
    if el.name in EXCLUDED_TAGS:
        return True
    if str(el.get("role", "")).strip().lower() in EXCLUDED_ROLES:
        return True
    names = _names(el)
    return bool(names and EXCLUDED_NAME_RE.search(names))


def _has_notice_signal(el: Any) -> bool:
    if el.name in CONTAINER_TAGS or str(el.get("role", "")).lower() == "banner":
        return False
    if str(el.get("role", "")).strip().lower() in ("alert", "status"):
        return True
    for name in _classes(el) + ([str(el["id"])] if el.get("id") else []):
        lowered = name.lower()
        m = PALETTE_RE.match(lowered)
        if m:
            colour = m.group(1)
            if colour in NAMED_COLOURS or re.search(r"pink|red|rose|crimson", colour):
                return True
        parts = re.split(r"[-_\s]+", lowered)
        if any(part in NOTICE_WORDS for part in parts) or lowered in NOTICE_WORDS:
            return True
    style = el.get("style")
    if style:
        for colour in BACKGROUND_RE.findall(str(style)):
            if is_pink_or_red(colour):
                return True
    return False


def _text(el: Any) -> str:
    """The visible text of an element, whitespace-normalised."""
    pieces: list[str] = []
    for node in el.descendants:
        if isinstance(node, str):
            if type(node).__name__ in (
                "Comment",
                "Doctype",
                "CData",
                "ProcessingInstruction",
                "Declaration",
            ):
                continue
            if any(
                parent.name in ("script", "style", "button", "template", "noscript")
                or _is_hidden(parent)
                for parent in _parents_until(node, el)
            ):
                continue
            pieces.append(str(node))
    return " ".join(" ".join(pieces).split())


def _parents_until(node: Any, stop: Any) -> Iterable[Any]:
    parent = node.parent
    while parent is not None and parent is not stop:
        yield parent
        parent = parent.parent


def _self_and_ancestors(el: Any) -> Iterable[Any]:
    node = el
    while node is not None and getattr(node, "name", None) not in (None, "[document]"):
        yield node
        node = node.parent


def _visible(el: Any) -> bool:
    return not any(_is_hidden(node) for node in _self_and_ancestors(el))


def _outside_excluded(el: Any) -> bool:
    return not any(_is_excluded_container(node) for node in _self_and_ancestors(el))


def _outermost(elements: list[Any]) -> list[Any]:
    chosen = set(map(id, elements))
    result = []
    for el in elements:
        if any(id(parent) in chosen for parent in el.parents):
            continue
        result.append(el)
    return result


def _unique_texts(elements: Iterable[Any]) -> list[str]:
    texts: list[str] = []
    for el in elements:
        text = _text(el)
        if text and text not in texts:
            texts.append(text)
    return texts


def top_area(html: str) -> str:
    """The part of the page before the main content: all the built-in rule needs."""
    m = MAIN_START_RE.search(html)
    return html[: m.start()] if m else html


def find_notices(html: str, selector: str | None = None) -> list[str]:
    """The texts of the notices on a page, in page order; [] when there are none."""
    from bs4 import BeautifulSoup

    if selector:
        soup = BeautifulSoup(html, "html.parser")
        try:
            found = soup.select(selector)
        except Exception as exc:  # soupsieve.SelectorSyntaxError and friends
            raise InvalidInput(
                _("The CSS selector {selector!r} is not valid: {reason}").format(
                    selector=selector, reason=str(exc).splitlines()[0]
                )
            ) from None
        return _unique_texts(_outermost([el for el in found if _visible(el)]))

    soup = BeautifulSoup(top_area(html), "html.parser")
    body = soup.body or soup
    candidates = [
        el
        for el in body.find_all(True)
        if _has_notice_signal(el) and _visible(el) and _outside_excluded(el)
    ]
    return _unique_texts(_outermost(candidates))


def check_selector(selector: str) -> str:
    """Refuse a CSS selector that soupsieve cannot compile (exit 2)."""
    import soupsieve

    try:
        soupsieve.compile(selector)
    except Exception as exc:
        raise InvalidInput(
            _("The CSS selector {selector!r} is not valid: {reason}").format(
                selector=selector, reason=str(exc).splitlines()[0]
            )
        ) from None
    return selector
