"""notice_id stays text wherever the tables go (pandas, SQLite, a spreadsheet), and is the same id in every
table and format; a text with no Chinese notice in it is genre unknown, with a warning."""

from __future__ import annotations

import csv
import json
import re
import shutil
import sqlite3
import subprocess
import zipfile
from pathlib import Path

import pytest
from conftest import FIXTURES, SEED

import rectext
from rectext.cli import main
from rectext.corpus.ids import content_id, normal
from rectext.corpus.tables import COLUMNS

ID = re.compile(r"n[0-9a-f]{16}")
# inputs whose 16 hex digits read as numbers without the letter: all digits (2483916518840138), and digits
# with one e (235359593e599709, which a spreadsheet reads as 2.35E+608)
NUMERIC_LOOKING = ("一、整改情况\n1.第8966个问题\n".encode(), "一、整改情况\n1.第1705个问题\n".encode())


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("ids")
    inputs = tmp / "in"
    inputs.mkdir()
    for name in ("county-finance.txt", "school-traditional.txt", "town-page.html"):
        shutil.copy(FIXTURES / "gold" / name, inputs / name)
    shutil.copy(SEED, inputs / "seed.txt")
    (inputs / "broken.txt").write_bytes(b"")  # an error record, with an id of its own
    for i, data in enumerate(NUMERIC_LOOKING):
        (inputs / f"numeric-{i}.txt").write_bytes(data)
    out = tmp / "out"
    assert main(["batch", str(inputs), "-o", str(out), "--sqlite", str(tmp / "run.db"), "--quiet", "-j", "1"]) == 1
    return out, tmp / "run.db"


def test_ids_have_a_letter_first():
    assert [content_id(data) for data in NUMERIC_LOOKING] == ["n2483916518840138", "n235359593e599709"]
    assert normal("128550828650e963") == "n128550828650e963" and normal("n128550828650e963") == "n128550828650e963"


def test_pandas_reads_every_table_s_notice_id_as_text(batch):
    pd = pytest.importorskip("pandas")
    out, _ = batch
    for table in ("errors", *COLUMNS):
        frame = pd.read_csv(out / f"{table}.csv", encoding="utf-8-sig")
        if len(frame):
            column = frame["notice_id"]  # object, or pandas 3's str: text either way, never a number
            assert column.dtype == object or pd.api.types.is_string_dtype(column), table
            assert not pd.api.types.is_numeric_dtype(column), table
            assert frame["notice_id"].map(lambda v: bool(ID.fullmatch(str(v)))).all(), table


def test_the_same_id_in_every_table_and_format(batch):
    out, db = batch
    journal = [json.loads(line) for line in (out / "notices.jsonl").read_text(encoding="utf-8").splitlines()]
    by_path = {}
    for record in journal:
        path = record["path"] if "error" in record else record["input"]["path"]
        by_path[path] = record["notice_id"] if "error" in record else "n" + record["input"]["sha256"][:16]
        assert by_path[path] == content_id(Path(path).read_bytes())
    for table in ("errors", *COLUMNS):
        with open(out / f"{table}.csv", encoding="utf-8-sig", newline="") as f:
            for row in csv.DictReader(f):
                assert row["notice_id"] == by_path[row["path"]], table
    with sqlite3.connect(db) as con:
        for table in COLUMNS:
            for notice_id, path in con.execute(f"SELECT notice_id, path FROM {table}"):
                assert notice_id == by_path[path], table
            assert {type(v) for (v,) in con.execute(f"SELECT notice_id FROM {table}")} <= {str}
    frames = rectext.to_frames([rectext.parse_file(p) for p in by_path if not p.endswith("broken.txt")])
    assert set(frames["notices"]["notice_id"]) <= set(by_path.values())


def _calc_converts(tmp: Path) -> bool:
    probe = tmp / "probe.csv"
    probe.write_text("a\n1\n", encoding="utf-8")
    subprocess.run(["soffice", "--headless", "--convert-to", "ods", "--outdir", str(tmp), str(probe)],
                          capture_output=True, text=True, timeout=180, check=False)
    return (tmp / "probe.ods").exists()


def test_libreoffice_reads_the_ids_as_text(batch, tmp_path):
    if not shutil.which("soffice"):
        pytest.skip("LibreOffice (soffice) is not installed")
    if not _calc_converts(tmp_path):
        pytest.skip("LibreOffice Calc is not installed (Debian: libreoffice-calc-nogui)")
    out, _ = batch
    for table in ("notices", "problems", "errors"):
        source = tmp_path / f"{table}.csv"
        shutil.copy(out / f"{table}.csv", source)
        subprocess.run(["soffice", "--headless", "--infilter=CSV:44,34,76,1", "--convert-to", "ods", "--outdir",
                        str(tmp_path), str(source)], capture_output=True, timeout=180, check=True)
        with zipfile.ZipFile(tmp_path / f"{table}.ods") as ods:
            content = ods.read("content.xml").decode("utf-8")
        # every cell of the notice_id column after the heading: a string, never a float
        rows = [re.findall(r"<table:table-cell([^>]*)>(.*?)</table:table-cell>", row, re.S)
                for row in re.findall(r"<table:table-row[^>]*>(.*?)</table:table-row>", content, re.S)]
        at = [re.sub(r"<[^>]+>", "", text) for _, text in rows[0]].index("notice_id")
        cells = [(row[at][0], re.sub(r"<[^>]+>", "", row[at][1])) for row in rows[1:]]
        assert cells, table
        for attributes, text in cells:
            assert 'office:value-type="float"' not in attributes and ID.fullmatch(text), (table, text)


# ---------------------------------------------------------------- texts with no notice in them

ENGLISH = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
RECIPE = ("红烧茄子的做法\n\n准备茄子两个，青椒一个，大蒜三瓣。\n1.茄子洗净切成滚刀块，撒少许盐腌十分钟。\n"
          "2.锅中放油，油热后下茄子，煎至两面金黄后盛出。\n3.另起锅炒香蒜末和青椒，倒入茄子，加生抽、老抽和白糖，"
          "大火翻炒均匀。\n4.出锅前淋少许香醋，撒上葱花即可。\n小贴士：茄子先用盐腌过，吸油更少，口感也更软糯。\n")
NEWS = ("本报讯（记者 王明）昨天下午，市体育中心举行了全市青少年足球联赛决赛。经过九十分钟的激烈争夺，"
        "第一中学队以二比一战胜实验中学队，夺得冠军。比赛吸引了三千多名观众到场观看。\n"
        "一、赛事概况\n本届联赛共有三十二支球队参加，历时两个月，共进行了六十二场比赛。\n"
        "二、下一步安排\n市体育局表示，明年将扩大联赛规模，增加女子组比赛。\n")


@pytest.mark.parametrize("text", [ENGLISH, RECIPE, NEWS], ids=["english-readme", "recipe", "news-on-another-topic"])
def test_a_text_with_no_notice_is_genre_unknown_with_a_warning(text):
    notice = rectext.parse(text)
    assert notice.genre.label == "unknown"
    genre = [d for d in notice.diagnostics if d.code == "genre"]
    assert genre and genre[0].level == "warning" and "its genre is unknown" in genre[0].message


def test_the_readme_through_the_command_line(capsys):
    readme = Path(__file__).parents[1] / "README.md"
    assert main([str(readme), "--strict"]) == 1
    captured = capsys.readouterr()
    assert json.loads(captured.out)["genre"]["label"] == "unknown"
    assert "--strict: warning genre: no Chinese rectification notice was found" in captured.err
