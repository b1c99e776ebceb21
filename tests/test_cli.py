"""The command-line program, called as users call it: main(argv) and python -m rectext."""

from __future__ import annotations

import io
import json
import subprocess
import sys

import pytest
from conftest import SEED

from rectext.cli import main


def run(argv, capsys):
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def test_parse_file_prints_json(capsys):
    code, out, err = run([str(SEED)], capsys)
    assert code == 0 and err == ""
    doc = json.loads(out)
    assert doc["schema_version"] == "1"
    assert len(doc["sections"]) == 3
    assert "區委巡察辦" in out  # Chinese unescaped
    assert out.count("\n") > 100  # indented


def test_compact_is_one_line(capsys):
    code, out, _ = run([str(SEED), "--compact"], capsys)
    assert code == 0 and out.count("\n") == 1
    assert json.loads(out)["title"].endswith("通報")


def test_stdin(monkeypatch, capsys):
    data = "一、整改情况\n1.学习不深入的问题\n一是加强学习。\n".encode()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))
    code, out, _ = run(["-"], capsys)
    assert code == 0
    assert json.loads(out)["sections"][0]["children"][0]["kind"] == "problem"


def test_schema(capsys):
    code, out, _ = run(["schema"], capsys)
    schema = json.loads(out)
    assert code == 0 and schema["title"] == "Notice"
    assert "sections" in schema["properties"] and "Problem" in schema["$defs"]


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (lambda d: d / "missing.txt", "no such file"),
        (lambda d: d, "is a directory"),
        (lambda d: _write(d / "empty.txt", b""), "empty file"),
        (lambda d: _write(d / "img.png", b"\x89PNG\r\n\x1a\n" + bytes(range(256))), "binary content"),
    ],
)
def test_bad_input_is_one_line_exit_2(tmp_path, capsys, make, reason):
    path = make(tmp_path)
    code, out, err = run([str(path)], capsys)
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and str(path) in err and reason in err


def test_usage_error_exit_2(capsys):
    code, out, err = run([], capsys)
    assert code == 2 and out == "" and "usage" in err


def test_help_lists_exit_codes(capsys):
    code, out, _ = run(["--help"], capsys)
    assert code == 0 and "exit status" in out and "--strict" in out


def test_strict_exits_1_on_warnings(tmp_path, capsys):
    path = _write(tmp_path / "gap.txt", "一、整改情况\n1.甲的问题\n3.丙的问题\n".encode())
    assert run([str(path)], capsys)[0] == 0
    code, out, _ = run([str(path), "--strict"], capsys)
    assert code == 1 and "numbering-gap" in {d["code"] for d in json.loads(out)["diagnostics"]}
    assert run([str(SEED), "--strict"], capsys)[0] == 0


def test_encoding_gbk_and_forced(tmp_path, capsys, seed_text):
    path = _write(tmp_path / "seed-gb.txt", seed_text.encode("gb18030"))
    code, out, _ = run([str(path)], capsys)
    assert code == 0 and len(json.loads(out)["sections"]) == 3
    code, _, err = run([str(path), "--encoding", "no-such-codec"], capsys)
    assert code == 2 and "no-such-codec" in err


def test_python_dash_m_end_to_end():
    proc = subprocess.run([sys.executable, "-m", "rectext", str(SEED)], capture_output=True, check=False)
    assert proc.returncode == 0 and proc.stderr == b""
    assert json.loads(proc.stdout.decode("utf-8"))["date"] == "2023-07-05"


@pytest.mark.parametrize(("extra", "status"), [(["--strict"], 1), (["--no-such-option"], 2), ([], 0)])
def test_python_dash_m_exit_status_and_whole_output(tmp_path, extra, status):
    path = _write(tmp_path / "gap.txt", ("一、整改情况\n1.甲的问题\n3.丙的问题\n" * 2000).encode())
    proc = subprocess.run([sys.executable, "-m", "rectext", str(path), *extra], capture_output=True, check=False)
    assert proc.returncode == status
    if status != 2:  # the output is flushed before the process leaves
        assert len(json.loads(proc.stdout.decode("utf-8"))["sections"]) == 2000


