using System.Globalization;
using MlCgMd.Data;

namespace MlCgMd.Exports;

/// <summary>
/// Multi-model PDB (read by VMD, PyMOL, OVITO, NGL): CRYST1 for a cubic box, one MODEL per
/// frame with ATOM records named per bead type (B1, B2, S1, S2, ...), then CONECT records
/// for the bonds; optional REMARK lines first (e.g. the length unit). The fixed columns limit coordinates to 8.3f, i.e. [-999.999, 9999.999]
/// with 0.001 resolution, and serial numbers to 99999 atoms.
/// </summary>
public static class PdbWriter
{
    public const int MaxAtoms = 99_999;
    public const double MinCoordinate = -999.999, MaxCoordinate = 9999.999;
    private const int MaxRemark = 68;

    /// <param name="frames">Coordinates per frame, each [atoms, 3] row-major.</param>
    /// <param name="names">Atom name per atom, at most 4 characters.</param>
    /// <param name="bonds">0-based atom index pairs, [bonds, 2] row-major.</param>
    /// <param name="remarks">Free text, one REMARK 1 record each (at most 68 characters).</param>
    public static void Write(string path, IEnumerable<float[]> frames, IReadOnlyList<string> names,
        IReadOnlyList<int>? bonds = null, double? cubicBox = null, string residueName = "POL",
        IReadOnlyList<string>? remarks = null)
    {
        int atoms = names.Count;
        bonds ??= [];
        ExportFrame.RequireCubicBox(cubicBox, path);
        if (atoms > MaxAtoms)
            throw new ArgumentException($"'{path}': PDB serial numbers hold at most {MaxAtoms} atoms, got {atoms}", nameof(names));
        foreach (var name in names)
            if (name.Length is 0 or > 4 || name.Any(char.IsWhiteSpace))
                throw new ArgumentException($"'{path}': atom name '{name}' must be 1-4 characters without whitespace", nameof(names));
        if (residueName.Length is 0 or > 3)
            throw new ArgumentException($"'{path}': residue name '{residueName}' must be 1-3 characters", nameof(residueName));
        if (bonds.Count % 2 != 0 || bonds.Any(b => b < 0 || b >= atoms))
            throw new ArgumentException($"'{path}': bonds must be 0-based pairs [bonds, 2] of indices in [0, {atoms})", nameof(bonds));

        foreach (string remark in remarks ?? [])
            if (remark.Length > MaxRemark || remark.Any(char.IsControl))
                throw new ArgumentException($"'{path}': REMARK '{remark}' must be one line of at most {MaxRemark} characters", nameof(remarks));

        AtomicFile.WriteText(path, writer =>
        {
            foreach (string remark in remarks ?? [])
                writer.WriteLine($"REMARK   1 {remark}");
            if (cubicBox is { } box)
            {
                if (box > 99999.999)
                    throw new ArgumentOutOfRangeException(nameof(cubicBox), box, $"'{path}': CRYST1 holds box lengths up to 99999.999");
                writer.WriteLine(Invariant($"CRYST1{box,9:F3}{box,9:F3}{box,9:F3}{90.0,7:F2}{90.0,7:F2}{90.0,7:F2} P 1           1"));
            }
            int model = 0;
            foreach (var frame in frames)
            {
                ExportFrame.RequireShape(frame, atoms, model, path);
                writer.WriteLine(Invariant($"MODEL     {model + 1,4}"));
                for (int atom = 0; atom < atoms; atom++)
                    writer.WriteLine(AtomRecord(atom, names[atom], residueName, frame, model, path));
                writer.WriteLine("ENDMDL");
                model++;
            }
            for (int bond = 0; bond < bonds.Count / 2; bond++)
                writer.WriteLine(Invariant($"CONECT{bonds[2 * bond] + 1,5}{bonds[2 * bond + 1] + 1,5}"));
            writer.WriteLine("END");
        });
    }

    private static string AtomRecord(int atom, string name, string residueName, float[] frame, int model, string path)
    {
        for (int axis = 0; axis < 3; axis++)
        {
            float value = frame[3 * atom + axis];
            if (Math.Round(value, 3) < MinCoordinate || Math.Round(value, 3) > MaxCoordinate)
                throw new ArgumentOutOfRangeException(nameof(frame), value,
                    $"'{path}': model {model + 1}, atom {atom}, axis {"xyz"[axis]} does not fit the PDB 8.3f field " +
                    $"[{MinCoordinate}, {MaxCoordinate}]; shift or wrap the coordinates first");
        }
        // Names shorter than 4 characters start in column 14, the PDB convention.
        string paddedName = name.Length < 4 ? " " + name.PadRight(3) : name;
        return Invariant(
            $"ATOM  {atom + 1,5} {paddedName} {residueName,3} A{1,4}    {frame[3 * atom],8:F3}{frame[3 * atom + 1],8:F3}{frame[3 * atom + 2],8:F3}{1.0,6:F2}{0.0,6:F2}");
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
