"""Email drafts: templates, eml that mail programs parse, mailto, bad input."""

from __future__ import annotations

import email
import json
from email import policy
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from celiatool import mail
from celiatool.errors import InvalidInput

SENDER = [
    ("name", "Maija Meikäläinen"),
    ("email", "maija.meikalainen@kallio.example"),
    ("library", "Kallion kirjasto"),
    ("phone", "09 310 85000"),
]


@pytest.fixture
def configured(cli):
    for key, value in SENDER:
        assert cli("config", "set", key, value).exit_code == 0
    return cli


def decode_mailto(uri: str) -> tuple[str, str, str]:
    parts = urlsplit(uri)
    assert parts.scheme == "mailto"
    query = parse_qs(parts.query, keep_blank_values=True)
    return unquote(parts.path), query["subject"][0], query["body"][0]


def test_unlock_text_defaults_to_finnish_and_config(configured):
    run = configured("--lang", "fi", "email", "unlock")
    assert run.exit_code == 0
    lines = run.stdout.splitlines()
    assert lines[0] == "To: palvelut@celia.fi"
    assert lines[1] == "Subject: Rekisteröijätunnuksen lukituksen avaaminen – Kallion kirjasto"
    assert lines[2] == ""
    body = "\n".join(lines[3:])
    for value in (
        "maija.meikalainen@kallio.example",
        "Kallion kirjasto",
        "Maija Meikäläinen",
        "09 310 85000",
    ):
        assert value in body
    assert "salasana" in body.lower()


def test_english_ui_drafts_in_finnish_unless_asked(configured):
    run = configured("--lang", "en", "email", "unlock")
    assert "Rekisteröijätunnuksen" in run.stdout
    run = configured("--lang", "en", "email", "unlock", "--email-lang", "en")
    assert "Subject: Please release a locked registrar account – Kallion kirjasto" in run.stdout
    assert run.stdout.startswith("To: palvelut@celia.fi")


def test_swedish_goes_to_tjanster(configured):
    run = configured("--lang", "sv", "email", "unlock")
    assert run.stdout.startswith("To: tjanster@celia.fi\nSubject: Upplåsning av registrerarkonto")
    run = configured("email", "unlock", "--email-lang", "sv")
    assert run.stdout.startswith("To: tjanster@celia.fi")
    run = configured("email", "unlock", "--email-lang", "sv", "--to", "it@kallio.example")
    assert run.stdout.startswith("To: it@kallio.example")


def test_colleagues_account_and_note(configured):
    run = configured(
        "email",
        "unlock",
        "--username",
        "liisa@kallio.example",
        "--note",
        "Lukittui aamulla.\nKiireellinen.",
    )
    assert "liisa@kallio.example" in run.stdout
    assert "Lukittui aamulla.\nKiireellinen." in run.stdout


def test_optional_lines_are_left_out(cli):
    run = cli(
        "email", "unlock", "--username", "a@b.fi", "--library", "Kirjasto X", "--name", "Aino"
    )
    assert run.exit_code == 0
    assert (
        "{" not in run.stdout
        and "Lisätietoja" not in run.stdout
        and "More information" not in run.stdout
    )
    assert "\n\n\n" not in run.stdout


def test_remove_registrar(configured):
    run = configured(
        "email",
        "remove-registrar",
        "--registrar",
        "Liisa Lainaaja",
        "--reason",
        "Siirtyi toiseen kirjastoon",
    )
    assert run.exit_code == 0
    assert "Rekisteröijän poistaminen" in run.stdout
    assert "Liisa Lainaaja" in run.stdout and "Siirtyi toiseen kirjastoon" in run.stdout
    missing = configured("email", "remove-registrar")
    assert missing.exit_code == 2


def test_eml_parses_back(configured, tmp_path):
    out = tmp_path / "draft.eml"
    run = configured("--lang", "fi", "email", "unlock", "--format", "eml", "--output", str(out))
    assert run.exit_code == 0 and run.stdout == "" and str(out) in run.stderr
    raw = out.read_bytes()
    assert raw.isascii()  # 7-bit clean: MIME-encoded headers, quoted-printable body
    msg = email.message_from_bytes(raw, policy=policy.default)
    assert msg["To"] == "palvelut@celia.fi"
    assert msg["Subject"] == "Rekisteröijätunnuksen lukituksen avaaminen – Kallion kirjasto"
    assert msg["X-Unsent"] == "1"
    assert msg["From"] == "maija.meikalainen@kallio.example"
    text = configured("--lang", "fi", "email", "unlock").stdout
    assert msg.get_content().replace("\r\n", "\n") == text.split("\n\n", 1)[1]
    assert msg.get_content_type() == "text/plain" and msg.get_content_charset() == "utf-8"
    # the legacy compat32 parser (what many mail programs mirror) agrees
    old = email.message_from_bytes(raw)
    assert (
        str(email.header.make_header(email.header.decode_header(old["Subject"]))) == msg["Subject"]
    )


def test_eml_to_stdout(configured):
    run = configured("--lang", "sv", "email", "unlock", "--format", "eml")
    msg = email.message_from_string(run.stdout, policy=policy.default)
    assert msg["Subject"].startswith("Upplåsning") and msg["X-Unsent"] == "1"


def test_output_not_overwritten_without_force(configured, tmp_path):
    out = tmp_path / "draft.eml"
    out.write_text("keep me")
    run = configured("email", "unlock", "--format", "eml", "--output", str(out))
    assert run.exit_code == 2 and "--force" in run.stderr
    assert out.read_text() == "keep me"
    run = configured("email", "unlock", "--format", "eml", "--output", str(out), "--force")
    assert run.exit_code == 0 and out.read_text() != "keep me"


