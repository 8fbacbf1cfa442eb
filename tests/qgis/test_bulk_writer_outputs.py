"""Every layer output of every algorithm, on the sample territory, is the same written by
the bulk GeoPackage writer as through the feature sink (``sinks.BULK = False``): the same
fields, types, lengths, precision, CRS, geometry type, extent, ids, values and geometries
in QGIS, the same rows, blobs and R-tree entries in the file. Each step reads the previous
steps' GeoPackages (through the bulk reader where it applies), so what the bulk writer
wrote is also read back by the next step as the sink's output is."""

from pathlib import Path

import pytest
from qgis.core import QgsApplication
from test_bulk_writer import assert_same_output

from fibre_resilience.adapters import gpkg_writer, sinks

CRITERIA = "\n".join(
    [
        "hz_level | weight=3 | higher | thresholds=1;2;3;4",
        "hz_length | weight=2 | log",
        '"gt_cables" | weight=1 | minmax',
    ]
)


def _chain(run_algorithm, sample_dir, folder):
    """The algorithms one after the other, every layer output into ``folder``; the outputs
    by name."""
    territory = sample_dir / "territory.gpkg"
    power = sample_dir / "power.gpkg"
    hazard = f"{territory}|layername=flood_zones"
    outputs = {}

    def run(name, alg_id, parameters):
        alg = QgsApplication.processingRegistry().algorithmById(f"fibreresilience:{alg_id}")
        for definition in alg.destinationParameterDefinitions():
            if definition.type() in ("sink", "vectorDestination"):
                path = str(folder / f"{name}_{definition.name().lower()}.gpkg")
                parameters[definition.name()] = path
        result = run_algorithm(alg_id, parameters)
        for definition in alg.destinationParameterDefinitions():
            value = result.get(definition.name())
            if isinstance(value, str) and value.endswith(".gpkg"):
                outputs[f"{name}:{definition.name()}"] = value
        return result

    read = run("delivery", "gracethdnetwork", {"SOURCE": str(sample_dir / "gracethd_v3.gpkg")})
    nodes = read["NODES"]
    roots = f"{nodes}|subset=\"gt_role\" = 'NRO'"
    sites = f"{nodes}|subset=\"gt_role\" IN ('SRO', 'PBO')"
    exposure = {"HAZARD": hazard, "HAZARD_FIELD": "scenario", "PRESET": 1, "FAIL_LEVEL": 3}
    done = {}
    for name, asset in (("routes", "ROUTES"), ("nodes", "NODES"), ("premises", "PREMISES")):
        done[name] = run(f"{name}_exposure", "hazardexposure", dict(exposure, INPUT=read[asset]))
    network = {
        "NETWORK": read["CABLES"],
        "FROM_FIELD": "gt_nd1",
        "TO_FIELD": "gt_nd2",
        "SRLG_FIELD": "gt_routes",
        "ROOTS": roots,
        "ROOT_NODE_FIELD": "gt_code",
        "PREMISES": done["premises"]["OUTPUT"],
        "PREMISES_COUNT": '"gt_prem"',
        "PREMISES_NODE_FIELD": "gt_pbo",
        "SITES": sites,
        "SITE_NODE_FIELD": "gt_code",
    }
    run(
        "topology",
        "networktopology",
        {"NETWORK": read["ROUTES"], "FROM_FIELD": "gt_nd1", "TO_FIELD": "gt_nd2", "ROOTS": roots},
    )
    redundancy = run("redundancy", "redundancygaps", dict(network))
    run(
        "impact",
        "scenarioimpact",
        dict(
            {key: value for key, value in network.items() if key != "SITE_NODE_FIELD"},
            SITES=f"{territory}|layername=sensitive_sites",
            FAILED_LAYER=done["routes"]["OUTPUT"],
            FAILED_GROUP_FIELD="gt_code",
            FAILED_LAYER_EXPRESSION='"hz_failed" = 1',
            AGGREGATE=f"{territory}|layername=communes",
            PREMISES=redundancy["OUTPUT_PREMISES"],
        ),
    )
    run(
        "access",
        "accessroutes",
        {
            "ROADS": f"{territory}|layername=roads",
            "SPEED_PRESET": 1,
            "DEPOTS": f"{territory}|layername=depots",
            "DEPOT_FIELD": "depot_id",
            "TARGETS": f"{done['nodes']['OUTPUT']}|subset=\"hz_failed\" = 1",
            "BLOCKED": hazard,
            "KEEP_BRIDGES": True,
        },
    )
    run("scoring", "scoreassets", {"INPUT": done["routes"]["OUTPUT"], "CRITERIA": CRITERIA})
    run(
        "returnperiods",
        "returnperiods",
        {
            "NETWORK": read["ROUTES"],
            "FROM_FIELD": "gt_nd1",
            "TO_FIELD": "gt_nd2",
            "ROOTS": roots,
            "ROOT_NODE_FIELD": "gt_code",
            "PREMISES": read["PREMISES"],
            "PREMISES_COUNT": '"gt_prem"',
            "PREMISES_NODE_FIELD": "gt_pbo",
            "HAZARD": hazard,
            "SCENARIO_FIELD": "scenario",
        },
    )
    run(
        "power",
        "powerresilience",
        {
            "NETWORK": read["CABLES"],
            "FROM_FIELD": "gt_nd1",
            "TO_FIELD": "gt_nd2",
            "ROOTS": f"{power}|layername=active_sites|subset=\"role\" = 'POP'",
            "ROOT_NODE_FIELD": "nd_code",
            "PREMISES": read["PREMISES"],
            "PREMISES_COUNT": '"gt_prem"',
            "PREMISES_NODE_FIELD": "gt_pbo",
            "SITES": f"{power}|layername=active_sites",
            "SITE_NODE_FIELD": "nd_code",
            "AUTONOMY_FIELD": "autonomy_h",
            "GENERATOR_FIELD": "generator",
            "FEEDER_FIELD": "feeder",
            "OUTAGES": f"{power}|layername=grid_outage",
            "OUTAGE_HOURS_FIELD": "hours",
            "SUBSTATIONS": f"{power}|layername=substations",
            "SUBSTATION_ID_FIELD": "sub_id",
            "SENSITIVE_SITES": f"{territory}|layername=sensitive_sites",
            "GENERATORS": 1,
            "GENERATOR_DEPOTS": f"{power}|layername=generator_depots",
            "GENERATOR_DEPOT_FIELD": "depot_id",
            "ROADS": f"{territory}|layername=roads",
            "SPEED_PRESET": 1,
            "DIRECTION_FIELD": "oneway",
            "BLOCKED": f"{territory}|layername=flood_zones|subset=\"scenario\" = '04Fai'",
        },
    )
    return outputs


