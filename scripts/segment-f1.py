#!/usr/bin/env python3
"""Word-boundary F1 of Zhili's segmenter and of raw ICU against jieba on the seed articles.

A boundary is the start or end of a non-whitespace token (scalar offsets), excluding the text's
edges. Boundaries strictly inside a Zhili `figure` token are not counted on either side, so
2000余起 as one token is not a disagreement with jieba's 2000|余|起.

Usage: scripts/segment-f1.py [--lexicon FILE] [--diff] ZHILI_BENCH FILE...
"""
import subprocess
import sys

import jieba

jieba.setLogLevel(60)


def read_tokens(bench, mode, paths, extra):
    out = subprocess.run([bench, "tokens", mode, *extra, *paths], check=True, capture_output=True, text=True).stdout
    docs, current = [], []
    for line in out.split("\n")[:-1]:
        if not line:
            docs.append(current)
            current = []
            continue
        start, end, kind = line.split(" ")
        current.append((int(start), int(end), kind))
    return docs


def boundaries(tokens):
    result = set()
    for start, end, _ in tokens:
        result.add(start)
        result.add(end)
    return result


def jieba_tokens(text):
    tokens, position = [], 0
    for word in jieba.cut(text):
        if word.strip():
            tokens.append((position, position + len(word), "w"))
        position += len(word)
    return tokens


def main():
    args = [a for a in sys.argv[1:] if a != "--diff"]
    show_diff = "--diff" in sys.argv
    extra = []
    if "--lexicon" in args:
        index = args.index("--lexicon")
        extra = args[index:index + 2]
        del args[index:index + 2]
    bench, paths = args[0], args[1:]
    texts = [open(p, encoding="utf-8").read() for p in paths]
    zhili = read_tokens(bench, "zhili", paths, extra)
    icu = read_tokens(bench, "icu", paths, [])
    totals = {"zhili": [0, 0, 0], "icu": [0, 0, 0]}
    for text, ours, raw in zip(texts, zhili, icu):
        reference = jieba_tokens(text)
        inside = set()
        for start, end, kind in ours:
            if kind == "figure":
                inside.update(range(start + 1, end))
        edges = {0, len(text)}
        gold = boundaries(reference) - inside - edges
        for name, tokens in (("zhili", ours), ("icu", raw)):
            predicted = boundaries(tokens) - inside - edges
            total = totals[name]
            total[0] += len(predicted & gold)
            total[1] += len(predicted)
            total[2] += len(gold)
        if show_diff:
            show(text, ours, reference, inside)
    for name in ("zhili", "icu"):
        hit, predicted, gold = totals[name]
        precision, recall = hit / predicted, hit / gold
        f1 = 2 * precision * recall / (precision + recall)
        print(f"{name}_boundary_f1 {f1:.4f} precision {precision:.4f} recall {recall:.4f}")


def show(text, ours, reference, inside):
    """Prints spans where the two segmentations disagree, with both cuttings."""
    ours_b = boundaries(ours) - inside
    ref_b = boundaries(reference) - inside
    for start, end, _ in ours:
        if start in ref_b and end in ref_b and not any(start < b < end for b in ref_b - inside):
            continue
        cut_ours = [text[s:e] for s, e, _ in ours if s < end + 4 and e > start - 4]
        cut_ref = [text[s:e] for s, e, _ in reference if s < end + 4 and e > start - 4]
        print("Z:", "|".join(cut_ours), "   J:", "|".join(cut_ref))


if __name__ == "__main__":
    main()