def test_mailto_format_and_json(configured):
    uri = configured("email", "unlock", "--format", "mailto").stdout.strip()
    assert uri.startswith("mailto:palvelut@celia.fi?subject=")
    assert "+" not in uri and " " not in uri and "%20" in uri and "%0D%0A" in uri
    data = json.loads(configured("email", "unlock", "--json").stdout)
    assert set(data) == {"to", "subject", "body", "mailto"}
    to, subject, body = decode_mailto(data["mailto"])
    assert (to, subject) == (data["to"], data["subject"])
    assert body.replace("\r\n", "\n") == data["body"]


def test_open_uses_the_opener(configured, monkeypatch):
    from celiatool.cli import opening

    seen = []
    monkeypatch.setattr(opening, "OPENER", lambda url: seen.append(url) or True)
    run = configured("email", "unlock", "--open")
    assert run.exit_code == 0 and len(seen) == 1 and seen[0].startswith("mailto:palvelut@celia.fi?")
    monkeypatch.setattr(opening, "OPENER", lambda url: False)
    run = configured("email", "unlock", "--open")
    assert run.exit_code == 0 and run.stdout.startswith("mailto:") and "mail program" in run.stderr


def test_missing_details_are_named(cli):
    run = cli("email", "unlock", "--no-input")
    assert run.exit_code == 2
    for words in (
        "config set email",
        "config set library",
        "config set name",
        "--username",
        "--library",
        "--name",
    ):
        assert words in run.stderr
    run = cli("email", "unlock", "--library", "X", "--name", "Y")
    assert run.exit_code == 2 and "--username" in run.stderr and "config set name" not in run.stderr


@pytest.mark.parametrize(
    "args",
    [
        ("--library", "Kallio\r\nBcc: evil@example.org"),
        ("--name", "Maija\nCc: x@y.fi"),
        ("--username", "a@b.fi\nBcc: c@d.fi"),
        ("--to", "palvelut@celia.fi\r\nBcc: evil@example.org"),
        ("--phone", "0401234567\nX-Evil: 1"),
    ],
)
def test_header_injection_refused(configured, args):
    run = configured("email", "unlock", *args)
    assert run.exit_code == 2 and "one line" in run.stderr and run.stdout == ""


@pytest.mark.parametrize("args", [("--username", "maija.kallio.fi"), ("--to", "palvelut at celia")])
def test_invalid_email_refused(configured, args):
    run = configured("email", "unlock", *args)
    assert run.exit_code == 2 and "not a valid email address" in run.stderr


@pytest.mark.parametrize(
    "args",
    [
        ("--note", "Asiakkaan hetu 131052-308T"),
        ("--library", "010101A123B"),
        ("--name", "Maija 311299+123K"),
    ],
)
def test_identity_code_refused(configured, args):
    run = configured("email", "unlock", *args)
    assert run.exit_code == 2 and "identity code" in run.stderr


def test_identity_code_refused_in_remove_registrar(configured):
    run = configured(
        "email", "remove-registrar", "--registrar", "Liisa", "--reason", "hetu 120464-126J"
    )
    assert run.exit_code == 2


@pytest.mark.parametrize("kind", mail.KINDS)
@pytest.mark.parametrize("lang", mail.EMAIL_LANGUAGES)
def test_every_template_renders_with_required_fields(kind, lang):
    template = mail.load_template(kind, lang)
    assert template.startswith("Subject:")
    assert mail.REQUIRED[kind] <= mail.template_fields(template), f"{kind}.{lang} lost a field"
    word = {"fi": "salasan", "sv": "lösenord", "en": "password"}[lang]
    assert word in template.lower(), f"{kind}.{lang} no longer says that no password is needed"
    values = {"username": "a@b.fi", "registrar": "R", "library": "L", "name": "N"}
    draft = mail.render(kind, lang, values)
    assert "L" in draft.subject and "N" in draft.body and "{" not in draft.body


def test_damaged_template_is_reported(monkeypatch, tmp_path):
    (tmp_path / "unlock.fi.txt").write_text("Subject: x\n\nHei {name}\n")
    monkeypatch.setattr(mail, "TEMPLATES", tmp_path)
    with pytest.raises(InvalidInput, match="damaged"):
        mail.render("unlock", "fi", {"name": "x"})


TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=200)


@settings(max_examples=300, deadline=None)
@given(subject=TEXT, body=TEXT)
def test_mailto_round_trip(subject, body):
    uri = mail.mailto_uri("palvelut@celia.fi", subject, body)
    assert uri.isascii() and "+" not in uri and " " not in uri
    head, _, _query = uri.partition("?")
    assert head == "mailto:palvelut@celia.fi"
    _to, got_subject, got_body = decode_mailto(uri)
    assert got_subject == subject
    normalised = body.replace("\r\n", "\n").replace("\r", "\n")
    assert got_body == normalised.replace("\n", "\r\n")


def test_asks_for_missing_details_on_a_terminal(cli, monkeypatch):
    from celiatool.cli import email_cmd

    monkeypatch.setattr(email_cmd, "is_terminal", lambda stream=None: True)
    run = cli("email", "unlock", input="liisa@kallio.example\nKallion kirjasto\nLiisa\n")
    assert run.exit_code == 0
    assert (
        "Käyttäjätunnus: liisa@kallio.example" in run.stdout or "liisa@kallio.example" in run.stdout
    )
    assert "Liisa" in run.stdout
    refused = cli("email", "unlock", "--no-input")
    assert refused.exit_code == 2
