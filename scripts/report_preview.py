"""Render pages of a report PDF side by side into one PNG (the README's preview).

.venv/bin/python scripts/report_preview.py demo_output/report.pdf help/img/report_pages.png 1 2 5
"""

import sys

import numpy as np
from osgeo import gdal

DPI = 60


def page(pdf: str, number: int) -> np.ndarray:
    subdatasets = gdal.Open(pdf).GetMetadata("SUBDATASETS")
    name = subdatasets.get(f"SUBDATASET_{number}_NAME", pdf) if subdatasets else pdf
    return gdal.OpenEx(name, open_options=[f"DPI={DPI}"]).ReadAsArray()[:3]


def main(pdf: str, png: str, *numbers: str) -> None:
    pages = [page(pdf, int(n)) for n in numbers or ("1",)]
    height = max(p.shape[1] for p in pages)
    parts = []
    for image in pages:
        sheet = np.full((3, height, image.shape[2]), 255, dtype=np.uint8)
        sheet[:, : image.shape[1]] = image
        sheet[:, [0, -1], :] = 150  # a thin frame around each page
        sheet[:, :, [0, -1]] = 150
        parts += [sheet, np.full((3, height, 12), 200, dtype=np.uint8)]
    strip = np.concatenate(parts[:-1], axis=2)
    memory = gdal.GetDriverByName("MEM").Create("", strip.shape[2], height, 3, gdal.GDT_Byte)
    for band in range(3):
        memory.GetRasterBand(band + 1).WriteArray(strip[band])
    gdal.GetDriverByName("PNG").CreateCopy(png, memory, options=["ZLEVEL=9"])
    print(f"wrote {png}")


if __name__ == "__main__":
    main(*sys.argv[1:])
