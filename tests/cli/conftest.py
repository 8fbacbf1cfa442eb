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
