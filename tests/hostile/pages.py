"""The POST forms of a page, read with html.parser: what a browser would send.

Reading the rendered page rather than the WTForms classes finds the real field
names (hidden ones, the prefixes of forms inside forms, the options a select
offers right now), so the hostile values go exactly where a browser puts them.
"""

from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

TEXT_TYPES = {"text", "search", "email", "password", "url", "tel", "hidden", "textarea"}


@dataclass
class FormField:
    """One name of a form: its kind, the value it holds now and the values it offers."""

    name: str
    kind: str  # an input type ("text", "date", "checkbox"…), "textarea" or "select"
    value: str = ""
    options: list[str] = field(default_factory=list)
    max_length: int | None = None
    numeric: bool = False  # inputmode numeric or decimal: a number typed as text
    multiple: bool = False


@dataclass
class PostForm:
    action: str  # the path it posts to
    fields: dict[str, FormField] = field(default_factory=dict)
    has_file: bool = False

    def add(self, name: str, kind: str, attrs: dict, value: str = "") -> FormField:
        known = self.fields.get(name)
        if known is None:
            maxlength = attrs.get("maxlength")
            known = self.fields[name] = FormField(
                name=name,
                kind=kind,
                value=value if kind not in ("checkbox", "radio") else "",
                max_length=int(maxlength) if maxlength and maxlength.isdigit() else None,
                numeric=attrs.get("inputmode") in ("numeric", "decimal"),
                multiple="multiple" in attrs or kind == "checkbox",
            )
        if kind in ("checkbox", "radio"):
            known.options.append(value)
            if "checked" in attrs and not known.value:
                known.value = value
        return known


class _FormReader(HTMLParser):
    def __init__(self, page_path: str):
        super().__init__(convert_charrefs=True)
        self.page_path = page_path
        self.forms: list[PostForm] = []
        self.form: PostForm | None = None
        self.select: FormField | None = None
        self.option: dict | None = None
        self.textarea: FormField | None = None

    def handle_starttag(self, tag, attrs):
        a = {k: (v if v is not None else "") for k, v in attrs}
        if tag == "form":
            if a.get("method", "get").lower() == "post":
                action = urljoin(self.page_path, a.get("action") or self.page_path)
                self.form = PostForm(action=urlsplit(action).path)
                self.forms.append(self.form)
            return
        if self.form is None or "disabled" in a:
            return
        name = a.get("name")
        if tag == "input" and name:
            kind = a.get("type", "text").lower()
            if kind in ("submit", "button", "image", "reset"):
                kind = "button"
            self.form.has_file |= kind == "file"
            self.form.add(name, kind, a, a.get("value", "on" if kind == "checkbox" else ""))
        elif tag == "button" and name:
            self.form.add(name, "button", a, a.get("value", ""))
        elif tag == "select" and name:
            self.select = self.form.add(name, "select", a)
        elif tag == "option" and self.select is not None:
            self.option = {"value": a.get("value"), "selected": "selected" in a, "text": ""}
        elif tag == "textarea" and name:
            self.textarea = self.form.add(name, "textarea", a)

    def handle_data(self, data):
        if self.option is not None:
            self.option["text"] += data
        elif self.textarea is not None:
            self.textarea.value += data

    def handle_endtag(self, tag):
        if tag == "option" and self.option is not None and self.select is not None:
            value = self.option["value"]
            value = self.option["text"].strip() if value is None else value
            self.select.options.append(value)
            if self.option["selected"] or not self.select.value:
                self.select.value = value
            self.option = None
        elif tag == "select":
            self.select = None
        elif tag == "textarea":
            self.textarea = None
        elif tag == "form":
            self.form = None


def post_forms(html: str, page_path: str) -> list[PostForm]:
    reader = _FormReader(page_path)
    reader.feed(html)
    reader.close()
    return reader.forms
