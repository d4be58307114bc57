"""Administrative boundaries of Kalimantan Selatan for maps.

Public API (no Streamlit, no network except :func:`fetch`):

- :func:`load_boundaries` — read a GeoJSON / GeoPackage / (zipped) Shapefile,
  reproject to EPSG:4326, join to the region registry; one row per region
  (``code``, ``kode``, ``name``, ``geometry``).
- :func:`boundary_status` / :func:`find_boundary_file` — which file would be used.
- :func:`simplify_for_display` — lighter geometries for the browser.
- :func:`neighbours` — regions sharing a border.
- :func:`licence_text` / :func:`attribution` — what the app must show.
- :func:`fetch` — download the pinned upstream files (``geo/source.toml``);
  also ``python -m kp2s_dashboard.geo fetch``.

See ``geo/README.md`` for the folder layout and accepted files.
"""

from kp2s_dashboard.geo.boundaries import load_boundaries
from kp2s_dashboard.geo.files import DEFAULT_FILES, LEVELS, boundary_status, find_boundary_file
from kp2s_dashboard.geo.shapes import neighbours, simplify_for_display
from kp2s_dashboard.geo.fetch import FetchResult, fetch, parse_sql_rows, sql_to_geodataframe
from kp2s_dashboard.geo.source import Source, attribution, licence_text, load_source

__all__ = [
    "DEFAULT_FILES",
    "LEVELS",
    "FetchResult",
    "Source",
    "attribution",
    "boundary_status",
    "fetch",
    "find_boundary_file",
    "licence_text",
    "load_boundaries",
    "load_source",
    "neighbours",
    "parse_sql_rows",
    "simplify_for_display",
    "sql_to_geodataframe",
]
