"""End-to-end browser test for `zhili serve`, driven by scripts/browser-test.

Drives Debian's headless chromium through chromium-driver: searches, filters by region, opens an
article, loads the comparison chart and map, and (on the second server, TIMELINE_BASE, whose index
holds a generated dump with cross-region reprints) steps through a program's diffusion timeline,
asserting on what each page shows and saving a screenshot of each step to scripts/out/screenshots/.

Usage: browser_test.py BASE OUT [TIMELINE_BASE]
"""
import os
import sys
import urllib.parse

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

BASE = sys.argv[1].rstrip("/")
OUT = sys.argv[2]
TIMELINE_BASE = sys.argv[3].rstrip("/") if len(sys.argv) > 3 else None
os.makedirs(OUT, exist_ok=True)

passed, failed = 0, 0


def check(condition, what):
    global passed, failed
    if condition:
        passed += 1
        print(f"ok: {what}")
    else:
        failed += 1
        print(f"FAIL: {what}")


def shot(driver, name):
    height = driver.execute_script("return document.documentElement.scrollHeight")
    driver.set_window_size(1280, min(max(height, 800), 4000))
    path = os.path.join(OUT, name)
    driver.save_screenshot(path)
    driver.set_window_size(1280, 900)
    print(f"screenshot: {path}")


options = webdriver.ChromeOptions()
for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--lang=zh-CN", "--window-size=1280,900"):
    options.add_argument(flag)
