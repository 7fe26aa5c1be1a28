"""Hostile and broken input, one test each: a clear `Error:` line (or a correct graph), never a traceback,
never a partial output file, never unbounded work."""
import unicodedata

import pytest
from click.testing import CliRunner
from rdflib.compare import isomorphic

from kg import corpus, store
from kg.cli import cli

ARTICLE = "UBND phường Bến Thành (quận 1, TPHCM) triển khai mô hình “Một cửa liên thông” (Phường Bến Thành), tiếp nhận 1.250 hồ sơ.\n"


def build(tmp_path, *args):
    out = tmp_path / "out" / "g.ttl"
    out.parent.mkdir(exist_ok=True)
    r = CliRunner().invoke(cli, ["build", *map(str, args), "-o", str(out)])
    assert r.exception is None or isinstance(r.exception, SystemExit), r.exception
    return r, out


def graph_of(folder, name, data: bytes, encoding=None):
    folder.mkdir(exist_ok=True)
    (folder / name).write_bytes(data)
    return corpus.build_graph([folder / name], encoding=encoding)[0]


@pytest.mark.parametrize("content, message", [
    (b"", "the file is empty"),
    (b"  \n\t \r\n  ", "the file is empty"),
    (b"\x7fELF\x02\x01\x01\x00\x00\x00\x00", "looks like a binary file, not text"),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "is a PDF document; extract its text first (for example with pdftotext)"),
])
def test_unreadable_articles(tmp_path, content, message):
    (tmp_path / "a.txt").write_bytes(content)
    r, out = build(tmp_path, tmp_path / "a.txt")
    assert (r.exit_code, r.output) == (1, f"Error: {tmp_path / 'a.txt'}: {message}\n")
    assert not out.exists()


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be", "utf-8-sig"])
def test_utf16_and_bom_decode_to_the_same_graph(tmp_path, codec):
    utf8 = graph_of(tmp_path / "u8", "a.txt", ARTICLE.encode("utf-8"))
    other = graph_of(tmp_path / "x", "a.txt", ARTICLE.encode(codec))
    assert len(utf8) > 20 and isomorphic(utf8, other)


TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def cp1258(text: str) -> bytes:
    """Vietnamese as Windows-1258 writes it: letters with their shape marks precomposed (ư, ơ, â, ă, ê, ô, đ),
    tones as combining marks after them."""
    out = []
    for ch in text:
        parts = unicodedata.normalize("NFD", ch)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in TONES))
        out.append(base + "".join(c for c in parts if c in TONES))
    return "".join(out).encode("cp1258")


def test_windows_1258_is_named_and_can_be_read(tmp_path):
    data = cp1258(ARTICLE)
    (tmp_path / "a.txt").write_bytes(data)
    r, out = build(tmp_path, tmp_path / "a.txt")
    assert r.exit_code == 1 and "--encoding cp1258" in r.output and not out.exists()
    r, out = build(tmp_path, tmp_path / "a.txt", "--encoding", "cp1258")
    assert r.exit_code == 0
    assert isomorphic(store.load(out), graph_of(tmp_path / "u8", "a.txt", ARTICLE.encode()))


def test_a_folder_of_utf8_and_windows_1258_articles_builds_in_one_run(tmp_path):
    """--encoding is for the articles that are not UTF-8: the UTF-8 one beside them is read as UTF-8, not
    turned into mojibake or skipped."""
    folder = tmp_path / "mixed"
    folder.mkdir()
    (folder / "a.txt").write_bytes(cp1258(ARTICLE))
    (folder / "b.txt").write_bytes(ARTICLE.replace("a.txt", "b.txt").encode("utf-8"))
    r, out = build(tmp_path, folder, "--encoding", "cp1258")
    assert r.exit_code == 0, r.output
    both = (graph_of(tmp_path / "u8", "a.txt", ARTICLE.encode()) + graph_of(tmp_path / "u8b", "b.txt", ARTICLE.encode()))
    assert isomorphic(store.load(out), both)


def test_nfd_gives_the_same_graph_as_nfc(tmp_path):
    nfc = graph_of(tmp_path / "c", "a.txt", ARTICLE.encode())
    nfd = graph_of(tmp_path / "d", "a.txt", unicodedata.normalize("NFD", ARTICLE).encode())
    assert isomorphic(nfc, nfd)


def test_html_scripts_styles_and_comments_are_not_text(tmp_path):
    page = ("<html><head><style>.a{content:'mô hình “Giả”'}</style><script>var s = 'mô hình “Giả 2”';</script></head>"
            "<body><!-- mô hình “Giả 3” --><p>" + ARTICLE + "</p></body></html>")
    g = graph_of(tmp_path, "a.html", page.encode())
    labels = {str(o) for o in g.objects(None, None) if "Giả" in str(o)}
    assert not labels
    assert any("Một cửa liên thông" == str(o) for o in g.objects())


