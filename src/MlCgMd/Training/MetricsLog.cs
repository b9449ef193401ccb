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
        var kept = rows.Take(1).Concat(rows.Skip(1).Where(r => long.Parse(r.Split(',')[0], CultureInfo.InvariantCulture) <= resumeStep));
        File.WriteAllText(csvPath, string.Join("\n", kept) + "\n");
        if (File.Exists(jsonlPath))
        {
            var keptJson = File.ReadAllLines(jsonlPath)
                .Where(l => l.Length > 0 && JsonDocument.Parse(l).RootElement.GetProperty("step").GetInt64() <= resumeStep);
            File.WriteAllText(jsonlPath, string.Concat(keptJson.Select(l => l + "\n")));
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
