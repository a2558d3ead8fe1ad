"""Email drafts to Celia: the registrar reviews them and sends them from their own
mail program. celiatool never sends mail itself.

Templates are files in `templates/` that librarians can read and improve. A draft
renders to plain text, to an RFC 5322 message (`X-Unsent: 1`, so Outlook opens it
as an unsent draft) or to an RFC 6068 `mailto:` URI.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from celiatool.errors import InvalidInput
from celiatool.i18n import _
from celiatool.links import customer_service_email
from celiatool.validate import check_email, check_single_line, refuse_identity_code

TEMPLATES = Path(__file__).parent / "templates"
KINDS = ("unlock", "remove-registrar")
EMAIL_LANGUAGES = ("fi", "sv", "en")
# Fields a template must use, per request.
REQUIRED = {
    "unlock": frozenset({"username", "library", "name"}),
    "remove-registrar": frozenset({"registrar", "library", "name"}),
}
# Fields that go into a header (subject, To, From) and so must be on one line.
SINGLE_LINE = ("username", "library", "name", "email", "phone", "registrar", "to")


@dataclass(frozen=True)
class MailDraft:
    to: str
    subject: str
    body: str
    sender: str | None = None

    def text(self) -> str:
        return f"To: {self.to}\nSubject: {self.subject}\n\n{self.body}"

    def mailto(self) -> str:
        return mailto_uri(self.to, self.subject, self.body)

    def to_json(self) -> dict[str, str]:
        return {"to": self.to, "subject": self.subject, "body": self.body, "mailto": self.mailto()}

    def eml(self) -> bytes:
        return eml_bytes(self)


def email_language(ui_lang: str, requested: str | None) -> str:
    """--email-lang, else the UI language; an English UI drafts in Finnish unless asked."""
    if requested:
        if requested not in EMAIL_LANGUAGES:
            raise InvalidInput(
                _("{value!r} is not a language celiatool speaks; use one of: {choices}.").format(
                    value=requested, choices=", ".join(EMAIL_LANGUAGES)
                )
            )
        return requested
    return "sv" if ui_lang == "sv" else "fi"


def template_fields(text: str) -> set[str]:
    return {field for _lit, field, _spec, _conv in string.Formatter().parse(text) if field}


def load_template(kind: str, lang: str) -> str:
    return (TEMPLATES / f"{kind}.{lang}.txt").read_text("utf-8")


def _fill(text: str, values: dict[str, str]) -> str:
    """Fill the template; drop lines whose every field is empty; no double blank lines."""
    lines = []
    for line in text.splitlines():
        fields = template_fields(line)
        if fields and not any(values.get(f, "").strip() for f in fields):
            continue
        lines.append(line.format_map({f: values.get(f, "") for f in fields}) if fields else line)
    filled = "\n".join(lines).strip("\n") + "\n"
    return re.sub(r"\n{3,}", "\n\n", filled)


def render(kind: str, lang: str, values: dict[str, str], to: str | None = None) -> MailDraft:
    """A draft for `kind` ('unlock' or 'remove-registrar') in `lang`."""
    template = load_template(kind, lang)
    missing_fields = REQUIRED[kind] - template_fields(template)
    head, sep, body = template.partition("\n\n")
    if missing_fields or not sep or not head.startswith("Subject:"):
        raise InvalidInput(
            _(
                "The email template {file} is damaged "
                "(it must start with Subject: and use {fields})."
            ).format(
                file=TEMPLATES / f"{kind}.{lang}.txt", fields=", ".join(sorted(REQUIRED[kind]))
            )
        )
    subject = _fill(head[len("Subject:") :].strip(), values).strip()
    return MailDraft(
        to=to or customer_service_email(lang),
        subject=subject,
        body=_fill(body, values),
        sender=values.get("email") or None,
    )


def check_values(values: dict[str, str | None]) -> dict[str, str]:
    """Refuse line breaks in header values, bad addresses and identity codes (exit 2)."""
    labels = {
        "username": "--username", "library": "--library", "name": "--name",
        "phone": "--phone", "to": "--to", "note": "--note", "registrar": "--registrar",
        "reason": "--reason", "email": "email",
    }  # fmt: skip
    clean = {}
    for key, value in values.items():
        if value is None:
            continue
        label = labels.get(key, key)
        if key in SINGLE_LINE:
            check_single_line(value, label)
            value = value.strip()
        refuse_identity_code(value, label)
        if key in ("username", "to", "email") and value:
            check_email(value, label)
        if key == "registrar" and "@" in value:
            check_email(value, label)
        clean[key] = value
    return clean


def mailto_uri(to: str, subject: str, body: str) -> str:
    """RFC 6068: address before '?', UTF-8 percent-encoding, %20 for spaces, CRLF breaks."""
    crlf = body.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\r\n")
    return (
        "mailto:"
        + quote(to, safe="@")
        + "?subject="
        + quote(subject, safe="")
        + "&body="
        + quote(crlf, safe="")
    )


def eml_bytes(draft: MailDraft) -> bytes:
    """A standard message: UTF-8, MIME-encoded headers, `X-Unsent: 1`, CRLF lines."""
    from email import policy
    from email.message import EmailMessage
    from email.utils import formatdate

    msg = EmailMessage(policy=policy.SMTP)
    msg["To"] = draft.to
    if draft.sender:
        msg["From"] = draft.sender
    msg["Subject"] = draft.subject
    msg["Date"] = formatdate(localtime=True)
    msg["X-Unsent"] = "1"
    msg.set_content(draft.body, charset="utf-8", cte="quoted-printable")
    return msg.as_bytes()
