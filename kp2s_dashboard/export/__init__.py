"""Downloads: tables (CSV/XLSX), the presentation deck model, PowerPoint and images."""
