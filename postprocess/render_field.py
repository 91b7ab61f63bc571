"""Render one field of a MesoCell result to a PNG with ParaView.

Usage: xvfb-run -a pvbatch postprocess/render_field.py RESULT.pvd OUT.png [FIELD] [CLIP_AXIS] [CLIP_AT]

FIELD defaults to 'potential'; 'phase' and 'current_density' work too.
CLIP_AXIS (x, y or z) cuts the domain in half normal to that axis so that
the inside of a 3D microstructure shows (default y; 'none' to skip), at the
fraction CLIP_AT of the extent (default 0.25: through the first row of
pillars of the example meshes).
Needs Debian's python3-paraview (pvbatch, pvpython).
"""
import sys

from paraview.simple import (Clip, ColorBy, GetActiveViewOrCreate,
                             PVDReader, ResetCamera, SaveScreenshot, Show)


def main(pvd, png, field="potential", clip_axis="y", clip_at="0.25"):
    reader = PVDReader(FileName=pvd)
    reader.UpdatePipeline()
    source = reader
    if clip_axis != "none":
        bounds = reader.GetDataInformation().GetBounds()
        axis = "xyz".index(clip_axis)
        clip = Clip(Input=reader)
        clip.ClipType = "Plane"
        t = float(clip_at)
        clip.ClipType.Origin = [(1 - t) * bounds[2 * i] + t * bounds[2 * i + 1] for i in range(3)]
        clip.ClipType.Normal = [1.0 if i == axis else 0.0 for i in range(3)]  # keeps the low side
        source = clip
    view = GetActiveViewOrCreate("RenderView")
    view.ViewSize = [900, 700]
    display = Show(source, view)
    is_cell = field in ("phase", "rank")
    ColorBy(display, ("CELLS" if is_cell else "POINTS", field))
    display.SetScalarBarVisibility(view, True)
    display.RescaleTransferFunctionToDataRange(True, False)
    view.CameraPosition = [1.0, 2.0, 1.2]  # looks at the cut face
    view.CameraFocalPoint = [0.0, 0.0, 0.0]
    view.CameraViewUp = [0.0, 0.0, 1.0]
    ResetCamera(view)
    SaveScreenshot(png, view, ImageResolution=[900, 700])
    print(f"wrote {png}")


if __name__ == "__main__":
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    main(*sys.argv[1:])
