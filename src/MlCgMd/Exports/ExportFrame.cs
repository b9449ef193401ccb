namespace MlCgMd.Exports;

/// <summary>Checks shared by the viewer-format writers.</summary>
internal static class ExportFrame
{
    /// <param name="frame">Coordinates of one frame, [atoms, 3] row-major.</param>
    internal static void RequireShape(float[] frame, int atoms, int index, string path)
    {
        if (frame.Length != atoms * 3)
            throw new ArgumentException(
                $"'{path}': frame {index} holds {frame.Length} coordinates, expected {atoms * 3} ([atoms = {atoms}, 3])");
        for (int i = 0; i < frame.Length; i++)
            if (!float.IsFinite(frame[i]))
                throw new ArgumentException(
                    $"'{path}': frame {index}, atom {i / 3}, axis {"xyz"[i % 3]} is {frame[i]}, expected a finite coordinate");
    }

    internal static void RequireCubicBox(double? cubicBox, string path)
    {
        if (cubicBox is { } box && !(double.IsFinite(box) && box > 0))
            throw new ArgumentOutOfRangeException(nameof(cubicBox), box, $"'{path}': the cubic box length must be positive and finite");
    }
}