def test_python_dash_m_into_a_closed_pipe_is_quiet():
    proc = subprocess.run(f"{sys.executable} -m rectext {SEED} | head -c 10", shell=True, capture_output=True,
                          check=False)
    assert proc.stdout == b'{\n  "schem' and proc.stderr == b""


def test_run_leaves_subcommands_through_sys_exit(monkeypatch, capsys):
    from rectext.cli import run

    monkeypatch.setattr(sys, "argv", ["rectext", "schema", "--compact"])
    with pytest.raises(SystemExit) as exc:
        run()
    assert exc.value.code == 0 and json.loads(capsys.readouterr().out)["title"] == "Notice"


def test_import_is_light():
    code = "import sys, rectext; print(sorted(m for m in ('pydantic', 'jieba', 'regex') if m in sys.modules))"
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert proc.stdout.strip() == "[]"


def test_plain_parse_never_imports_jieba():
    code = "import sys, rectext; rectext.parse('一、整改情况\\n'); print('jieba' in sys.modules)"
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert proc.stdout.strip() == "False"


def _write(path, data: bytes):
    path.write_bytes(data)
    return path


# ---------------------------------------------------------------- commands that explain themselves


def test_help_lists_every_command(capsys):
    from rectext.cli import COMMANDS

    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    for name, what in COMMANDS.items():
        assert f"  {name}" in out and what in out


@pytest.mark.parametrize("command", ["parse", "batch", "eval", "render", "schema"])
def test_each_command_has_its_own_help(command, capsys):
    assert main([command, "--help"]) == 0
    assert capsys.readouterr().out.startswith("usage: rectext")


def test_a_mistyped_command_is_suggested(capsys):
    assert main(["bach", "x", "-o", "y"]) == 2
    assert capsys.readouterr().err == ("rectext: unknown command 'bach' (and no file of that name); did you mean "
                                       "'batch'? (rectext --help lists the commands)\n")


@pytest.mark.parametrize(("word", "meant"), [("outline", "rectext FILE --format outline"),
                                             ("markdwn", "rectext FILE --format markdown"),
                                             ("explain", "rectext FILE --explain"), ("shema", "schema")])
def test_a_word_that_is_no_command_names_the_nearest_command_or_flag(word, meant, capsys, tmp_path):
    assert main([word, str(tmp_path / "notice.txt")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and f"unknown command {word!r}" in err and f"did you mean '{meant}'?" in err


def test_no_arguments_is_a_usage_error(capsys):
    assert main([]) == 2
    assert "commands:" in capsys.readouterr().err


def test_schema_takes_only_its_options(capsys):
    assert main(["schema", "--bogus"]) == 2
    assert main(["schema", "--compact"]) == 0
    assert capsys.readouterr().out.count("\n") == 1


def test_parse_is_the_long_form_and_reads_a_file_named_like_a_command(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "schema").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    assert main(["parse", "schema", "--compact"]) == 0
    assert json.loads(capsys.readouterr().out)["input"]["path"] == "schema"


def test_batch_output_must_be_a_folder(tmp_path, capsys):
    target = tmp_path / "out.txt"
    target.write_text("", encoding="utf-8")
    assert main(["batch", str(SEED), "-o", str(target)]) == 2
    said = capsys.readouterr().err
    assert said == f"rectext batch: {target}: is a file; -o takes the folder to write notices.jsonl and the tables to\n"


def test_resume_refuses_other_options(tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["batch", str(SEED), "-o", str(out), "--quiet", "--max-nodes", "9000"]) == 0
    assert main(["batch", str(SEED), "-o", str(out), "--quiet", "--resume"]) == 2
    err = capsys.readouterr().err
    assert "was written with other options (max_nodes 9000 then, 50000 now)" in err
    assert main(["batch", str(SEED), "-o", str(out), "--quiet", "--resume", "--max-nodes", "9000"]) == 0


def test_parse_warns_when_given_a_file_name(tmp_path, monkeypatch):
    import rectext

    monkeypatch.chdir(tmp_path)
    (tmp_path / "notice.txt").write_text("一、整改情况\n", encoding="utf-8")
    with pytest.warns(UserWarning, match="parse_file"):
        rectext.parse("notice.txt")
