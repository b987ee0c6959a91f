#!/usr/bin/env python3
"""Scores `zhili extract` on the development set (../shared/devset) against its hand-written gold.

Runs the whole pipeline as a user would (`zhili extract` on the raw page texts, cleaning
included) and compares each article's record with gold.jsonl, following the set's README:

- figures: precision/recall/F1 of (span text, value, unit), matched in document order;
- over matched figures: change (上升/下降/none) accuracy, also over the gold figures that change,
  metric (equal, or one contains the other with at least 2 characters; `(标题)` ignored),
  region (canonical name; none when the gold has none), year (stated years only);
- programs: precision/recall/F1 of distinct names per article;
- article regions: precision/recall/F1 of canonical names per article (only `subject` regions
  when records carry a `role`).

Usage: scripts/score_devset.py [--zhili BIN] [--devset DIR] [--misses] [--records FILE] [--floor FIELD=VALUE]...
  --misses   print every disagreement, per article: "-" missed gold item, "+" extra prediction,
             "~" matched figure with a wrong attribute (gold → predicted).
  --records  score these JSON Lines records instead of running zhili.
  --floor    fail (exit 1) when FIELD scores below VALUE; fields: figure_f1, program_f1,
             region_f1, change, metric, figure_region, year. scripts/test sets floors at the
             levels reached, so that a change that loses ground on unseen articles fails CI.
Exit status 0 when every floor holds.
"""
import argparse
import json
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def prf(true_positive, predicted, expected):
    precision = true_positive / predicted if predicted else 1.0
    recall = true_positive / expected if expected else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def metric_matches(gold, predicted):
    gold = gold.replace("(标题)", "")
    predicted = predicted or ""
    if gold == predicted:
        return True
    shorter, longer = sorted((gold, predicted), key=len)
    return len(shorter) >= 2 and shorter in longer


def same_value(gold, predicted):
    return predicted is not None and abs(gold - predicted) <= 1e-6 * max(1.0, abs(gold))


def match_figures(gold_figures, predicted_figures):
    """Pairs (gold index, predicted index) in document order: each gold figure takes the first
    unused prediction with its span text, value and unit at or after the previous match, else any
    unused one."""
    used = set()
    pairs = []
    cursor = 0
    for g_index, gold in enumerate(gold_figures):
        def fits(p_index):
            p = predicted_figures[p_index]
            return (p_index not in used and p.get("text") == gold["text"]
                    and same_value(gold["value"], p.get("value")) and (p.get("unit") or "") == gold["unit"])
        found = next((i for i in range(cursor, len(predicted_figures)) if fits(i)), None)
        if found is None:
            found = next((i for i in range(len(predicted_figures)) if fits(i)), None)
        if found is not None:
            used.add(found)
            pairs.append((g_index, found))
            cursor = found + 1
    return pairs


