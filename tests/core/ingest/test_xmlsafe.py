"""Hostile XML: declared entities are refused before parsing, external ones never fetched."""

from __future__ import annotations

import pytest

from peertui.core.errors import UnusableInput
from peertui.core.ingest.xmlsafe import parse_xml

LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE article [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<article><p>&lol3;</p></article>"""


def test_billion_laughs_is_refused_with_its_line() -> None:
    with pytest.raises(UnusableInput) as caught:
        parse_xml(LAUGHS, "bomb.xml")
    assert str(caught.value).startswith("bomb.xml:3: the XML declares entities")


def test_external_entity_is_refused(tmp_path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET")
    xxe = (
        f'<?xml version="1.0"?>\n<!DOCTYPE article [<!ENTITY x SYSTEM "file://{secret}">]>\n'
        "<article><p>&x;</p></article>"
    ).encode()
    with pytest.raises(UnusableInput, match="declares entities") as caught:
        parse_xml(xxe, "xxe.xml")
    assert "TOP SECRET" not in str(caught.value)


def test_an_external_dtd_is_never_loaded_and_undeclared_entities_fail_cleanly() -> None:
    xml = b'<!DOCTYPE article SYSTEM "http://127.0.0.1:9/never.dtd"><article><p>&nbsp;&madeup;</p></article>'
    with pytest.raises(UnusableInput, match=r"^x.xml:1: not well-formed XML: undefined entity"):
        parse_xml(xml, "x.xml")
    root = parse_xml(xml.replace(b"&madeup;", b""), "x.xml")
    assert root.find("p").text == "\u00a0"


def test_malformed_xml_names_its_line() -> None:
    with pytest.raises(UnusableInput, match=r"^m.xml:3: not well-formed XML"):
        parse_xml(b"<article>\n<p>\n</article>", "m.xml")


def test_entities_declared_in_utf16_are_refused_too() -> None:
    xml = LAUGHS.decode().replace('version="1.0"', 'version="1.0" encoding="UTF-16"')
    with pytest.raises(UnusableInput, match=r"^w.xml:3: the XML declares entities"):
        parse_xml(xml.encode("utf-16"), "w.xml")


def test_a_utf16_article_is_read() -> None:
    xml = '<?xml version="1.0" encoding="UTF-16"?><article><p>Zürich</p></article>'
    assert parse_xml(xml.encode("utf-16"), "w.xml").find("p").text == "Zürich"