options.binary_location = "/usr/bin/chromium"
driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
wait = WebDriverWait(driver, 10)
try:
    # 1. Search from the home page by typing into the box and pressing the button.
    driver.get(BASE + "/")
    check("治理" in driver.title, "home page title")
    box = driver.find_element(By.ID, "q")
    box.send_keys("调解室")
    driver.find_element(By.CSS_SELECTOR, "form.search button[type=submit]").click()
    wait.until(lambda d: d.find_elements(By.ID, "summary"))
    results = driver.find_elements(By.CSS_SELECTOR, "ol.results > li")
    check(len(results) >= 1, f"search 调解室 shows results ({len(results)})")
    first = results[0].text if results else ""
    check("调解" in first, "first result mentions 调解")
    marks = driver.find_elements(By.CSS_SELECTOR, "ol.results .snippet mark")
    check(any("调解" in m.text for m in marks), "snippet highlights the query")
    chips = driver.find_elements(By.CSS_SELECTOR, "ol.results .chip")
    check(len(chips) >= 1, f"results carry region/program chips ({len(chips)})")
    shot(driver, "01-search.png")

    # 2. Filter by region: choose 兴安盟, the county list narrows to its counties (JavaScript), search 网格员.
    driver.get(BASE + "/")
    driver.find_element(By.ID, "q").send_keys("网格员")
    Select(driver.find_element(By.ID, "region")).select_by_value("152200")
    visible_groups = [g.get_attribute("label") for g in driver.find_elements(By.CSS_SELECTOR, "#county optgroup") if g.get_attribute("hidden") is None]
    check(visible_groups == ["兴安盟"], f"county picker shows only 兴安盟's counties ({visible_groups})")
    driver.find_element(By.CSS_SELECTOR, "form.search button[type=submit]").click()
    wait.until(lambda d: d.find_elements(By.ID, "summary"))
    query = urllib.parse.parse_qs(urllib.parse.urlparse(driver.current_url).query)
    check(query.get("region") == ["152200"], f"region filter is in the URL ({query.get('region')})")
    results = driver.find_elements(By.CSS_SELECTOR, "ol.results > li")
    check(len(results) >= 1, f"网格员 in 兴安盟 has results ({len(results)})")
    check(all("兴安" in r.text for r in results), "every filtered result is about 兴安盟")
    shot(driver, "02-region-filter.png")

    # 3. Open the first article: clean text with figures and programs highlighted.
    results[0].find_element(By.CSS_SELECTOR, "h2 a").click()
    wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, ".article-text"))
    article_text = driver.find_element(By.CSS_SELECTOR, ".article-text").text
    check(len(article_text) > 40 and "网格员" in article_text, f"article text is shown ({len(article_text)} characters)")
    figures = driver.find_elements(By.CSS_SELECTOR, ".article-text mark.fig")
    check(len(figures) >= 1, f"figures are highlighted ({len(figures)})")
    check(any("万" in f.text or any(c.isdigit() for c in f.text) for f in figures), "a highlighted figure holds a number")
    shot(driver, "03-article.png")

    # 4. The comparison page: pick the grids indicator, see the table, the bar chart and the map.
    driver.get(BASE + "/compare")
    select = Select(driver.find_element(By.ID, "indicator"))
    options_text = [o.get_attribute("value") for o in select.options]
    check("grids" in options_text, f"indicator list offers grids ({options_text[:8]})")
    select.select_by_value("grids")  # the page's script submits on change
    wait.until(lambda d: "indicator=grids" in d.current_url)
    wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "svg.chart rect.bar"))
    bars = driver.find_elements(By.CSS_SELECTOR, "svg.chart rect.bar")
    check(len(bars) >= 3, f"bar chart has bars ({len(bars)})")
    rows = driver.find_elements(By.CSS_SELECTOR, "svg.chart g.bar-row")
    check(len(rows) == 12, f"chart lists the 12 leagues and cities ({len(rows)})")
    table = driver.find_element(By.CSS_SELECTOR, "table.compare").text
    for region, value in (("巴彦淖尔市", "5780"), ("兴安盟", "4580"), ("乌海市", "640")):
        check(region in table and value in table, f"table shows {region} {value}")
    circles = driver.find_elements(By.CSS_SELECTOR, "svg.map circle.value")
    check(len(circles) >= 3, f"map has value circles ({len(circles)})")
    check(len(driver.find_elements(By.CSS_SELECTOR, "svg.map path.county")) == 103, "map draws the 103 banners and counties")
    check(len(driver.find_elements(By.CSS_SELECTOR, "svg.map path.league-border")) == 1, "map draws the league borders")
    shot(driver, "04-compare.png")

    # 5. A bar links to its source sentence in the article.
    bar = driver.find_element(By.CSS_SELECTOR, "svg.chart a rect.bar")
    href = driver.execute_script("return arguments[0].closest('a').getAttribute('href')", bar)
    bar.click()
    wait.until(lambda d: "/articles/" in d.current_url)
    check(driver.current_url.endswith(href), f"clicking a bar opens {href}")
    anchor = urllib.parse.urlparse(driver.current_url).fragment
    target = driver.find_elements(By.ID, anchor)
    check(bool(anchor) and len(target) == 1 and target[0].tag_name == "mark", f"chart links to a highlighted figure (#{anchor})")
    shot(driver, "05-source-sentence.png")

    # 5b. Changes are never levels: the change comparison draws falls left of zero, labelled ↓.
    driver.get(BASE + "/compare?indicator=criminal_cases&kind=change")
    wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "svg.chart"))
    falls = driver.find_elements(By.CSS_SELECTOR, "svg.chart rect.bar.fall")
    check(len(falls) >= 2, f"change chart draws falls ({len(falls)} bars, legend included)")
    labels = [t.text for t in driver.find_elements(By.CSS_SELECTOR, "svg.chart text.bar-value.fall")]
    check(any("同比↓" in label for label in labels), f"falls are labelled with ↓ and their basis ({labels[:2]})")
    table = driver.find_element(By.CSS_SELECTOR, "table.compare").text
    check("下降" in table and "同比" in table, "the table gives each change its direction and basis")
    shot(driver, "05b-compare-changes.png")

    # 7. A program's diffusion timeline: from the program list to its page, then the timeline map
    #    (counties colored by first-mention year), stepping back in time with the year links.
    if TIMELINE_BASE:
        driver.get(TIMELINE_BASE + "/programs?q=" + urllib.parse.quote("调解室"))
        driver.find_element(By.LINK_TEXT, "老李调解室").click()
        wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "a.timeline-link"))
        driver.find_element(By.CSS_SELECTOR, "a.timeline-link").click()
        wait.until(lambda d: d.find_elements(By.CSS_SELECTOR, "svg.map"))
        check(driver.current_url.endswith("/timeline"), f"program page links to its timeline ({driver.current_url})")
        reported = driver.find_elements(By.CSS_SELECTOR, "svg.map path.county.reported")
        check(len(reported) >= 10, f"timeline map colors the counties that reported 老李调解室 ({len(reported)})")
        classes = {c for p in reported for c in p.get_attribute("class").split() if c.startswith("y")}
        check(len(classes) >= 3, f"first-mention years take several colors ({sorted(classes)})")
        legend = driver.find_elements(By.CSS_SELECTOR, ".year-legend li")
        check(len(legend) >= 4, f"legend lists the years ({len(legend)} entries)")
        county_rows = driver.find_elements(By.CSS_SELECTOR, "table.timeline")[0].find_elements(By.CSS_SELECTOR, "tbody tr")
        check(len(county_rows) >= len(reported), f"county table has a row per colored county ({len(county_rows)} rows)")
        reuse = driver.find_elements(By.CSS_SELECTOR, "svg.map path.reuse")
        check(len(reuse) >= 1, f"reuse links are drawn ({len(reuse)})")
        check(len(driver.find_elements(By.CSS_SELECTOR, "table.reuse tbody tr")) >= len(reuse), "reuse table lists each link")
        shot(driver, "07-timeline.png")
        steps = driver.find_elements(By.CSS_SELECTOR, "nav.steps a")
        first_year = steps[1].text
        steps[1].click()
        wait.until(lambda d: f"until={first_year}" in d.current_url)
        early = driver.find_elements(By.CSS_SELECTOR, "svg.map path.county.reported")
        check(0 < len(early) < len(reported), f"by the end of {first_year} fewer counties had reported ({len(early)} of {len(reported)})")
        check(driver.find_element(By.CSS_SELECTOR, "nav.steps a[aria-current=page]").text == first_year, "the chosen year is marked")
        shot(driver, "08-timeline-first-year.png")
        # A colored county links to the article that first reported the program there.
        link = driver.find_element(By.CSS_SELECTOR, "svg.map a path.county.reported")
        href = driver.execute_script("return arguments[0].closest('a').getAttribute('href')", link)
        driver.get(TIMELINE_BASE + href)
        text = driver.find_element(By.CSS_SELECTOR, ".article-text").text
        check("老李调解室" in text, f"a county links to an article naming the program ({href})")

    # 6. User text is escaped: a query with markup comes back as text.
    driver.get(BASE + "/?q=" + urllib.parse.quote("<b>x</b>"))
    check(driver.find_element(By.ID, "q").get_attribute("value") == "<b>x</b>", "query with markup is echoed as text")
    check(not driver.find_elements(By.CSS_SELECTOR, "main b"), "no <b> element was injected")
finally:
    driver.quit()

print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
