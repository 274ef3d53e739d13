"""The four message catalogues hold the same keys, placeholders and no empty strings,
and every key the page or its script uses is in them."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest

STATIC = Path(__file__).resolve().parents[2] / "src" / "corredor" / "web" / "static"
LANGS = ("en", "es", "pt", "zh")
PREFIXES = (
    "app|lang|map|plan|table|compare|shelf|layers|catchment|ports|search|sim|error|job|impact"
)
KEY = re.compile(rf"""["'`]((?:{PREFIXES})\.[A-Za-z]+)["'`]""")


def _catalogue(lang: str) -> dict[str, str]:
    data: dict[str, str] = json.loads((STATIC / "i18n" / f"{lang}.json").read_text("utf-8"))
    return data


def test_all_languages_have_the_same_keys() -> None:
    en = set(_catalogue("en"))
    for lang in LANGS[1:]:
        keys = set(_catalogue(lang))
        assert keys == en, f"{lang}: missing {sorted(en - keys)}, extra {sorted(keys - en)}"


@pytest.mark.parametrize("lang", LANGS)
def test_placeholders_match_english_and_nothing_is_empty(lang: str) -> None:
    en, cat = _catalogue("en"), _catalogue(lang)
    for key, text in cat.items():
        assert text.strip(), f"{lang}:{key} is empty"
        assert set(re.findall(r"\{(\w+)\}", text)) == set(re.findall(r"\{(\w+)\}", en[key])), (
            f"{lang}:{key} placeholders differ from English"
        )


def test_every_key_used_by_the_page_exists() -> None:
    html = (STATIC / "index.html").read_text("utf-8")
    js = "".join((STATIC / name).read_text("utf-8") for name in ("app.js", "jobs.js", "i18n.js"))
    used = set(re.findall(r'data-i18n="([^"]+)"', html))
    used |= {pair.split(":")[1] for attr in re.findall(r'data-i18n-attr="([^"]+)"', html)
             for pair in attr.split(";")}  # fmt: skip
    used |= set(KEY.findall(js))
    assert len(used) > 40
    missing = used - set(_catalogue("en"))
    assert not missing, f"keys used but not in the catalogues: {sorted(missing)}"


def test_every_packaged_commodity_has_a_translated_name() -> None:
    path = STATIC.parents[1] / "data" / "planner" / "commodities.csv"
    with path.open(encoding="utf-8") as f:
        keys = {row["commodity"] for row in csv.DictReader(f)}
    for lang in LANGS:
        cat = _catalogue(lang)
        assert {f"commodity.{k}" for k in keys} <= set(cat), lang
