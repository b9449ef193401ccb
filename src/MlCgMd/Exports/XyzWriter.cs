using System.Globalization;
using MlCgMd.Data;

namespace MlCgMd.Exports;

/// <summary>
/// Multi-frame extended XYZ (read by OVITO, ASE and VMD): an atom count line, a comment line
/// with <c>Lattice="L 0 0 0 L 0 0 0 L"</c> (cubic boxes) and
/// <c>Properties=species:S:1:pos:R:3</c>, then one <c>name x y z</c> line per atom.
/// Coordinates are printed in shortest round-trip form, so reading back is exact.
/// </summary>
public static class XyzWriter
{
    /// <param name="frames">Coordinates per frame, each [atoms, 3] row-major.</param>
    /// <param name="names">Species label per atom (no whitespace), e.g. bead names B1/B2/S1/S2.</param>
    public static void Write(string path, IEnumerable<float[]> frames, IReadOnlyList<string> names, double? cubicBox = null)
    {
        ExportFrame.RequireCubicBox(cubicBox, path);
        foreach (var name in names)
            if (name.Length == 0 || name.Any(char.IsWhiteSpace))
                throw new ArgumentException($"'{path}': species label '{name}' must be non-empty without whitespace", nameof(names));
        string comment = cubicBox is { } box
            ? $"Lattice=\"{Number(box)} 0 0 0 {Number(box)} 0 0 0 {Number(box)}\" Properties=species:S:1:pos:R:3 pbc=\"T T T\""
            : "Properties=species:S:1:pos:R:3 pbc=\"F F F\"";
        AtomicFile.WriteText(path, writer =>
        {
            int index = 0;
            foreach (var frame in frames)
            {
                ExportFrame.RequireShape(frame, names.Count, index++, path);
                writer.WriteLine(names.Count.ToString(CultureInfo.InvariantCulture));
                writer.WriteLine(comment);
                for (int atom = 0; atom < names.Count; atom++)
                    writer.WriteLine($"{names[atom]} {Number(frame[3 * atom])} {Number(frame[3 * atom + 1])} {Number(frame[3 * atom + 2])}");
            }
        });
    }

    private static string Number(float value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
