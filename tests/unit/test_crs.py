"""The projected CRS chosen for geographic inputs (hand-checked zones)."""

from fibre_resilience.core.crs import LAMBERT_93, local_projected_epsg, utm_epsg


def test_utm_zones_by_hand():
    assert utm_epsg(4.35, 52.0) == 32631  # The Hague: zone 31 north
    assert utm_epsg(-80.13, 25.79) == 32617  # Miami Beach: zone 17 north
    assert utm_epsg(151.2, -33.9) == 32756  # Sydney: zone 56 south
    assert utm_epsg(180.0, 10.0) == 32601  # the antimeridian wraps to zone 1
    assert utm_epsg(-180.0, 10.0) == 32601


def test_france_gets_lambert_93():
    # Nord/Pas-de-Calais communes extent (tests/data/real/README.md)
    assert local_projected_epsg(1.556, 49.970, 4.231, 51.089) == LAMBERT_93


def test_outside_france_gets_utm_of_the_centre():
    # The Hague / Delft roads extent: north of Lambert-93's area of use
    assert local_projected_epsg(4.202, 51.992, 4.543, 52.154) == 32631
    assert local_projected_epsg(-80.2, 25.7, -80.1, 25.9) == 32617


def test_non_finite_extent_falls_back():
    assert local_projected_epsg(float("nan"), 0, 1, 1) == 32631
