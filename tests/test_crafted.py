"""Small inputs crafted to cost minutes, gigabytes or rows (issue 30): each ends quickly with exit
0 or 2, no traceback, every row of a table a node, and a reason on stderr when refused. The
inputs and the command that measures them are in tests/crafted.py; these are the cheap ones."""

from __future__ import annotations

import pytest
from crafted import CHEAP, INPUTS, problem_table_html, run

from rectext.read.reader import InputError, source_from_bytes

REFUSED = {"feff-300000": "no text in the input", "docx-nested-tables-200": "tables nested more than"}


@pytest.mark.parametrize("name", CHEAP)
def test_crafted_input_ends_with_a_result_or_a_reason(tmp_path, name):
    build, suffix, rows = INPUTS[name]
    path = tmp_path / f"{name}{suffix}"
    path.write_bytes(build())
    result = run(path, 60)
    assert result["seconds"] < 30 and result["mb"] < 1024, result  # 10 s and far less on a quiet machine
    assert "Traceback" not in result["stderr"], result
    if name in REFUSED:
        assert result["exit"] == 2 and REFUSED[name] in result["stderr"], result
    else:
        assert result["exit"] == 0, result
        assert result["out_bytes"] < 50 * path.stat().st_size + 200_000, result
    if rows:
        assert result["nodes"] == rows + 1, result  # every row, and the section above the table


def test_a_table_over_the_node_limit_is_refused_not_cut():
    with pytest.raises(InputError, match="over the limit of 1,000 nodes"):
        source_from_bytes(problem_table_html(1_200), suffix=".html", max_nodes=1_000)


def test_word_labels_past_the_bounds_are_capped_and_counted():
    from crafted import letters_from, level_text_repeating

    for data in (letters_from(), level_text_repeating()):
        source = source_from_bytes(data)
        assert source.cleaned == {"numbers_capped": 40}
        assert max(len(line) for line in source.text.splitlines()) < 80


def test_utf16_without_a_bom_is_read_and_binary_with_nul_bytes_names_the_option():
    from crafted import SEED

    text = SEED.read_text(encoding="utf-8")
    for name in ("utf-16-le", "utf-16-be"):
        source = source_from_bytes(text.encode(name))
        assert source.encoding == name and source.text == text
    with pytest.raises(InputError, match="--encoding utf-16-le"):
        source_from_bytes(bytes(range(256)) * 8)


@pytest.mark.parametrize("text", ["\ufeff" * 50, "\u200b\u200c\u200d\u2060 \t\r\n\x0b", "\x0b\x0c\n\u0085\u00ad",
                                  "\u3000" * 9])
def test_text_of_only_invisible_characters_is_no_text(text):
    with pytest.raises(InputError, match="no text in the input"):
        source_from_bytes(text.encode("utf-8"))


def test_the_text_a_reader_gives_is_bounded_by_its_input():
    from rectext.read.reader import check_size

    check_size("x" * 2_000, 100)
    with pytest.raises(InputError, match="20 times the input's 100 bytes"):
        check_size("x" * 2_001, 100)
    with pytest.raises(InputError, match="--max-bytes"):
        check_size("x" * 2_001, 1_000, max_bytes=2_000)
