"""Choosing a projected CRS in metres for inputs given in geographic coordinates.

Lengths and areas are computed in the input layer's CRS when it is projected. A
geographic layer gets a local projected CRS chosen from its extent: Lambert-93
(EPSG:2154, the French legal projection) when the extent lies inside metropolitan
France, so results match what French operators measure; elsewhere the UTM zone of the
extent's centre (WGS 84 / UTM, EPSG:326zz north, 327zz south), whose scale error stays
under 0.1 % within the zone.
"""

import math

LAMBERT_93 = 2154
# Lambert-93's area of use (EPSG): metropolitan France with Corsica, in degrees.
FRANCE_LON = (-9.86, 10.38)
FRANCE_LAT = (41.15, 51.56)


def utm_epsg(lon: float, lat: float) -> int:
    """The EPSG code of the WGS 84 / UTM zone holding (lon, lat)."""
    lon = ((lon + 180.0) % 360.0) - 180.0
    zone = min(int(math.floor((lon + 180.0) / 6.0)) + 1, 60)
    return (32600 if lat >= 0 else 32700) + zone


def local_projected_epsg(xmin: float, ymin: float, xmax: float, ymax: float) -> int:
    """The projected CRS for a lon/lat extent: Lambert-93 in France, else the UTM zone."""
    values = (xmin, ymin, xmax, ymax)
    if not all(math.isfinite(v) for v in values):
        return utm_epsg(0.0, 0.0)
    inside_france = (
        FRANCE_LON[0] <= xmin
        and xmax <= FRANCE_LON[1]
        and FRANCE_LAT[0] <= ymin
        and ymax <= FRANCE_LAT[1]
    )
    if inside_france:
        return LAMBERT_93
    return utm_epsg((xmin + xmax) / 2.0, (ymin + ymax) / 2.0)
