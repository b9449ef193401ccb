using System.Globalization;

namespace MlCgMd.Exports;

/// <summary>Reads MODEL/ATOM/HETATM, CRYST1 and CONECT records of a PDB file by their fixed columns.</summary>
public static class PdbReader
{
    public static PdbTrajectory Read(string path)
    {
        var lines = File.ReadAllLines(path);
        var frames = new List<float[]>();
        List<string>? names = null;
        var current = new List<(string Name, float X, float Y, float Z)>();
        var bonds = new List<int>();
        var seenBonds = new HashSet<(int, int)>();
        double? cubicBox = null;
        bool inModel = false;

        void FinishModel(int lineNumber)
        {
            if (current.Count == 0)
                return;
            names ??= current.Select(a => a.Name).ToList();
            if (current.Count != names.Count)
                throw new InvalidDataException(
                    $"'{path}' line {lineNumber}: model {frames.Count + 1} has {current.Count} atoms, expected {names.Count} like model 1");
            frames.Add(current.SelectMany(a => new[] { a.X, a.Y, a.Z }).ToArray());
            current.Clear();
        }

        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i];
            string record = line.Length >= 6 ? line[..6] : line.PadRight(6);
            switch (record)
            {
                case "CRYST1":
                    cubicBox = CubicEdge(line, path, i + 1);
                    break;
                case "MODEL ":
                    FinishModel(i + 1);
                    inModel = true;
                    break;
                case "ENDMDL":
                    FinishModel(i + 1);
                    inModel = false;
                    break;
                case "ATOM  ":
                case "HETATM":
                    if (line.Length < 54)
                        throw new InvalidDataException($"'{path}' line {i + 1}: ATOM record shorter than 54 columns");
                    current.Add((line[12..16].Trim(),
                        Number(line[30..38], path, i + 1), Number(line[38..46], path, i + 1), Number(line[46..54], path, i + 1)));
                    break;
                case "CONECT":
                    AddBonds(line, path, i + 1, bonds, seenBonds);
                    break;
            }
        }
        if (!inModel || current.Count > 0)
            FinishModel(lines.Length);
        if (frames.Count == 0)
            throw new InvalidDataException($"'{path}' holds no ATOM records");
        int atoms = names!.Count;
        if (bonds.Any(b => b < 0 || b >= atoms))
            throw new InvalidDataException($"'{path}': a CONECT record names an atom outside serials 1..{atoms}");
        return new PdbTrajectory(names, frames, bonds.ToArray(), cubicBox);
    }

    private static void AddBonds(string line, string path, int lineNumber, List<int> bonds, HashSet<(int, int)> seen)
    {
        int from = Serial(line, 6, path, lineNumber) - 1;
        for (int column = 11; column + 5 <= line.Length && column < 31; column += 5)
        {
            if (line.Substring(column, 5).Trim().Length == 0)
                continue;
            int to = Serial(line, column, path, lineNumber) - 1;
            // Viewers list a bond under both atoms; keep it once.
            if (seen.Add((Math.Min(from, to), Math.Max(from, to))))
            {
                bonds.Add(from);
                bonds.Add(to);
            }
        }
    }

    private static int Serial(string line, int column, string path, int lineNumber) =>
        column + 5 <= line.Length && int.TryParse(line.AsSpan(column, 5).Trim(), CultureInfo.InvariantCulture, out int serial)
            ? serial
            : throw new InvalidDataException($"'{path}' line {lineNumber}: expected an atom serial in columns {column + 1}-{column + 5}");

    private static double? CubicEdge(string line, string path, int lineNumber)
    {
        if (line.Length < 54)
            throw new InvalidDataException($"'{path}' line {lineNumber}: CRYST1 record shorter than 54 columns");
        double a = Number(line[6..15], path, lineNumber), b = Number(line[15..24], path, lineNumber), c = Number(line[24..33], path, lineNumber);
        double alpha = Number(line[33..40], path, lineNumber), beta = Number(line[40..47], path, lineNumber), gamma = Number(line[47..54], path, lineNumber);
        return a == b && b == c && alpha == 90 && beta == 90 && gamma == 90 ? a : null;
    }

    private static float Number(string field, string path, int lineNumber) =>
        float.TryParse(field.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new InvalidDataException($"'{path}' line {lineNumber}: '{field}' is not a number");
}
