"""Stunting prevalence: loading, targets, classes, progress analytics and summaries."""
