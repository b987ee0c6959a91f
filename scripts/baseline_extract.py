"""Python baseline for scripts/bench-extract: jieba segmentation, cn2an number conversion and a
regex figure pass over a JSON Lines dump, one JSON line out per article.

Run with the virtualenv that scripts/bench-extract makes (scripts/.venv, jieba and cn2an from PyPI).
Usage: python baseline_extract.py DUMP.jsonl [LIMIT_BYTES] > out.jsonl
"""
import json
import logging
import re
import sys

import cn2an
import jieba

jieba.setLogLevel(logging.WARNING)
FIGURE = re.compile(
    r"([0-9]+(?:\.[0-9]+)?|[零〇一二两三四五六七八九十百千万亿]+)(余|多)?(万|亿)?"
    r"(个百分点|%|％|人次|万元|亿元|元|人|个|起|件|户|次|家|条|场|所|名|项|台|辆)")
MULTIPLIER = {"万": 1e4, "亿": 1e8}


def main():
    path = sys.argv[1]
    limit = int(sys.argv[2]) if len(sys.argv) > 2 else None
    jieba.initialize()
    out = sys.stdout
    read = 0
    articles = 0
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            read += len(line.encode("utf-8"))
            if limit is not None and read > limit:
                break
            try:
                record = json.loads(line)
            except ValueError:
                continue
            text = record.get("text") or record.get("content") or record.get("html") or ""
            tokens = jieba.lcut(text)
            figures = []
            for match in FIGURE.finditer(text):
                number = match.group(1)
                try:
                    value = float(number) if number[0].isdigit() else float(cn2an.cn2an(number, "smart"))
                except (ValueError, KeyError):
                    continue
                figures.append({"text": match.group(0), "value": value * MULTIPLIER.get(match.group(3), 1),
                                "qualifier": match.group(2), "unit": match.group(4),
                                "start": match.start(), "end": match.end()})
            out.write(json.dumps({"url": record.get("url"), "tokens": len(tokens), "figures": figures}, ensure_ascii=False))
            out.write("\n")
            articles += 1
    print(json.dumps({"bytes": min(read, limit) if limit else read, "articles": articles}), file=sys.stderr)


if __name__ == "__main__":
    main()
