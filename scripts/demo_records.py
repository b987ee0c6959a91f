"""Prints a few hand-made article records (JSON Lines, the format `zhili extract` writes), modelled on
the seed articles in corpus/raw. Used by scripts/build-demo-index when the zhili binary has no
`extract` command yet. Offsets count Unicode scalars (Python string indexes)."""
import json
import re

REGIONS = {
    "集宁区": ("150902", "county", ("乌兰察布市", "150900")),
    "兴安盟": ("152200", "prefecture", ("兴安盟", "152200")),
    "巴彦淖尔市": ("150800", "prefecture", ("巴彦淖尔市", "150800")),
    "乌海市": ("150300", "prefecture", ("乌海市", "150300")),
    "呼和浩特市": ("150100", "prefecture", ("呼和浩特市", "150100")),
}


def sentence_around(text, start, end):
    left = max(text.rfind(c, 0, start) for c in "。！？\n") + 1
    ends = [i for i in (text.find(c, end) for c in "。！？\n") if i >= 0]
    right = min(ends) + 1 if ends else len(text)
    return text[left:right].rstrip("\n")


def record(id, title, date, outlet, paragraphs, region, programs=(), figures=()):
    text = "\n".join(paragraphs)
    code, level, prefecture = REGIONS[region]
    ref = {"name": region, "code": code}
    out_programs = []
    for name in programs:
        quoted = text.find("“" + name + "”")  # prefer the quoted mention: 信访代办 in “信访代办”, not in 信访代办员
        start = quoted + 1 if quoted >= 0 else text.index(name)
        out_programs.append({"name": name, "start": start, "end": start + len(name),
                             "sentence": sentence_around(text, start, start + len(name)), "region": ref})
    out_figures = []
    for surface, value, unit, metric, indicator, year in figures:
        start = text.index(surface)
        end = start + len(surface)
        out_figures.append({
            "text": surface, "value": value, "value_max": None, "unit": unit, "qualifier": "余" if "余" in surface else None,
            "change": None, "basis": None, "kind": "percent" if unit == "%" else "count", "metric": metric,
            "indicator": indicator, "year": year, "region": ref, "start": start, "end": end,
            "sentence": sentence_around(text, start, end)})
    return {
        "id": id, "source": f"demo/{id}.txt", "index": 0, "title": title, "subtitle": None, "date": date,
        "outlet": outlet, "authors": [], "editors": [], "paragraphs": list(paragraphs), "captions": [],
        "text": text, "warnings": [],
        "regions": [{"name": region, "code": code, "level": level,
                     "prefecture": {"name": prefecture[0], "code": prefecture[1]}, "mentions": text.count(region[:2])}],
        "programs": out_programs, "figures": out_figures}


RECORDS = [
    record("demo-jining", "集宁区:精准“把脉”筑牢安全稳定屏障", "2023-05-10", "乌兰察布日报", [
        "近年来,集宁区坚定不移贯彻总体国家安全观,加快构建大安全格局、完善大平安体系,维护社会稳定,强化基层治理。",
        "“老李,您看我这个事情怎么解决,您可得帮我想想办法。”近日,在“老李调解室”里,居民王女士正在和民警李明讲述着自己遇到的麻烦。",
        "调解室不大,却承担着化解基层矛盾纠纷的重任。集宁区公安分局今年以来累计排查化解矛盾纠纷2000余起,化解率达98.5%。",
    ], "集宁区", programs=["老李调解室"], figures=[
        ("2000余起", 2000, "起", "排查化解矛盾纠纷", "disputes_resolved", 2023),
        ("98.5%", 98.5, "%", "化解率", "dispute_resolution_rate", 2023)]),
    record("demo-hohhot", "警企联合:唱响首府卫士之歌", "2021-12-30", "呼和浩特日报", [
        "呼和浩特市公安局治安管理支队内部单位安全保卫大队现已在五个旗县成立了电力警务室,实现了电力警务室全覆盖。",
        "全市推行“警企联合”工作机制,全年开展安全检查320次,排查整改隐患1200余处。",
    ], "呼和浩特市", programs=["电力警务室"], figures=[
        ("320次", 320, "次", "开展安全检查", "safety_inspections", 2021)]),
    record("demo-bayannur", "巴彦淖尔:筑牢安全发展之基 守护百姓平安幸福", "2023-01-06", "巴彦淖尔日报", [
        "平安是民之所盼,亦是发展之基。去年以来,巴彦淖尔市以扎实的工作举措防风险、保安全、护稳定、促发展。",
        "巴彦淖尔市共划分网格5780个,配备专兼职网格员23700人,矛盾纠纷调解成功率达97%。",
        "乌拉特前旗探索“两全代办制”,群众办事不出村。",
    ], "巴彦淖尔市", programs=["两全代办制"], figures=[
        ("5780个", 5780, "个", "划分网格", "grids", 2022),
        ("23700人", 23700, "人", "专兼职网格员", "grid_workers", 2022)]),
    record("demo-hinggan", "五大任务 兴安担当", "2023-02-15", "兴安日报", [
        "晨曦微亮,三角山哨所,执勤战士坚守岗位;乡村巷道、社区楼栋,网格员步履匆匆。",
        "兴安盟划分全科网格4580个,配备专兼职网格员2.2万人,推行“一格一长一警一专多兼”工作机制。",
    ], "兴安盟", programs=["一格一长一警一专多兼"], figures=[
        ("4580个", 4580, "个", "全科网格", "grids", 2022),
        ("2.2万人", 22000, "人", "专兼职网格员", "grid_workers", 2022)]),
    record("demo-wuhai", "乌海市筑牢祖国北疆安全稳定屏障", "2023-03-01", "乌海日报", [
        "信访是送上门的群众工作。乌海市公安系统以全体民警、辅警为信访代办员,推行“信访代办”工作机制。",
        "乌海市划分640个网格,网格员走村入户宣传反诈知识。",
    ], "乌海市", programs=["信访代办"], figures=[
        ("640个", 640, "个", "划分网格", "grids", 2022)]),
]

for item in RECORDS:
    print(json.dumps(item, ensure_ascii=False))