def region_name(value):
    if isinstance(value, dict):
        return value.get("name") or ""
    return value or ""


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--zhili", default=os.path.join(ROOT, ".build/release/zhili"))
    parser.add_argument("--devset", default=os.path.join(ROOT, "..", "shared", "devset"))
    parser.add_argument("--records")
    parser.add_argument("--misses", action="store_true")
    parser.add_argument("--floor", action="append", default=[], metavar="FIELD=VALUE")
    args = parser.parse_args()

    with open(os.path.join(args.devset, "gold.jsonl"), encoding="utf-8") as handle:
        gold = [json.loads(line) for line in handle if line.strip()]

    if args.records:
        with open(args.records, encoding="utf-8") as handle:
            lines = handle.read().splitlines()
    else:
        paths = [os.path.join(args.devset, "articles", g["id"] + ".txt") for g in gold]
        run = subprocess.run([args.zhili, "extract", *paths], capture_output=True, text=True)
        if run.returncode not in (0, 3):
            sys.exit(f"zhili extract failed ({run.returncode}): {run.stderr[-2000:]}")
        lines = run.stdout.splitlines()
    records = {}
    for line in lines:
        if line.strip():
            record = json.loads(line)
            article_id = os.path.splitext(os.path.basename(record["source"]))[0]
            records.setdefault(article_id, record)

    totals = dict(fig_tp=0, fig_pred=0, fig_gold=0, prog_tp=0, prog_pred=0, prog_gold=0,
                  reg_tp=0, reg_pred=0, reg_gold=0, change_ok=0, changed=0, changed_ok=0,
                  metric_ok=0, region_ok=0, year_ok=0)
    report = []
    for g in gold:
        record = records.get(g["id"], {"figures": [], "programs": [], "regions": []})
        lines = []
        predicted = record.get("figures") or []
        pairs = match_figures(g["figures"], predicted)
        totals["fig_tp"] += len(pairs)
        totals["fig_pred"] += len(predicted)
        totals["fig_gold"] += len(g["figures"])
        matched_gold = {gi for gi, _ in pairs}
        matched_pred = {pi for _, pi in pairs}
        for gi, figure in enumerate(g["figures"]):
            if gi not in matched_gold:
                lines.append(f"  - figure {figure['text']} ({figure['metric']})")
        for pi, figure in enumerate(predicted):
            if pi not in matched_pred:
                lines.append(f"  + figure {figure.get('text')} ({figure.get('metric')})")
        for gi, pi in pairs:
            gf, pf = g["figures"][gi], predicted[pi]
            wrong = []
            if (pf.get("change") or "") == gf["change"]:
                totals["change_ok"] += 1
            else:
                wrong.append(f"change {gf['change'] or '∅'} → {pf.get('change') or '∅'}")
            if gf["change"]:
                totals["changed"] += 1
                totals["changed_ok"] += (pf.get("change") or "") == gf["change"]
            if metric_matches(gf["metric"], pf.get("metric")):
                totals["metric_ok"] += 1
            else:
                wrong.append(f"metric {gf['metric']} → {pf.get('metric')}")
            if region_name(pf.get("region")) == gf["region"]:
                totals["region_ok"] += 1
            else:
                wrong.append(f"region {gf['region'] or '∅'} → {region_name(pf.get('region')) or '∅'}")
            predicted_year = str(pf.get("year") or "") if pf.get("year_source", "stated") == "stated" else ""
            if predicted_year == gf["year"]:
                totals["year_ok"] += 1
            else:
                wrong.append(f"year {gf['year'] or '∅'} → {predicted_year or '∅'}")
            if wrong:
                lines.append(f"  ~ figure {gf['text']}: " + "; ".join(wrong))

        gold_programs = set(g["programs"])
        predicted_programs = {p.get("name") for p in record.get("programs") or []}
        totals["prog_tp"] += len(gold_programs & predicted_programs)
        totals["prog_pred"] += len(predicted_programs)
        totals["prog_gold"] += len(gold_programs)
        lines += [f"  - program {name}" for name in sorted(gold_programs - predicted_programs)]
        lines += [f"  + program {name}" for name in sorted(predicted_programs - gold_programs)]

        regions = record.get("regions") or []
        if any("role" in r for r in regions):
            regions = [r for r in regions if r.get("role") == "subject"]
        gold_regions = set(g["regions"])
        predicted_regions = {r.get("name") for r in regions}
        totals["reg_tp"] += len(gold_regions & predicted_regions)
        totals["reg_pred"] += len(predicted_regions)
        totals["reg_gold"] += len(gold_regions)
        lines += [f"  - region {name}" for name in sorted(gold_regions - predicted_regions)]
        lines += [f"  + region {name}" for name in sorted(predicted_regions - gold_regions)]
        if lines:
            report.append(f"{g['id']}:\n" + "\n".join(lines))

    t = totals
    matched = t["fig_tp"] or 1
    print(f"DEVSET SCORES ({len(gold)} articles, {t['fig_gold']} gold figures)")
    print("figures    P %.3f  R %.3f  F1 %.3f" % prf(t["fig_tp"], t["fig_pred"], t["fig_gold"]))
    print("programs   P %.3f  R %.3f  F1 %.3f" % prf(t["prog_tp"], t["prog_pred"], t["prog_gold"]))
    print("regions    P %.3f  R %.3f  F1 %.3f" % prf(t["reg_tp"], t["reg_pred"], t["reg_gold"]))
    print(f"over {t['fig_tp']} matched figures: change {t['change_ok'] / matched:.3f}"
          f" (changed figures {t['changed_ok']}/{t['changed']}), metric {t['metric_ok'] / matched:.3f},"
          f" region {t['region_ok'] / matched:.3f}, year {t['year_ok'] / matched:.3f}")
    if args.misses:
        print()
        print("\n".join(report))
    scores = {
        "figure_f1": prf(t["fig_tp"], t["fig_pred"], t["fig_gold"])[2],
        "program_f1": prf(t["prog_tp"], t["prog_pred"], t["prog_gold"])[2],
        "region_f1": prf(t["reg_tp"], t["reg_pred"], t["reg_gold"])[2],
        "change": t["change_ok"] / matched, "metric": t["metric_ok"] / matched,
        "figure_region": t["region_ok"] / matched, "year": t["year_ok"] / matched,
    }
    failed = []
    for floor in args.floor:
        field, _, value = floor.partition("=")
        if field not in scores:
            sys.exit(f"unknown field {field}; fields: {', '.join(scores)}")
        if scores[field] < float(value):
            failed.append(f"{field} {scores[field]:.3f} < {float(value):.3f}")
    if failed:
        print("BELOW FLOOR: " + "; ".join(failed))
        sys.exit(1)


if __name__ == "__main__":
    main()
