"""Plotly figures per domain and the folium map. Pure: frames in, figures out; no Streamlit."""
