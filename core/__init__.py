"""The engine of Fibre Resilience: pure Python (numpy, shapely >= 2, pandas, scipy).

Nothing here imports qgis or Qt: functions take arrays, geometries and plain values and
return plain results, so they run the same in the toolbox, a model, qgis_process and tests.
"""
