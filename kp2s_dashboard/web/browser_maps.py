"""Driving the Kecamatan & desa drill-down map in headless Chromium.

Developer tooling for ``tests/browser/`` and ``benchmarks/bench_drilldown.py``
(like :mod:`kp2s_dashboard.web.browser`, the app never imports it): read
where the page stands (breadcrumb steps, the areas the choropleth draws),
click an area of the map by its code, click a breadcrumb step, wait for a
level to be drawn. ``page`` is a Playwright page.
"""

from __future__ import annotations

import time

# The breadcrumb steps (keys wil_crumb_0, _1 …, their text) and the choropleth's areas (plotly keeps each
# path's datum, whose ``loc`` is the area code).
_MAP_STATE = """() => {
  const keys = new Map();
  for (const el of document.querySelectorAll('[class*="st-key-wil_crumb_"]')) {
    const key = [...el.classList].find(c => c.startsWith('st-key-wil_crumb_'));
    if (!keys.has(key)) keys.set(key, el.innerText.trim());
  }
  const crumbs = [...keys.keys()].sort();
  const paths = [...document.querySelectorAll('[data-testid="stPlotlyChart"] path.choroplethlocation')];
  return {crumbs: crumbs.map(k => keys.get(k)),
          codes: paths.map(p => p.__data__ ? String(p.__data__.loc) : '')};
}"""

# Client coordinates of a point inside the drawn area of code `code` (sampled in its bounding box).
_POINT_IN = """(code) => {
  const path = [...document.querySelectorAll('[data-testid="stPlotlyChart"] path.choroplethlocation')]
    .find(p => p.__data__ && String(p.__data__.loc) === code);
  if (!path) return null;
  const box = path.getBBox(), ctm = path.getScreenCTM(), svg = path.ownerSVGElement;
  for (let i = 1; i < 12; i++) for (let j = 1; j < 12; j++) {
    const pt = svg.createSVGPoint(); pt.x = box.x + box.width * i / 12; pt.y = box.y + box.height * j / 12;
    if (path.isPointInFill(pt)) { const s = pt.matrixTransform(ctm); return [s.x, s.y]; }
  }
  return null;
}"""


def map_state(page) -> dict:
    """``{"crumbs": [labels of the breadcrumb steps], "codes": [codes of the
    areas drawn, in drawing order]}``."""
    return page.evaluate(_MAP_STATE)


def wait_level(page, crumbs: int, prefix: str, digits: int, timeout: float = 30.0) -> dict:
    """Wait until the breadcrumb has ``crumbs`` steps and the map draws areas
    whose codes have ``digits`` digits and start with ``prefix``; returns
    :func:`map_state`.

    Raises:
        TimeoutError: not reached within ``timeout`` s (the message shows the state).
    """
    deadline = time.monotonic() + timeout
    state = map_state(page)
    while time.monotonic() < deadline:
        codes = state["codes"]
        if len(state["crumbs"]) == crumbs and codes and all(len(c) == digits and c.startswith(prefix)
                                                               for c in codes):
            return state
        time.sleep(0.005)
        state = map_state(page)
    raise TimeoutError(f"the map did not reach {crumbs} steps with areas {prefix}… ({digits} digits) "
                       f"in {timeout} s: {state['crumbs']}, {len(state['codes'])} areas, {state['codes'][:3]}")


def click_area(page, code: str) -> None:
    """Click the area ``code`` on the map (scrolled into view first).

    Raises:
        RuntimeError: the area is not drawn.
    """
    page.locator('[data-testid="stPlotlyChart"]').first.scroll_into_view_if_needed()
    point = page.evaluate(_POINT_IN, code)
    if point is None:
        raise RuntimeError(f"area {code} is not on the map")
    page.mouse.click(point[0], point[1])


def hover_text(page, code: str) -> str:
    """The hover label plotly shows over the area ``code``."""
    page.locator('[data-testid="stPlotlyChart"]').first.scroll_into_view_if_needed()
    point = page.evaluate(_POINT_IN, code)
    if point is None:
        raise RuntimeError(f"area {code} is not on the map")
    page.mouse.move(point[0], point[1])
    page.wait_for_function(
        "() => [...document.querySelectorAll('[data-testid=\"stPlotlyChart\"] .hoverlayer')]"
        ".some(h => h.textContent.length > 0)", timeout=10_000)
    return page.evaluate("() => [...document.querySelectorAll('[data-testid=\"stPlotlyChart\"] .hoverlayer')]"
                         ".map(h => h.textContent).join(' ')")


def click_crumb(page, index: int) -> None:
    """Click breadcrumb step ``index`` (0 = the province)."""
    page.locator(f".st-key-wil_crumb_{index} button").first.click()
