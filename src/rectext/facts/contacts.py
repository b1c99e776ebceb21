"""Contact details for supervision: phones (after a phone label), e-mails, address, postcode."""

from __future__ import annotations

from .. import rx
from ..records import Record

PHONE_LABEL = rx.compile(
    r"(?P<label>监督电话|举报电话|联系电话|咨询电话|热线电话|服务热线|监督热线|举报热线|联系方式|电话|手机|热线)"
    r"(?:(?:及|和|/|、)传真)?\s*:?"  # 联系电话及传真：
)
# Where a phone list after a label stops.
PHONE_STOP = rx.compile(r"邮箱|邮件|电子信箱|地址|信箱|邮编|邮政编码|传真|网址|。|;|\n")
PHONE = rx.compile(
    r"(?<![\d-])(?:"
    r"(?:\(0\d{2,3}\)\s*|0\d{2,3}\s*[-—]\s*|0\d{2,3}\s+)?[2-9]\d{6,7}"
    r"|1[3-9]\d{9}"
    r"|[48]00[- ]?\d{3}[- ]?\d{4}"
    r"|12388"
    r")(?![\d]|\s*[日号])"  # not a date whose 年 and 月 were stripped (20251021日)
)
EMAIL = rx.compile(r"[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,10}")
POSTCODE = rx.compile(r"(?:邮编|邮政编码)\s*:?\s*(?P<v>\d{6})(?!\d)")
ADDRESS = rx.compile(
    r"(?P<label>通信地址|通讯地址|邮寄地址|来信地址|联系地址|来信请寄|来信寄至|信件请寄|邮政信箱|地址)\s*:\s*"
    r"(?P<v>[^;。\n(]{4,80}?)\s*(?=\(|;|。|\n|,\s*邮|$)"
)

# name → (how it is applied, texts it must match, texts it must not), in folded form (tests/test_patterns.py)
EXAMPLES: dict[str, tuple[str, tuple[str, ...], tuple[str, ...]]] = {
    "PHONE_LABEL": ("search", ("监督电话:", "联系电话及传真:", "举报热线"), ("电子邮箱:",)),
    "PHONE_STOP": ("search", ("电子邮箱", "通信地址", "。"), ("0571-85217736",)),
    "PHONE": ("search", ("(0836)6213579", "0510-85217736", "85033076", "13873918265", "12388", "400-123-4567"),
              ("626000", "2023", "1234")),
    "EMAIL": ("search", ("xcb@example.gov.cn", "jw_2024@163.com"), ("@某局", "name@")),
    "POSTCODE": ("search", ("邮编:626000", "邮政编码 310000"), ("邮编:12345", "626000")),
    "ADDRESS": ("search", ("通信地址:某某市人民路1号(邮编:310000)", "来信请寄:某县纪委监委信访室;"), ("地址不详",)),
}


def extract(text: str, folded: str, start: int = 0, end: int | None = None) -> Record:
    """Every contact detail in ``text[start:end]``, deduplicated, in order."""
    folded = folded if end is None else folded[:end]
    entries: list[Record] = []
    seen: set[tuple[str, str]] = set()

    def add(kind: str, value: str, label: str | None, s: int, e: int) -> None:
        key = (kind, "".join(ch for ch in value if ch.isalnum()).lower())
        if key not in seen:
            seen.add(key)
            entries.append({"kind": kind, "value": value, "label": label, "start": s, "end": e})

    for lab in PHONE_LABEL.finditer(folded, start):
        stop = PHONE_STOP.search(folded, lab.end(), min(len(folded), lab.end() + 120))
        end = stop.start() if stop else min(len(folded), lab.end() + 120)
        for m in PHONE.finditer(folded, lab.end(), end):
            add("phone", text[m.start():m.end()].strip(), text[lab.start("label"):lab.end("label")], m.start(), m.end())
    for m in EMAIL.finditer(folded, start):
        add("email", folded[m.start():m.end()], None, m.start(), m.end())
    for m in ADDRESS.finditer(folded, start):
        add("address", text[m.start("v"):m.end("v")].strip(), text[m.start("label"):m.end("label")],
            m.start("v"), m.end("v"))
    for m in POSTCODE.finditer(folded, start):
        add("postcode", m.group("v"), None, m.start("v"), m.end("v"))
    entries.sort(key=lambda e: e["start"])
    first = {kind: next((e["value"] for e in entries if e["kind"] == kind), None) for kind in ("address", "postcode")}
    return {
        "phones": [e["value"] for e in entries if e["kind"] == "phone"],
        "emails": [e["value"] for e in entries if e["kind"] == "email"],
        "address": first["address"],
        "postcode": first["postcode"],
        "entries": entries,
    }
