using System.Globalization;
using System.Text.RegularExpressions;

namespace MlCgMd.Exports;

/// <summary>Reads the extended XYZ files <see cref="XyzWriter"/> writes (species and positions columns first).</summary>
public static partial class XyzReader
{
    private const string ExpectedProperties = "species:S:1:pos:R:3";

    public static XyzTrajectory Read(string path)
    {
        var lines = File.ReadAllLines(path);
        var frames = new List<float[]>();
        IReadOnlyList<string>? names = null;
        double? cubicBox = null;
        int line = 0;
        while (line < lines.Length && lines[line].Trim().Length > 0)
        {
            if (!int.TryParse(lines[line].Trim(), CultureInfo.InvariantCulture, out int atoms) || atoms < 0)
                throw new InvalidDataException($"'{path}' line {line + 1}: expected an atom count, found '{lines[line]}'");
            if (line + 1 + atoms >= lines.Length)
                throw new InvalidDataException(
                    $"'{path}': frame {frames.Count} declares {atoms} atoms but the file ends at line {lines.Length} (truncated)");
            var comment = ParseComment(lines[line + 1]);
            if (!comment.TryGetValue("Properties", out var properties) || !properties.StartsWith(ExpectedProperties, StringComparison.Ordinal))
                throw new InvalidDataException(
                    $"'{path}' line {line + 2}: expected Properties={ExpectedProperties} (species then positions)");
            if (frames.Count == 0 && comment.TryGetValue("Lattice", out var lattice))
                cubicBox = CubicEdge(lattice, path, line + 2);

            var frame = new float[atoms * 3];
            var frameNames = new string[atoms];
            for (int atom = 0; atom < atoms; atom++)
            {
                int at = line + 2 + atom;
                var fields = lines[at].Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
                if (fields.Length < 4)
                    throw new InvalidDataException($"'{path}' line {at + 1}: expected 'species x y z', found '{lines[at]}'");
                frameNames[atom] = fields[0];
                for (int axis = 0; axis < 3; axis++)
                    frame[3 * atom + axis] = ParseFloat(fields[1 + axis], path, at + 1);
            }
            names ??= frameNames;
            if (atoms != names.Count)
                throw new InvalidDataException($"'{path}': frame {frames.Count} has {atoms} atoms, expected {names.Count} like frame 0");
            frames.Add(frame);
            line += 2 + atoms;
        }
        if (frames.Count == 0)
            throw new InvalidDataException($"'{path}' holds no XYZ frame");
        return new XyzTrajectory(names!, frames, cubicBox);
    }

    /// <summary>key=value and key="quoted value" pairs of an extended XYZ comment line.</summary>
    private static Dictionary<string, string> ParseComment(string comment) =>
        KeyValue().Matches(comment).ToDictionary(m => m.Groups["key"].Value,
            m => m.Groups["quoted"].Success ? m.Groups["quoted"].Value : m.Groups["plain"].Value);

    [GeneratedRegex("""(?<key>[A-Za-z_][A-Za-z0-9_]*)=(?:"(?<quoted>[^"]*)"|(?<plain>\S+))""")]
    private static partial Regex KeyValue();

    private static double? CubicEdge(string lattice, string path, int lineNumber)
    {
        var values = lattice.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
            .Select(v => double.TryParse(v, CultureInfo.InvariantCulture, out var x) ? x : double.NaN).ToArray();
        if (values.Length != 9 || values.Any(double.IsNaN))
            throw new InvalidDataException($"'{path}' line {lineNumber}: Lattice must hold 9 numbers, found \"{lattice}\"");
        bool cubic = values[0] == values[4] && values[4] == values[8] &&
                     new[] { 1, 2, 3, 5, 6, 7 }.All(i => values[i] == 0);
        return cubic ? values[0] : null;
    }

    private static float ParseFloat(string text, string path, int lineNumber) =>
        float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new InvalidDataException($"'{path}' line {lineNumber}: '{text}' is not a number");
}
