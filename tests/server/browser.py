"""Headless Chromium for the web app's end-to-end tests (a helper module, not a test).

The tests drive Debian's ``chromium`` through Debian's ``chromedriver`` with Selenium. Both paths
are given to Selenium explicitly, so Selenium Manager never runs and nothing is downloaded: install
the browser with ``scripts/install-browser.sh`` (apt) and Selenium with ``pip install selenium``.

Use it from a test module or a ``conftest.py`` in ``tests/server/``::

    from browser import browser_fixture, console_errors, save_screenshot, wait_for_selector

    browser = browser_fixture()                 # a session-scoped fixture named "browser"
    browser_ar = browser_fixture(lang="ar")     # the same, with an Arabic UI locale


    def test_map(browser, live_server_url, tmp_path):
        browser.get(live_server_url + "/map")
        wait_for_selector(browser, ".leaflet-overlay-pane path")
        save_screenshot(browser, tmp_path / "map.png")
        assert console_errors(browser) == []

or without pytest fixtures, ``with open_browser() as driver: ...``.

When the browser cannot start (Selenium, chromium or chromedriver missing, or a crash), the
fixture skips the test with the reason, unless ``MARSAD_REQUIRE_BROWSER=1`` is set, in which case
it fails it (as CI should). ``MARSAD_CHROMIUM`` and ``MARSAD_CHROMEDRIVER`` override the default
paths ``/usr/bin/chromium`` and ``/usr/bin/chromedriver``.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import pytest

if TYPE_CHECKING:
    from selenium.webdriver.chrome.webdriver import WebDriver
    from selenium.webdriver.remote.webelement import WebElement

DEFAULT_CHROMIUM = "/usr/bin/chromium"
DEFAULT_CHROMEDRIVER = "/usr/bin/chromedriver"
DEFAULT_WINDOW_SIZE = (1280, 800)
REQUIRE_ENV = "MARSAD_REQUIRE_BROWSER"
INSTALL_HINT = "run scripts/install-browser.sh and pip install selenium"


class BrowserUnavailable(RuntimeError):
    """Raised when headless Chromium cannot be started; the message says why."""


def browser_required() -> bool:
    """True when ``MARSAD_REQUIRE_BROWSER=1``: a browser that cannot start fails the tests."""
    return os.environ.get(REQUIRE_ENV, "").strip() == "1"


def browser_paths() -> tuple[str, str]:
    """The Chromium and ChromeDriver executables to use (environment overrides, else Debian's)."""
    chromium = os.environ.get("MARSAD_CHROMIUM", "").strip() or DEFAULT_CHROMIUM
    chromedriver = os.environ.get("MARSAD_CHROMEDRIVER", "").strip() or DEFAULT_CHROMEDRIVER
    return chromium, chromedriver


def _check_executable(path: str, what: str) -> str:
    """Return ``path`` resolved to an executable file, or raise :class:`BrowserUnavailable`."""
    resolved = shutil.which(path)
    if resolved is None:
        raise BrowserUnavailable(f"{what} not found at {path} ({INSTALL_HINT})")
    return resolved


def start_browser(
    *,
    lang: str | None = None,
    window_size: tuple[int, int] = DEFAULT_WINDOW_SIZE,
    extra_args: tuple[str, ...] = (),
) -> WebDriver:
    """Start headless Chromium and return its Selenium driver; the caller must ``quit()`` it.

    ``lang`` (e.g. ``"ar"``) sets both the UI locale (``--lang``) and the ``Accept-Language``
    header. The browser log (``console_errors``) is captured at every level.
    Raises :class:`BrowserUnavailable` with the reason when the browser cannot start.
    """
    try:
        from selenium import webdriver
        from selenium.common.exceptions import WebDriverException
        from selenium.webdriver.chrome.service import Service
    except ImportError as err:
        raise BrowserUnavailable(f"selenium is not installed ({INSTALL_HINT}): {err}") from err

    chromium, chromedriver = browser_paths()
    options = webdriver.ChromeOptions()
    # Both paths given: Selenium Manager is skipped, so no driver or browser is ever downloaded.
    options.binary_location = _check_executable(chromium, "chromium")
    for arg in (
        "--headless=new",
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--no-first-run",
        "--no-default-browser-check",
        "--disable-extensions",
        "--force-device-scale-factor=1",
        "--hide-scrollbars",
        f"--window-size={window_size[0]},{window_size[1]}",
        *extra_args,
    ):
        options.add_argument(arg)
    if lang:
        options.add_argument(f"--lang={lang}")
        options.add_experimental_option("prefs", {"intl.accept_languages": lang})
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    service = Service(executable_path=_check_executable(chromedriver, "chromedriver"))
    try:
        return webdriver.Chrome(service=service, options=options)
    except WebDriverException as err:
        raise BrowserUnavailable(f"headless chromium did not start: {err.msg or err}") from err


@contextmanager
def open_browser(
    *,
    lang: str | None = None,
    window_size: tuple[int, int] = DEFAULT_WINDOW_SIZE,
    extra_args: tuple[str, ...] = (),
) -> Iterator[WebDriver]:
    """Context manager around :func:`start_browser` that always quits the browser."""
    driver = start_browser(lang=lang, window_size=window_size, extra_args=extra_args)
    try:
        yield driver
    finally:
        driver.quit()


def browser_fixture(
    *,
    scope: Literal["session", "package", "module", "class", "function"] = "session",
    lang: str | None = None,
    window_size: tuple[int, int] = DEFAULT_WINDOW_SIZE,
    extra_args: tuple[str, ...] = (),
) -> Callable[..., Any]:
    """Make a pytest fixture that yields a headless Chromium driver.

    Assign the result to a module-level name in a test module or ``conftest.py``; that name is the
    fixture's name. When the browser cannot start the test is skipped, or failed when
    ``MARSAD_REQUIRE_BROWSER=1``.
    """

    @pytest.fixture(scope=scope)
    def _browser() -> Iterator[WebDriver]:
        try:
            driver = start_browser(lang=lang, window_size=window_size, extra_args=extra_args)
        except BrowserUnavailable as err:
            if browser_required():
                pytest.fail(f"{REQUIRE_ENV}=1 but the browser cannot start: {err}", pytrace=False)
            pytest.skip(f"browser unavailable: {err}")
        try:
            yield driver
        finally:
            driver.quit()

    return _browser


def wait_for_selector(
    driver: WebDriver, css: str, *, timeout: float = 10.0, visible: bool = False
) -> WebElement:
    """Wait until an element matches the CSS selector ``css`` (and is displayed when ``visible``).

    Returns the first matching element; raises ``AssertionError`` naming the selector on timeout.
    """
    from selenium.common.exceptions import TimeoutException
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.ui import WebDriverWait

    condition = (
        expected_conditions.visibility_of_element_located((By.CSS_SELECTOR, css))
        if visible
        else expected_conditions.presence_of_element_located((By.CSS_SELECTOR, css))
    )
    try:
        return WebDriverWait(driver, timeout).until(condition)
    except TimeoutException:
        raise AssertionError(
            f"no element matched {css!r} within {timeout:g} s at {driver.current_url}"
        ) from None


def save_screenshot(driver: WebDriver, path: str | os.PathLike[str]) -> Path:
    """Save a PNG screenshot of the window to ``path`` (parent folders created); return the path."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    if not driver.save_screenshot(str(target)):
        raise AssertionError(f"the browser could not write a screenshot to {target}")
    return target


def console_messages(driver: WebDriver) -> list[dict[str, Any]]:
    """The browser console and page-error entries logged since the last call (they are consumed).

    Each entry is a dict with ``level`` (``"SEVERE"``, ``"WARNING"``, ``"INFO"``...), ``message``,
    ``source`` and ``timestamp``.
    """
    return list(driver.get_log("browser"))


def console_errors(driver: WebDriver, *, ignore: tuple[str, ...] = ()) -> list[str]:
    """Messages of the ``SEVERE`` console entries (``console.error``, uncaught exceptions, failed
    loads) logged since the last read, minus those containing any of the ``ignore`` substrings."""
    return [
        str(entry.get("message", ""))
        for entry in console_messages(driver)
        if entry.get("level") == "SEVERE" and not any(s in str(entry.get("message", "")) for s in ignore)
    ]
