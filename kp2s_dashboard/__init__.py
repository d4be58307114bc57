"""KP2S Dashboard: monitoring of the Aksi Konvergensi Percepatan Penurunan
Stunting in Kalimantan Selatan and its 13 kabupaten/kota.

Data flows one way, each step usable without Streamlit::

    files -> loaders (read, normalise, validate, tidy) -> analytics
          -> figures / maps / tables -> pages

Loaders live in :mod:`kp2s_dashboard.prevalence.loader`, :mod:`kp2s_dashboard.geo`;
all file access for the app goes through :mod:`kp2s_dashboard.store.datastore`.
"""

__version__ = "0.1.0"
