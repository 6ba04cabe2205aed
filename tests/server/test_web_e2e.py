"""The web app end to end in headless Chromium: review a place in three clicks, hostile documents stay
inert, the offline map renders, and the language toggle mirrors the layout. Screenshots go to
/tmp/marsad-shots/."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn
from browser import browser_fixture, console_errors, save_screenshot, wait_for_selector
from store_cases import P1
from workbench_cases import PASSWORD

from marsad.model import Document, Label, Mention
from marsad.server import create_app
from marsad.store import Store

pytestmark = pytest.mark.parametrize("store_url", ["sqlite"], indirect=True)

SHOTS = Path("/tmp/marsad-shots")
SHOTS2 = Path("/tmp/marsad-shots2")
browser = browser_fixture(scope="module", window_size=(1400, 900))
HOSTILE = (
    "بيان \u202eمزور\u202c قبل <script>window.__pwned=1</script> ثم "
    '<img src=x onerror="window.__pwned=1"> و <a href="javascript:window.__pwned=1">x</a> انتهى البيان.'
)
SECOND = "\u202eغرض خبيث <script>window.__pwned=1</script>"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def live_url(workbench: Store) -> Iterator[str]:
    """The workbench served by uvicorn on a free local port, in a background thread."""
    port = _free_port()
    server = uvicorn.Server(
        uvicorn.Config(create_app(workbench), host="127.0.0.1", port=port, log_level="warning")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 15
    while True:
        try:
            if httpx.get(url + "/api/v1/health", timeout=1).status_code == 200:
                break
        except httpx.HTTPError:
            pass
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.1)
    yield url
    server.should_exit = True
    thread.join(timeout=10)


def _sign_in(driver: Any, url: str, name: str = "reviewer", lang: str = "ar") -> None:
    driver.get(url + "/")
    driver.execute_script("localStorage.clear(); localStorage.setItem('marsad.lang', arguments[0]);", lang)
    driver.delete_all_cookies()
    driver.refresh()  # a fresh page load reads the language and finds no session
    wait_for_selector(driver, "#login-name", visible=True).send_keys(name)
    driver.find_element("id", "login-password").send_keys(PASSWORD)
    driver.find_element("id", "login-submit").click()
    wait_for_selector(driver, "#doc-list li", visible=True)
    # Before sign-in the app's GET /api/v1/session answers 401, which Chromium logs; nothing else may fail.
    assert console_errors(driver, ignore=("/api/v1/session - Failed to load resource",)) == []


def _wait(condition: Any, timeout: float = 10, what: str = "condition") -> Any:
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.1)


def test_a_reviewer_corrects_a_place_in_three_clicks(browser: Any, live_url: str) -> None:
    from selenium.webdriver.common.by import By

    _sign_in(browser, live_url)
    browser.get(live_url + "/#/doc/clash-1")
    first = wait_for_selector(browser, "#doc-events a.chip", visible=True)
    first.click()
    wait_for_selector(browser, "#event-panel #ev-place option", visible=False)
    _wait(
        lambda: browser.find_element(By.ID, "ev-place").get_attribute("value") == "place:تل-ملح", what="place"
    )
    wait_for_selector(browser, "#doc-text mark.trigger")
    save_screenshot(browser, SHOTS / "document-ar.png")

    clicks = 0
    select = browser.find_element(By.ID, "ev-place")
    select.click()
    clicks += 1
    browser.find_element(By.CSS_SELECTOR, '#ev-place option[value="geonames:168620"]').click()
    clicks += 1
    browser.find_element(By.ID, "ev-save").click()
    clicks += 1
    assert clicks <= 3

    audit = _wait(
        lambda: (
            browser.find_element(By.ID, "ev-audit").text
            if "geonames:168620" in browser.find_element(By.ID, "ev-audit").text
            else ""
        ),
        what="the audit trail",
    )
    assert "place:تل-ملح" in audit and "reviewer" in audit
    assert browser.find_elements(By.CSS_SELECTOR, '#ev-audit li[data-action="review.edited"]')
    assert "المكان" in audit and "عدّل الحدث" in audit  # field names and the action in words
    assert "review.edited" not in audit and "T" not in audit.split("·")[0]  # a formatted time, not ISO
    save_screenshot(browser, SHOTS / "document-after-edit.png")
    browser.execute_script("document.getElementById('ev-audit').scrollIntoView()")
    save_screenshot(browser, SHOTS2 / "audit-ar.png")

    cookies = {c["name"]: c["value"] for c in browser.get_cookies()}
    exported = httpx.get(
        live_url + "/api/v1/export", params={"format": "jsonl", "reviewed_only": "true"}, cookies=cookies
    )
    assert exported.status_code == 200, exported.text
    rows = [json.loads(line) for line in exported.text.splitlines() if line.strip()]
    assert [(r["document"]["id"], r["event"]["place"]) for r in rows] == [("clash-1", "geonames:168620")]
    assert console_errors(browser) == []


def test_hostile_documents_are_shown_as_inert_text(browser: Any, live_url: str, workbench: Store) -> None:
    from selenium.webdriver.common.by import By

    start = HOSTILE.index("<script>")
    mention = Mention(start=start, end=start + len("<script>"), text="<script>", label=Label.ORG)
    doc = Document(
        id="hostile-1", text=HOSTILE, title='<img src=x onerror="window.__pwned=1">', mentions=[mention]
    )
    workbench.save_extractions([doc], P1)
    workbench.add_documents(
        [Document(id="hostile-2", text="\u202eغرض خبيث <script>window.__pwned=1</script>")]
    )
    _sign_in(browser, live_url)
    for doc_id in ("hostile-1", "hostile-2"):
        browser.get(live_url + f"/#/doc/{doc_id}")
        wait_for_selector(browser, "#doc-text", visible=True)
        expected = HOSTILE if doc_id == "hostile-1" else SECOND
        script = "return document.getElementById('doc-text').textContent"
        _wait(lambda: browser.execute_script(script) == expected, what="the document text")  # noqa: B023
        assert browser.execute_script("return window.__pwned") is None
        assert browser.find_elements(By.CSS_SELECTOR, "#doc-text script, #doc-text img, #doc-text a") == []
        assert browser.find_elements(By.CSS_SELECTOR, "main img, main script") == []
        warning = browser.find_element(By.ID, "doc-bidi")
        assert warning.is_displayed() and "U+202E" in warning.text
        assert browser.find_element(By.ID, "doc-text").get_attribute("dir") == "auto"
        if doc_id == "hostile-1":  # a highlighted mention over the markup is still plain text
            assert browser.find_element(By.CSS_SELECTOR, "#doc-text mark.m-org").text == "<script>"
            save_screenshot(browser, SHOTS / "hostile.png")
    browser.get(live_url + "/#/documents")
    wait_for_selector(browser, "#doc-list li", visible=True)
    assert browser.execute_script("return window.__pwned") is None
    assert console_errors(browser) == []


def test_the_main_views_render_without_console_errors(browser: Any, live_url: str) -> None:
    from selenium.webdriver.common.by import By

    _sign_in(browser, live_url)
    browser.get(live_url + "/#/map")
    _wait(
        lambda: len(browser.find_elements(By.CSS_SELECTOR, ".leaflet-overlay-pane path")) > 100,
        what="base map",
    )
    wait_for_selector(browser, ".leaflet-marker-pane .leaflet-marker-icon", visible=True)
    time.sleep(0.5)
    save_screenshot(browser, SHOTS / "map.png")
    assert browser.find_elements(By.CSS_SELECTOR, ".leaflet-tile") == []  # no online tiles by default
    browser.get(live_url + "/#/events")
    wait_for_selector(browser, "#ev-rows tr", visible=True)
    browser.get(live_url + "/#/timeline")
    bar = wait_for_selector(browser, "#timeline svg g.bar", visible=True)
    save_screenshot(browser, SHOTS / "timeline.png")
    day = bar.get_attribute("data-date")
    bar.find_element(By.CSS_SELECTOR, "rect").click()
    _wait(lambda: browser.find_element(By.ID, "f-from").get_attribute("value") == day, what="the day filter")
    browser.find_element(By.CSS_SELECTOR, '#nav a[data-view="graph"]').click()  # the link keeps the filters
    wait_for_selector(browser, "#graph canvas", visible=True)
    assert f"from={day}" in browser.current_url
    time.sleep(0.5)
    save_screenshot(browser, SHOTS / "graph.png")
    href = browser.find_element(By.ID, "x-acled").get_attribute("href")
    assert "format=acled-csv" in href and f"from={day}" in href
    assert console_errors(browser) == []


def test_the_language_toggle_mirrors_the_interface(browser: Any, live_url: str) -> None:
    from selenium.webdriver.common.by import By

    _sign_in(browser, live_url)
    html = browser.find_element(By.TAG_NAME, "html")
    assert (html.get_attribute("lang"), html.get_attribute("dir")) == ("ar", "rtl")
    browser.find_element(By.ID, "lang-toggle").click()
    assert (html.get_attribute("lang"), html.get_attribute("dir")) == ("en", "ltr")
    assert browser.find_element(By.CSS_SELECTOR, '#nav a[data-view="map"]').text == "Map"
    browser.refresh()
    wait_for_selector(browser, "#doc-list li", visible=True)
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("dir") == "ltr"  # remembered
    browser.find_element(By.ID, "lang-toggle").click()
    assert browser.find_element(By.TAG_NAME, "html").get_attribute("dir") == "rtl"
    assert console_errors(browser) == []


SELECT_TEXT = """
const [start, end] = [arguments[0], arguments[1]];
const walker = document.createTreeWalker(document.getElementById("doc-text"), NodeFilter.SHOW_TEXT);
const range = document.createRange();
let at = 0, node;
while ((node = walker.nextNode())) {
  const len = node.textContent.length;
  if (start >= at && start < at + len) range.setStart(node, start - at);
  if (end > at && end <= at + len) range.setEnd(node, end - at);
  at += len;
}
const selection = window.getSelection();
selection.removeAllRanges();
selection.addRange(range);
return selection.toString();
"""


def test_a_missed_event_is_created_from_a_selection_across_highlights(browser: Any, live_url: str) -> None:
    from selenium.webdriver.common.by import By

    _sign_in(browser, live_url, lang="en")
    browser.get(live_url + "/#/doc/clash-1")
    wait_for_selector(browser, "#doc-text mark.m-org", visible=True)
    text = browser.execute_script("return document.getElementById('doc-text').textContent")
    start = text.index("وقوات النظام")  # the conjunction is plain text, the rest a highlighted mention
    end = start + len("وقوات النظام")
    assert browser.execute_script(SELECT_TEXT, start, end) == "وقوات النظام"
    browser.find_element(By.ID, "new-event").click()
    title = _wait(
        lambda: (lambda t: t if "وقوات النظام" in t else "")(browser.find_element(By.ID, "ev-title").text),
        what="the new event",
    )
    number = int(title.split("#")[1].split()[0])
    audit = browser.find_element(By.ID, "ev-audit").text
    assert "created the event" in audit and "reviewer" in audit
    assert browser.find_elements(By.CSS_SELECTOR, '#ev-audit li[data-action="event.create"]')
    cookies = {c["name"]: c["value"] for c in browser.get_cookies()}
    created = httpx.get(live_url + f"/api/v1/events/{number}", cookies=cookies).json()
    assert created["document_id"] == "clash-1"
    assert (created["event"]["trigger"]["start"], created["event"]["trigger"]["end"]) == (start, end)
    save_screenshot(browser, SHOTS / "document-en-new-event.png")
    assert console_errors(browser) == []


def _cookies(driver: Any) -> dict[str, str]:
    return {c["name"]: c["value"] for c in driver.get_cookies()}


def test_a_viewer_sees_no_review_controls(browser: Any, live_url: str) -> None:
    from selenium.webdriver.common.by import By

    _sign_in(browser, live_url, name="viewer", lang="en")
    browser.get(live_url + "/#/doc/clash-1")
    wait_for_selector(browser, "#doc-events a.chip", visible=True).click()
    fields = wait_for_selector(browser, "#ev-fields dd", visible=True)
    assert fields.text  # the event's values, read only
    for css in ("#ev-accept", "#ev-reject", "#ev-form", "#ev-save", "#merge-form", "#new-event", "#ent-q"):
        assert not browser.find_element(By.CSS_SELECTOR, css).is_displayed(), css
    for view in ("upload", "users"):
        assert not browser.find_element(By.CSS_SELECTOR, f'#nav a[data-view="{view}"]').is_displayed()
    browser.get(live_url + "/#/users")  # a viewer typing the address gets the documents instead
    wait_for_selector(browser, "#documents-view", visible=True)
    assert not browser.find_element(By.ID, "users-view").is_displayed()
    save_screenshot(browser, SHOTS2 / "viewer-en.png")
    assert console_errors(browser) == []


def test_a_filtered_url_restores_the_filters_after_a_reload(browser: Any, live_url: str) -> None:
    from selenium.webdriver.common.by import By

    _sign_in(browser, live_url, lang="en")
    browser.get(live_url + "/#/events")
    wait_for_selector(browser, "#ev-rows tr", visible=True)
    everything = browser.find_element(By.ID, "ev-total").text
    type_box = browser.find_element(By.ID, "f-type")
    type_box.send_keys("ASSAULT")
    browser.find_element(By.CSS_SELECTOR, '#filters button[type="submit"]').click()
    _wait(lambda: "type=ASSAULT" in browser.current_url, what="the filter in the URL")
    assert "#/events?" in browser.current_url
    filtered = _wait(
        lambda: (lambda t: t if t != everything else "")(browser.find_element(By.ID, "ev-total").text),
        what="the filtered total",
    )
    browser.refresh()
    _wait(lambda: browser.find_element(By.ID, "f-type").get_attribute("value") == "ASSAULT", what="restored")
    _wait(lambda: browser.find_element(By.ID, "ev-total").text == filtered, what="the filtered list")
    assert browser.find_element(By.ID, "events-view").is_displayed()
    href = browser.find_element(By.CSS_SELECTOR, '#nav a[data-view="map"]').get_attribute("href")
    assert href.endswith("#/map?type=ASSAULT")  # the other views keep the filters
    browser.back()
    _wait(lambda: browser.find_element(By.ID, "f-type").get_attribute("value") == "", what="back")
    _wait(lambda: browser.find_element(By.ID, "ev-total").text == everything, what="the whole list")
    browser.forward()
    _wait(lambda: browser.find_element(By.ID, "f-type").get_attribute("value") == "ASSAULT", what="forward")
    assert console_errors(browser) == []


def test_an_uploaded_text_file_is_stored_and_found(browser: Any, live_url: str, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By

    upload = tmp_path / "bayan.txt"
    upload.write_text(
        "قصف مدفعي على قرية الزعفرانة\nقالت مصادر محلية إن قصفاً مدفعياً استهدف قرية الزعفرانة "
        "في ريف حمص الشمالي يوم الثلاثاء، ما أدى إلى مقتل ثلاثة مدنيين.\n",
        encoding="utf-8",
    )
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    _sign_in(browser, live_url)
    browser.find_element(By.CSS_SELECTOR, '#nav a[data-view="upload"]').click()
    files = wait_for_selector(browser, "#upload-files", visible=True)
    files.send_keys(f"{upload}\n{empty}")
    browser.find_element(By.ID, "upload-submit").click()
    stored = wait_for_selector(browser, '#upload-counts dd[data-count="up_stored"]', visible=True, timeout=60)
    assert stored.text == "1"
    refused = browser.find_elements(By.CSS_SELECTOR, "#upload-refused li")
    assert len(refused) == 1 and "empty.txt" in refused[0].text
    save_screenshot(browser, SHOTS2 / "upload-ar.png")

    browser.find_element(By.ID, "upload-search").click()
    browser.find_element(By.ID, "f-q").send_keys("الزعفرانة")
    browser.find_element(By.CSS_SELECTOR, '#filters button[type="submit"]').click()
    title = _wait(
        lambda: (lambda found: found[0].text if len(found) == 1 else "")(
            browser.find_elements(By.CSS_SELECTOR, "#doc-list .hit-title")
        ),
        what="the uploaded document in the search",
    )
    assert title == "قصف مدفعي على قرية الزعفرانة"  # no title: the first line stands in
    assert "q=" in browser.current_url
    assert console_errors(browser) == []


def test_an_admin_adds_a_user_and_issues_a_token(browser: Any, live_url: str) -> None:
    from selenium.webdriver.common.by import By

    _sign_in(browser, live_url, name="admin")
    browser.find_element(By.CSS_SELECTOR, '#nav a[data-view="users"]').click()
    wait_for_selector(browser, '#user-rows tr[data-name="viewer"]', visible=True)
    browser.find_element(By.ID, "new-user-name").send_keys("salma")
    browser.find_element(By.ID, "new-user-password").send_keys("a long enough password")
    browser.find_element(By.CSS_SELECTOR, '#new-user-role option[value="reviewer"]').click()
    browser.find_element(By.ID, "new-user-submit").click()
    row = wait_for_selector(browser, '#user-rows tr[data-name="salma"]', visible=True)
    row.find_element(By.CSS_SELECTOR, "button.user-token").click()
    token = _wait(lambda: browser.find_element(By.ID, "token-value").text, what="the token")
    assert (
        browser.find_element(By.ID, "token-box").is_displayed()
        and "salma" in browser.find_element(By.ID, "token-box").text
    )
    save_screenshot(browser, SHOTS2 / "users-ar.png")

    users = httpx.get(live_url + "/api/v1/users", cookies=_cookies(browser)).json()
    salma = next(u for u in users if u["name"] == "salma")
    assert (salma["role"], salma["tokens"], bool(salma["disabled"])) == ("reviewer", 1, False)
    me = httpx.get(live_url + "/api/v1/session", headers={"Authorization": f"Bearer {token}"})
    assert me.json()["user"] == {"name": "salma", "role": "reviewer"}

    row = browser.find_element(By.CSS_SELECTOR, '#user-rows tr[data-name="salma"]')
    row.find_element(By.CSS_SELECTOR, "button.user-toggle").click()
    _wait(
        lambda: browser.find_elements(By.CSS_SELECTOR, '#user-rows tr[data-name="salma"] .user-off'),
        what="disabled",
    )
    users = httpx.get(live_url + "/api/v1/users", cookies=_cookies(browser)).json()
    assert next(u for u in users if u["name"] == "salma")["disabled"]
    assert console_errors(browser) == []