def test_a_50_mb_file_is_refused_before_it_is_read(tmp_path):
    big = tmp_path / "big.txt"
    with big.open("wb") as fh:
        fh.write(ARTICLE.encode() * (50_000_000 // len(ARTICLE.encode()) + 1))
    r, out = build(tmp_path, big)
    assert r.exit_code == 1
    assert r.output == f"Error: {big}: 50.0 MB is larger than an article (10 MB); pass --max-size 51 to read it anyway\n"
    assert not out.exists()


FILLER = ("Người dân đến Bộ phận tiếp nhận và trả kết quả của phường để làm thủ tục hành chính, "
          "cán bộ hướng dẫn tận tình và giải quyết nhanh chóng ")


def test_one_5_mb_line_builds(tmp_path):
    """5 MB with no line break (and, in the second half, no sentence end either) builds, and finds the model in it."""
    half = 2_500_000 // len(FILLER.encode())
    line = FILLER.replace("chóng ", "chóng. ") * half + ARTICLE.strip() + " " + FILLER * half
    (tmp_path / "line.txt").write_text(line, encoding="utf-8")
    r, out = build(tmp_path, tmp_path / "line.txt")
    assert r.exit_code == 0, r.output
    assert "Một cửa liên thông" in out.read_text(encoding="utf-8")


def test_model_names_with_markup_and_every_quote(tmp_path):
    text = ('Phường 1 triển khai mô hình “<script>alert(1)</script> Một cửa \'đơn\' "kép" «góc» ‘cong’”.\n')
    g = graph_of(tmp_path, "a.txt", text.encode())
    from rdflib import RDF, RDFS
    from kg.namespace import RK
    [name] = [str(g.value(i, RDFS.label)) for i in g.subjects(RDF.type, RK.Initiative)]
    assert name == "<script>alert(1)</script> Một cửa 'đơn' \"kép\" «góc» ‘cong’"
    from kg import views
    html = views.network_page(g)
    assert "<script>alert(1)" not in html


XXE = """<?xml version="1.0"?>
<!DOCTYPE rdf:RDF [ <!ENTITY secret SYSTEM "file:///etc/hostname"> ]>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://example.org/">
  <rdf:Description rdf:about="http://example.org/a"><ex:p>&secret;</ex:p></rdf:Description>
</rdf:RDF>
"""
LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [ <!ENTITY lol "lol"> <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;"> <!ENTITY lol9 "&lol3;&lol3;&lol3;"> ]>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://example.org/">
  <rdf:Description rdf:about="http://example.org/a"><ex:p>&lol9;</ex:p></rdf:Description>
</rdf:RDF>
"""


@pytest.mark.parametrize("xml", [XXE, LAUGHS])
def test_rdf_xml_entities_are_refused(tmp_path, xml):
    (tmp_path / "g.rdf").write_text(xml, encoding="utf-8")
    r = CliRunner().invoke(cli, ["query", "initiatives", "-g", str(tmp_path / "g.rdf")])
    assert r.exit_code == 1
    assert r.output == (f"Error: {tmp_path / 'g.rdf'}: declares XML entities (a DOCTYPE with <!ENTITY>), which could "
                        "read other files or expand without end; remove the DOCTYPE\n")


def test_a_folder_with_bad_files_builds_the_rest_and_lists_them(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "binary.txt").write_bytes(b"\x00\x01\x02\x03" * 10)
    (corpus / "gone.txt").symlink_to(corpus / "nowhere.txt")
    r, out = build(tmp_path, corpus)
    assert r.exit_code == 3                                  # partial: written without three articles
    assert ": 1 document, " in r.stdout
    *listed, built, partial = r.stderr.splitlines()
    assert built.endswith("0 from cache, 3 skipped, 0 failed, 0 set aside")
    assert partial == f"Partial build: the graph was written without 3 article(s); see {out}.report.json (exit status 3)"
    assert sorted(listed) == sorted([f"Skipped {corpus / 'binary.txt'}: looks like a binary file, not text",
                                        f"Skipped {corpus / 'empty.txt'}: the file is empty",
                                        f"Skipped {corpus / 'gone.txt'}: no such file"])
    assert out.exists()


def test_a_lone_surrogate_read_with_an_encoding_is_named(tmp_path):
    """UTF-7 can encode half of a surrogate pair ("+2AA-" is U+D800 alone): no character, and nothing could write
    it out; the article is refused with its own line, as any other unreadable one."""
    (tmp_path / "a.txt").write_bytes(ARTICLE.encode("utf-7") + b"+2AA-\n")
    r, out = build(tmp_path, tmp_path / "a.txt", "--encoding", "utf-7")
    assert r.exit_code == 1 and not out.exists()
    assert r.output.startswith(f"Error: {tmp_path / 'a.txt'}: read as utf-7, it holds a lone surrogate (U+D800 at ")