def test_every_algorithm_writes_the_same_through_both_writers(
    run_algorithm, sample_dir, tmp_path, monkeypatch
):
    written = []
    copied = []

    def spy(write, into):
        def spied(path, *args, **kwargs):
            done = write(path, *args, **kwargs)
            into.append(path)  # once written: a copy rolled back raises
            return done

        return spied

    monkeypatch.setattr(gpkg_writer, "write", spy(gpkg_writer.write, written))
    monkeypatch.setattr(gpkg_writer, "write_copy", spy(gpkg_writer.write_copy, copied))
    runs = {}
    for bulk in (False, True):
        sinks.BULK = bulk
        try:
            folder = tmp_path / ("new" if bulk else "old")
            folder.mkdir()
            runs[bulk] = _chain(run_algorithm, sample_dir, folder)
        finally:
            sinks.BULK = True
    old, new = runs[False], runs[True]
    assert set(new) == set(old)
    assert len(old) >= 25  # every layer output of nine algorithms
    algorithms = {name.split(":")[0] for name in old}
    assert len(algorithms) == 11  # nine algorithms, hazardexposure three times
    counts = {}
    for name in sorted(old):
        counts[name] = assert_same_output(old[name], new[name])
    assert sum(counts.values()) > 10_000
    # every one of them went through the bulk writer (staged beside its destination, under
    # its name), in the second run only
    # the steps that keep every row and field of a GeoPackage input copy them in SQLite
    # (gpkg_writer.SourceCopy): the same files as the Python path's and the sink's; so does
    # the delivery read for the tables whose geometries it keeps as read (not the cables,
    # drawn from their routes where they have none)
    assert {f"{name}_output.gpkg" for name in ("routes_exposure", "nodes_exposure", "scoring")} | {
        "redundancy_output_segments.gpkg",
        "impact_output_premises.gpkg",
        "delivery_routes.gpkg",
        "delivery_nodes.gpkg",
        "delivery_premises.gpkg",
    } <= {Path(p).name for p in copied}
    assert "delivery_cables.gpkg" not in {Path(p).name for p in copied}
    written += copied
    assert sorted(Path(p).name for p in written) == sorted(Path(p).name for p in new.values())
    assert all(Path(p).parent.parent == tmp_path / "new" for p in written)


@pytest.fixture(autouse=True)
def packed_rtree(monkeypatch):
    """Small outputs too get their R-tree packed, as large ones do."""
    monkeypatch.setattr(gpkg_writer, "RTREE_BULK_MIN", 0)
