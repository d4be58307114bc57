"""The only Streamlit code besides pages/: caches at the loader boundary, URL state, shared widgets."""
