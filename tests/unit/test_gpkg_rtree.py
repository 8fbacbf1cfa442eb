"""The packed R-tree of adapters/gpkg_writer.py against SQLite's own R-tree (the oracle: the
same entries inserted one by one), and qgsRound's rounding against exact decimal rounding.
No QGIS: plain SQLite and numpy."""

import sqlite3
from decimal import ROUND_HALF_UP, Decimal

import numpy as np
import pytest

from fibre_resilience.adapters import gpkg_writer


def _rtree(connection, name):
    connection.execute(f'CREATE VIRTUAL TABLE "{name}" USING rtree(id, minx, maxx, miny, maxy)')


@pytest.mark.parametrize("count", [2, 51, 52, 700, 2601, 2602, 20000])
def test_packed_rtree_equals_sqlite_inserts(count):
    rng = np.random.default_rng(count)
    ids = rng.permutation(np.arange(1, 3 * count, 3))[:count].astype(np.int64)
    x, y = rng.uniform(-2e5, 1.2e6, count), rng.uniform(6.0e6, 7.2e6, count)
    width = rng.exponential(50.0, count) * (rng.random(count) < 0.7)  # some points
    box = np.column_stack([x, x + width, y, y + width / 2])  # minx, maxx, miny, maxy
    connection = sqlite3.connect(":memory:", isolation_level=None)
    _rtree(connection, "packed")
    _rtree(connection, "inserted")
    connection.executemany(
        "INSERT INTO inserted VALUES (?, ?, ?, ?, ?)",
        zip(ids.tolist(), *(box[:, k].tolist() for k in range(4))),
    )
    assert gpkg_writer._bulk_load_rtree(connection, "packed", ids, box)
    assert connection.execute("SELECT rtreecheck('packed')").fetchone()[0] == "ok"
    packed = connection.execute("SELECT * FROM packed ORDER BY id").fetchall()
    assert packed == connection.execute("SELECT * FROM inserted ORDER BY id").fetchall()
    for _ in range(30):
        x0, y0 = rng.uniform(-2e5, 1.2e6), rng.uniform(6.0e6, 7.2e6)
        window = (x0, x0 + rng.uniform(0, 2e5), y0, y0 + rng.uniform(0, 2e5))
        query = "SELECT id FROM {} WHERE maxx >= ? AND minx <= ? AND maxy >= ? AND miny <= ?"
        found = sorted(connection.execute(query.format("packed"), window).fetchall())
        assert found == sorted(connection.execute(query.format("inserted"), window).fetchall())
    # SQLite keeps using it: a new entry, a deleted one
    connection.execute("INSERT INTO packed VALUES (2, 0, 1, 0, 1)")  # ids are 1 mod 3
    connection.execute("DELETE FROM packed WHERE id = ?", (int(ids[0]),))
    assert connection.execute("SELECT rtreecheck('packed')").fetchone()[0] == "ok"
    connection.close()


def test_a_tree_that_is_not_empty_is_left_alone():
    connection = sqlite3.connect(":memory:", isolation_level=None)
    _rtree(connection, "r")
    connection.execute("INSERT INTO r VALUES (1, 0, 1, 0, 1)")
    box = np.array([[2.0, 3.0, 2.0, 3.0]])
    assert not gpkg_writer._bulk_load_rtree(connection, "r", np.array([2]), box)
    assert connection.execute("SELECT id FROM r").fetchall() == [(1,)]


_BOX = [0.0, 1.0, 0.0, 1.0]


@pytest.mark.parametrize(
    "repeated, bad_box",
    [
        (True, _BOX),  # id 1 twice: the rowid table's key
        (False, [np.nan, 1.0, 0.0, 1.0]),
        (False, [0.0, np.inf, 0.0, 1.0]),
        (False, [2.0, 1.0, 0.0, 1.0]),  # min above max
    ],
    ids=["repeated id", "NaN", "infinite", "min above max"],
)
def test_entries_a_packed_tree_cannot_hold_leave_it_empty(repeated, bad_box):
    """Such entries go to SQLite's own inserts instead (nothing packed, nothing left over):
    SQLite's rtreecheck() is not run on each output, so the packing refuses them itself."""
    connection = sqlite3.connect(":memory:", isolation_level=None)
    _rtree(connection, "r")
    connection.execute("BEGIN")
    ids = np.arange(1, 61)  # several nodes
    box = np.array([_BOX] * 60)
    box[37] = bad_box
    if repeated:
        ids[37] = 1
    assert not gpkg_writer._bulk_load_rtree(connection, "r", ids, box)
    for part in ("node", "rowid", "parent"):
        rows = connection.execute(f"SELECT * FROM r_{part}").fetchall()
        assert rows == ([(1, bytes(len(rows[0][1])))] if part == "node" else []), part
    assert connection.execute("SELECT rtreecheck('r')").fetchone()[0] == "ok"
    connection.execute("COMMIT")


def _half_away(value: float, places: int) -> float:
    """C's round() of the double |value| * 10**places, exactly, signed back."""
    sign = -1.0 if value < 0 else 1.0
    scale = 10.0**places
    scaled = value * sign * scale
    whole = float(Decimal(scaled).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    return whole / scale * sign


def test_rounding_is_half_away_from_zero_on_the_scaled_double():
    rng = np.random.default_rng(5)
    values = np.concatenate(
        [
            np.array([1.45, -0.25, 0.35, 2.675, 0.0005, 0.0015, -1.45, 1e20, 0.49999999999999994]),
            np.round(rng.uniform(-1e4, 1e4, 2000), 3) + 0.0005,  # ties in decimal
            rng.uniform(-1e6, 1e6, 2000),
        ]
    )
    for places in (1, 2, 3, 6):
        got = gpkg_writer.round_half_away(values, places)
        expected = np.array([_half_away(v, places) for v in values.tolist()])
        assert np.array_equal(got, expected), places
