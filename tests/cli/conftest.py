"""The headless runner (scripts/qgis-process) as a subprocess."""

import json
import subprocess

import pytest


class QgisProcess:
    def __init__(self, script):
        self.script = str(script)

    def __call__(self, *args, timeout=600):
        """Run with ``args``; returns the CompletedProcess (text)."""
        return subprocess.run(
            [self.script, *args], capture_output=True, text=True, timeout=timeout, check=False
        )

    def run_json(self, alg_id, **parameters):
        """``--json run alg -- KEY=value ...``; returns the parsed JSON (fails on error)."""
        args = ["--json", "run", alg_id, "--"] + [f"{k}={v}" for k, v in parameters.items()]
        done = self(*args)
        assert done.returncode == 0, f"qgis_process failed:\n{done.stdout}\n{done.stderr}"
        return json.loads(done.stdout[done.stdout.index("{") :])


@pytest.fixture(scope="session")
def qgis_process(repo_dir):
    return QgisProcess(repo_dir / "scripts" / "qgis-process")


@pytest.fixture(scope="session")
def sample_delivery(qgis_process, sample_dir, tmp_path_factory):
    """gracethdnetwork's results on the bundled sample, read once for the session: the tests
    only read these files (ROUTES, CABLES, NODES, PREMISES, REPORT)."""
    out = tmp_path_factory.mktemp("sample_delivery")
    return qgis_process.run_json(
        "fibreresilience:gracethdnetwork",
        SOURCE=sample_dir / "gracethd_v3.gpkg",
        ROUTES=out / "routes.gpkg",
        CABLES=out / "cables.gpkg",
        NODES=out / "nodes.gpkg",
        PREMISES=out / "premises.gpkg",
        REPORT=out / "report.csv",
    )["results"]


@pytest.fixture(scope="session")
def pop_network(sample_delivery, sample_dir):
    """The graph parameters of the power and restoration tests: the sample's cables from its
    POP (power.gpkg's active site of role POP) to the premises; NETWORK apart."""
    power = sample_dir / "power.gpkg"
    return dict(
        FROM_FIELD="gt_nd1",
        TO_FIELD="gt_nd2",
        ROOTS=f"{power}|layername=active_sites|subset=\"role\" = 'POP'",
        ROOT_NODE_FIELD="nd_code",
        PREMISES=sample_delivery["PREMISES"],
        PREMISES_COUNT='"gt_prem"',
        PREMISES_NODE_FIELD="gt_pbo",
    )
