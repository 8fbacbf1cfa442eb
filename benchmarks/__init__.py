"""Side-by-side timings against the QGIS native algorithms and networkx (`make bench`)."""
