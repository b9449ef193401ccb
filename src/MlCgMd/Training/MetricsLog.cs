using System.Globalization;
using System.Text;
using System.Text.Json;

namespace MlCgMd.Training;

/// <summary>
/// Per-step metrics as CSV (header + one row per logged step) and JSON lines. On resume the
/// rows after the checkpoint's step are dropped so the files read as one uninterrupted run.
/// </summary>
public sealed class MetricsLog
{
    private readonly string csvPath;
    private readonly string jsonlPath;
    private readonly string[] columns;

    public MetricsLog(string directory, string name, IReadOnlyList<string> columns)
    {
        Directory.CreateDirectory(directory);
        csvPath = Path.Combine(directory, name + ".csv");
        jsonlPath = Path.Combine(directory, name + ".jsonl");
        this.columns = ["step", .. columns];
    }

    /// <summary>Starts a fresh log, or keeps the rows up to <paramref name="resumeStep"/> of an existing one.</summary>
    public void Open(long? resumeStep)
    {
        if (resumeStep is null || !File.Exists(csvPath))
        {
            File.WriteAllText(csvPath, string.Join(",", columns) + "\n");
            File.WriteAllText(jsonlPath, "");
            return;
        }
        string[] rows = File.ReadAllLines(csvPath);
        var kept = rows.Take(1).Concat(Steps(csvPath, rows.Skip(1).ToList(), line => CsvStep(line, columns.Length)).Where(r => r.Step <= resumeStep).Select(r => r.Line));
        File.WriteAllText(csvPath, string.Join("\n", kept) + "\n");
        if (File.Exists(jsonlPath))
        {
            var keptJson = Steps(jsonlPath, File.ReadAllLines(jsonlPath).ToList(), JsonStep).Where(r => r.Step <= resumeStep);
            File.WriteAllText(jsonlPath, string.Concat(keptJson.Select(r => r.Line + "\n")));
        }
    }

    /// <summary>The last logged step of DIR/NAME.csv, or null when it has no complete row.</summary>
    public static long? LastStep(string directory, string name)
    {
        string path = Path.Combine(directory, name + ".csv");
        if (!File.Exists(path)) return null;
        string[] lines = File.ReadAllLines(path);
        if (lines.Length == 0) return null;
        int cells = lines[0].Split(',').Length;
        var rows = Steps(path, lines.Skip(1).ToList(), line => CsvStep(line, cells));
        return rows.Count == 0 ? null : rows[^1].Step;
    }

    /// <summary>
    /// The rows with their steps. A last line a kill cut short (too few cells, JSON that does not parse)
    /// is dropped: it was written after the last checkpoint. An unreadable line before it is an error.
    /// </summary>
    private static List<(long Step, string Line)> Steps(string path, List<string> lines, Func<string, long?> step)
    {
        while (lines.Count > 0 && lines[^1].Length == 0) lines.RemoveAt(lines.Count - 1);
        var rows = new List<(long, string)>();
        for (int k = 0; k < lines.Count; k++)
        {
            if (step(lines[k]) is { } s) rows.Add((s, lines[k]));
            else if (k < lines.Count - 1)
                throw new InvalidDataException($"{path}: line {k + 1} ('{lines[k][..Math.Min(40, lines[k].Length)]}') is not a metrics row");
        }
        return rows;
    }

    private static long? CsvStep(string line, int columns)
    {
        string[] cells = line.Split(',');
        return cells.Length == columns && long.TryParse(cells[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out long s) &&
               cells.Skip(1).All(c => double.TryParse(c, NumberStyles.Float, CultureInfo.InvariantCulture, out _)) ? s : null;
    }

    private static long? JsonStep(string line)
    {
        try
        {
            using JsonDocument row = JsonDocument.Parse(line);
            return row.RootElement.TryGetProperty("step", out JsonElement s) && s.TryGetInt64(out long step) ? step : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public void Append(long step, IReadOnlyDictionary<string, double> values)
    {
        var csv = new StringBuilder(step.ToString(CultureInfo.InvariantCulture));
        var json = new Dictionary<string, object> { ["step"] = step };
        foreach (string column in columns.Skip(1))
        {
            double v = values.TryGetValue(column, out double x) ? x : double.NaN;
            csv.Append(',').Append(v.ToString("R", CultureInfo.InvariantCulture));
            json[column] = double.IsFinite(v) ? v : null!;
        }
        File.AppendAllText(csvPath, csv.Append('\n').ToString());
        File.AppendAllText(jsonlPath, JsonSerializer.Serialize(json) + "\n");
    }

    /// <summary>Rows of the CSV as (step, column → value), for reports and tests.</summary>
    public static IReadOnlyList<(long Step, Dictionary<string, double> Values)> Read(string csvPath)
    {
        string[] lines = File.ReadAllLines(csvPath);
        string[] header = lines[0].Split(',');
        return lines.Skip(1).Where(l => l.Length > 0).Select(l =>
        {
            string[] cells = l.Split(',');
            var values = new Dictionary<string, double>();
            for (int c = 1; c < header.Length; c++) values[header[c]] = double.Parse(cells[c], CultureInfo.InvariantCulture);
            return (long.Parse(cells[0], CultureInfo.InvariantCulture), values);
        }).ToList();
    }
}
