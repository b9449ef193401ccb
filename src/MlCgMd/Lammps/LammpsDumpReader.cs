using System.Globalization;

namespace MlCgMd.Lammps;

/// <summary>Reads LAMMPS text dumps (dump custom / atom): ITEM blocks per frame, any per-atom columns.</summary>
public static class LammpsDumpReader
{
    public static IEnumerable<LammpsDumpFrame> Read(string path)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"LAMMPS dump '{path}' does not exist.", path);
        using var reader = new StreamReader(path);
        int lineNumber = 0;
        string? Next()
        {
            lineNumber++;
            return reader.ReadLine();
        }
        string Expect(string prefix)
        {
            string line = Next() ?? throw new FormatException($"{path}: file ends at line {lineNumber}, expected '{prefix}'.");
            if (!line.StartsWith(prefix, StringComparison.Ordinal))
                throw new FormatException($"{path}:{lineNumber}: expected '{prefix}', found '{line}'.");
            return line;
        }
        double ParseNumber(string token) =>
            double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out double value)
                ? value
                : throw new FormatException($"{path}:{lineNumber}: '{token}' is not a number.");

        while (true)
        {
            string? first = Next();
            if (first is null) yield break;
            if (first.Trim().Length == 0) continue;
            if (!first.StartsWith("ITEM: TIMESTEP", StringComparison.Ordinal))
                throw new FormatException($"{path}:{lineNumber}: expected 'ITEM: TIMESTEP', found '{first}'.");
            long timestep = (long)ParseNumber(Next()?.Trim() ?? "");
            Expect("ITEM: NUMBER OF ATOMS");
            int atoms = (int)ParseNumber(Next()?.Trim() ?? "");
            Expect("ITEM: BOX BOUNDS");
            var low = new double[3];
            var high = new double[3];
            for (int d = 0; d < 3; d++)
            {
                string[] bounds = (Next() ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (bounds.Length < 2)
                    throw new FormatException($"{path}:{lineNumber}: box bounds need 'low high'.");
                low[d] = ParseNumber(bounds[0]);
                high[d] = ParseNumber(bounds[1]);
            }
            string[] names = Expect("ITEM: ATOMS")["ITEM: ATOMS".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            int idColumn = Array.IndexOf(names, "id");
            var rows = new double[atoms][];
            for (int a = 0; a < atoms; a++)
            {
                string[] tokens = (Next() ?? throw new FormatException($"{path}: file ends inside the frame at step {timestep}."))
                    .Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (tokens.Length != names.Length)
                    throw new FormatException($"{path}:{lineNumber}: {tokens.Length} values, expected {names.Length} ({string.Join(' ', names)}).");
                rows[a] = tokens.Select(ParseNumber).ToArray();
            }
            if (idColumn >= 0)
                Array.Sort(rows, (p, q) => p[idColumn].CompareTo(q[idColumn]));
            var columns = new Dictionary<string, double[]>();
            for (int c = 0; c < names.Length; c++)
                columns[names[c]] = rows.Select(r => r[c]).ToArray();
            yield return new LammpsDumpFrame(timestep, atoms, low, high, columns);
        }
    }
}
