"""The review page: structure checked as HTML, behaviour checked in a real headless Chromium."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import FIXTURES, SEED
from selectolax.lexbor import LexborHTMLParser

import rectext
from rectext.cli import main
from rectext.outputs.review import render_html

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-sync",
                 "--disable-background-networking", "--disable-component-update"]


def _kinds(html: str) -> dict[str, int]:
    tree = LexborHTMLParser(html)
    counts: dict[str, int] = {}
    for node in tree.css(".text [data-kind]"):
        counts[node.attributes["data-kind"]] = counts.get(node.attributes["data-kind"], 0) + 1
    return counts


def test_page_marks_every_node_and_is_self_contained(seed):
    html = render_html(seed)
    assert _kinds(html) == {"section": 3, "item": 8, "problem": 11, "measure": 28}
    tree = LexborHTMLParser(html)
    assert not [n for n in tree.css("[src]")], "no external resources"
    assert not [n for n in tree.css("link")]
    assert [h.text() for h in tree.css("h1")] == [seed.title]
    # the seed is written in Traditional script: its page is labelled in Traditional
    assert {h.text() for h in tree.css("h2")} >= {"大綱", "通報正文", "選中的問題"}
    assert tree.css_first("html").attributes["lang"] == "zh-Hant"
    # the text shown is the notice's text, nothing added or lost
    assert tree.css_first(".text").text() == seed.text
    assert len(tree.css("nav.outline a")) == 3 + 8 + 11 + 28


def test_the_page_speaks_english_when_asked(seed, tmp_path):
    tree = LexborHTMLParser(render_html(seed, "en"))
    assert {h.text() for h in tree.css("h2")} >= {"Outline", "Notice text", "Selected problem"}
    assert tree.css_first("html").attributes["lang"] == "en"
    assert "大纲" not in tree.html
    out = tmp_path / "page.html"
    assert main(["render", str(SEED), "-o", str(out), "--lang", "en"]) == 0
    assert "Selected problem" in out.read_text(encoding="utf-8")


def test_labels_follow_lang_and_by_default_the_notices_script(seed, seed_text, tmp_path, capsys):
    import opencc

    simplified = rectext.parse(opencc.OpenCC("t2s").convert(seed_text))
    hans = LexborHTMLParser(render_html(simplified))
    assert hans.css_first("html").attributes["lang"] == "zh-CN"
    assert {h.text() for h in hans.css("h2")} >= {"大纲", "通报正文", "选中的问题"}
    for lang, html_lang, outline in (("zh-Hans", "zh-CN", "大纲"), ("zh-Hant", "zh-Hant", "大綱"),
                                     ("en", "en", "Outline"), ("zh", "zh-CN", "大纲")):
        tree = LexborHTMLParser(render_html(seed, lang))
        assert tree.css_first("html").attributes["lang"] == html_lang and tree.css_first("#outline-h").text() == outline
    hant = LexborHTMLParser(render_html(seed))
    facts = dict(zip((n.text() for n in hant.css("dl.facts dt")), (n.text() for n in hant.css("dl.facts dd")),
                     strict=True))
    assert facts["文本類型"].startswith("整改通報（置信度 0.")  # the genre in Chinese on the Chinese page
    assert {b.text() for b in hant.css(".badge")} == {"部", "問", "措", "條"}  # no S / P / M / I
    assert {b.text() for b in LexborHTMLParser(render_html(seed, "en")).css(".badge")} == {"S", "P", "M", "I"}
    assert main([str(SEED), "--format", "markdown"]) == 0
    markdown = capsys.readouterr().out
    assert "- **發佈單位**:" in markdown and "Issuer" not in markdown
    assert main([str(SEED), "--format", "markdown", "--lang", "en"]) == 0
    assert "- **Issuer**:" in capsys.readouterr().out


def test_diagnostics_on_the_page_follow_its_language(tmp_path):
    notice = rectext.parse("一、整改情况\n1.甲的问题\n3.丙的问题\n")
    zh = LexborHTMLParser(render_html(notice)).css_first("ul.diags").text()
    assert "问题编号从 1 跳到 3（缺 2）" in zh and "警告" in zh and "numbering-gap" in zh
    hant = LexborHTMLParser(render_html(notice, "zh-Hant")).css_first("ul.diags").text()
    assert "問題編號從 1 跳到 3（缺 2）" in hant
    en = LexborHTMLParser(render_html(notice, "en")).css_first("ul.diags").text()
    assert "problem numbering jumps from 1 to 3 (missing 2)" in en


def test_traditional_and_simplified_render_alike(seed, seed_text):
    import opencc

    simplified = rectext.parse(opencc.OpenCC("t2s").convert(seed_text))
    assert _kinds(render_html(simplified)) == _kinds(render_html(seed))


def test_render_command_and_format_html(tmp_path, capsys):
    out = tmp_path / "review.html"
    assert main(["render", str(SEED), "-o", str(out), "--analyze"]) == 0
    assert "整改落实" in out.read_text(encoding="utf-8")  # the analysis travels in the page data
    assert main([str(SEED), "--format", "html"]) == 0
    assert capsys.readouterr().out.startswith("<!DOCTYPE html>")
    assert main(["render", str(tmp_path / "missing.txt"), "-o", str(out)]) == 2


@pytest.fixture(scope="module")
def browser():
    if CHROMIUM is None:
        pytest.skip("Chromium is not installed (Debian: apt-get install chromium; .ci/run installs it)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is in the test extra")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def _open(browser, path, width=1400, height=900):
    page = browser.new_page(viewport={"width": width, "height": height})
    page.goto(path.as_uri())
    return page


def _in_view(locator) -> bool:
    return locator.evaluate(
        "e => { const r = e.getBoundingClientRect(); return r.bottom > 0 && r.top < window.innerHeight; }")


def test_seed_in_chromium(browser, tmp_path):
    path = tmp_path / "seed.html"
    assert main(["render", str(SEED), "-o", str(path), "--analyze"]) == 0
    page = _open(browser, path)
    problems = page.locator('.text [data-kind="problem"]')
    assert problems.count() == 11
    colours = {problems.nth(i).evaluate("e => getComputedStyle(e).backgroundColor") for i in range(11)}
    assert len(colours) == 1 and colours != {"rgba(0, 0, 0, 0)"}, "every problem is highlighted alike"
    measure_colour = page.locator('.text [data-kind="measure"]').first.evaluate(
        "e => getComputedStyle(e).backgroundColor")
    assert measure_colour not in colours
    eleventh = problems.nth(10)
    assert not _in_view(eleventh)
    page.locator('nav.outline a[data-node-kind="problem"]').nth(10).click()
    assert _in_view(eleventh)
    details = page.locator("#details-body").inner_text()
    assert "審計整改成效不佳" in details and "1 項整改措施" in details and "整改落实" in details
    assert "依據詞語" in details  # why: the terms that decided
    page.screenshot(path=str(tmp_path / "seed-review.png"), full_page=False)
    assert (tmp_path / "seed-review.png").stat().st_size > 10_000


def test_the_page_says_why_a_problem_is_unclassified(browser, tmp_path):
    path = tmp_path / "none.html"
    path.write_text(render_html(rectext.parse("一、整改情况\n1.某某的问题\n", analyze=True)), encoding="utf-8")
    page = _open(browser, path)
    page.locator('nav.outline a[data-node-kind="problem"]').first.click()
    assert "未分类 (标题、正文和整改措施中没有任何类别的词语)" in page.locator("#details-body").inner_text()


def test_keyboard_and_diagnostic_links(browser, tmp_path):
    problems = "".join(f"{n}.第{n}个不够规范的问题\n整改措施：一是改正。\n" for n in (1, 2, 4))
    text = "一、整改情况\n" + problems + "\n" * 80
    path = tmp_path / "gap.html"
    path.write_text(render_html(rectext.parse(text)), encoding="utf-8")
    page = _open(browser, path, height=300)
    page.locator("main h2").click()
    page.keyboard.press("j")
    page.keyboard.press("j")
    assert page.locator(".text .selected").get_attribute("data-number") == "2"
    page.locator('.text [data-kind="problem"]').first.focus()
    page.keyboard.press("Enter")
    assert page.locator(".text .selected").get_attribute("data-number") == "1"
    link = page.locator("ul.diags a").filter(has_text="numbering-gap")
    link.click()
    assert page.locator(".text .selected").get_attribute("data-number") == "4"


def test_two_hundred_problems(browser, tmp_path):
    text = "一、整改情况\n" + "".join(f"{n}.第{n}项工作不够规范的问题\n整改措施：一是建立制度。二是加强检查。\n"
                                     for n in range(1, 201))
    path = tmp_path / "big.html"
    path.write_text(render_html(rectext.parse(text)), encoding="utf-8")
    page = _open(browser, path)
    assert page.locator('.text [data-kind="problem"]').count() == 200
    page.locator('nav.outline a[data-node-kind="problem"]').nth(199).click()
    assert _in_view(page.locator('.text [data-kind="problem"]').nth(199))


def test_batch_pages_and_sortable_index(browser, tmp_path):
    out, pages = tmp_path / "out", tmp_path / "pages"
    (tmp_path / "broken.txt").write_bytes(b"")
    assert main(["batch", str(SEED), str(FIXTURES / "gold"), str(tmp_path / "broken.txt"), "-o", str(out),
                 "--html", str(pages), "--quiet"]) == 1  # broken.txt failed
    assert len(list(pages.glob("*.html"))) == 1 + 4
    page = _open(browser, pages / "index.html")
    rows = page.locator("tbody tr")
    assert rows.count() == 5
    page.locator("th button", has_text="问题").click()
    page.locator("th button", has_text="问题").click()  # descending
    assert page.locator("tbody tr").first.locator("td").nth(3).inner_text() == "11"
    assert "错误: empty file" in page.locator("tbody").inner_text()
    page.locator("tbody tr a").first.click()
    assert page.locator('.text [data-kind="problem"]').count() == 11


PROGRESS_FIXTURE = Path(__file__).parent / "fixtures" / "progress" / "labelled-simplified.txt"


def test_progress_badges_deadlines_owners_and_totals():
    html = render_html(rectext.parse_file(PROGRESS_FIXTURE))
    tree = LexborHTMLParser(html)
    badges = [(b.attributes["data-status"], b.text()) for b in tree.css("nav.outline .progress .status")]
    assert [s for s, _ in badges] == ["completed", "in_progress", "ongoing", "completed", "not_started", "overdue",
                                      "in_progress"]
    assert badges[0][1] == "已完成" and badges[5][1] == "逾期"
    assert tree.css_first("nav.outline .progress time").attributes["datetime"] == "2024-06-30"
    assert "局办公室、张明" in tree.css_first("nav.outline .progress .owner").text()
    totals = {r.css_first("th").text(): [td.text() for td in r.css("td")] for r in tree.css("table.counts tbody tr")}
    assert totals["已完成"] == ["2", "2"] and totals["推进中"] == ["2", "2"] and totals["长期坚持"] == ["1", "1"]
    assert totals["逾期"] == ["—", "1"]
    assert [n.attributes.get("data-status") for n in tree.css('.text [data-kind="problem"]')][:2] == [
        "completed", "in_progress"]


def test_progress_badges_in_chromium(browser, tmp_path):
    path = tmp_path / "progress.html"
    assert main(["render", str(PROGRESS_FIXTURE), "-o", str(path)]) == 0
    page = _open(browser, path)
    badges = page.locator("nav.outline .progress .status")
    assert badges.count() == 7
    colours = {badges.nth(i).get_attribute("data-status"): badges.nth(i).evaluate(
        "e => getComputedStyle(e).backgroundColor") for i in range(7)}
    assert len(set(colours.values())) == 5, "each status (and overdue) in its own colour"
    assert badges.first.is_visible() and page.locator("nav.outline .progress .deadline").first.is_visible()
    problems = page.locator('.text [data-kind="problem"]')
    problems.nth(1).click()  # the selected problem shows its progress as the outline does
    details = page.locator("#details-body")
    assert details.locator(".status").first.get_attribute("data-status") == "in_progress"
    assert details.locator(".deadline").is_visible() and "时限" in details.inner_text()
    problems.nth(4).click()
    assert [b.get_attribute("data-status") for b in details.locator(".status").all()] == ["not_started", "overdue"]
    page.close()
