"""Print the figures of one `qgis_process --json run` result and its summary table."""

import csv
import json
import sys


def main(result_path: str, summary_path: str = "") -> None:
    with open(result_path, encoding="utf-8") as handle:
        text = handle.read()
    results = json.loads(text[text.index("{") :]).get("results", {})
    numbers = {k: v for k, v in results.items() if isinstance(v, (int, float))}
    for key, value in sorted(numbers.items()):
        print(f"   {key}: {value:g}")
    if summary_path:
        with open(summary_path, encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle))
        if rows:
            print("   summary: " + " | ".join(rows[0].keys()))
            for row in rows[:12]:
                print("            " + " | ".join(str(v) for v in row.values()))
            if len(rows) > 12:
                print(f"            ... {len(rows) - 12} more rows in {summary_path}")


if __name__ == "__main__":
    main(*sys.argv[1:])
