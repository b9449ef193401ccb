using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace MlCgMd.Reports;

/// <summary>
/// A self-contained HTML report: inline CSS, figures as inline SVG, no external resources, so one file can be
/// opened or archived anywhere. Blocks appear in the order they are added. The output is also well-formed XML
/// (XHTML syntax), so it can be checked with an XML parser; metrics are embedded as JSON in
/// &lt;script type="application/json" id="metrics"&gt; for tools to read back.
/// </summary>
public sealed class HtmlReport
{
    private const string Css = """
        body { font-family: 'DejaVu Sans', Helvetica, Arial, sans-serif; max-width: 1000px; margin: 2em auto; padding: 0 1em; color: #1a1a1a; line-height: 1.5; }
        h1 { font-size: 1.7em; border-bottom: 2px solid #0072b2; padding-bottom: 0.2em; }
        h2 { font-size: 1.3em; margin-top: 1.8em; }
        pre { background: #f5f5f5; border: 1px solid #ddd; padding: 0.7em; overflow-x: auto; font-size: 0.9em; }
        table { border-collapse: collapse; margin: 1em 0; font-size: 0.92em; }
        th, td { border: 1px solid #ccc; padding: 0.3em 0.7em; }
        th { background: #eef3f8; }
        td.number { text-align: right; font-variant-numeric: tabular-nums; }
        caption { caption-side: bottom; font-size: 0.9em; color: #444; padding-top: 0.3em; }
        figure { margin: 1.5em 0; }
        figure svg { max-width: 100%; height: auto; }
        figcaption { font-size: 0.92em; color: #333; }
        details.metrics summary { cursor: pointer; color: #0072b2; }
        """;

    private static readonly JsonSerializerOptions MetricsJson = new()
    {
        WriteIndented = true,
        // The default encoder escapes <, >, & and quotes, so the JSON cannot end the script element or break the XML.
        Encoder = JavaScriptEncoder.Default,
        // Undefined estimates (NaN) are results too; they are written as the strings "NaN" / "Infinity".
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    private readonly List<string> _blocks = [];
    private int _figureCount;
    private bool _hasMetrics;

    public string Title { get; }

    public HtmlReport(string title)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(title);
        Title = title;
    }

    public HtmlReport Section(string heading)
    {
        _blocks.Add($"<h2>{Escape(heading)}</h2>");
        return this;
    }

    /// <summary>Narrative text; blank lines separate paragraphs.</summary>
    public HtmlReport Paragraph(string text)
    {
        foreach (var paragraph in text.Replace("\r\n", "\n").Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            _blocks.Add($"<p>{Escape(paragraph)}</p>");
        return this;
    }

    /// <summary>Preformatted text: a command, code or raw results.</summary>
    public HtmlReport Preformatted(string text)
    {
        _blocks.Add($"<pre><code>{Escape(text)}</code></pre>");
        return this;
    }

    /// <summary>A table (see <see cref="HtmlTable"/> for how cells are written).</summary>
    public HtmlReport Table(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<object?>> rows, string? caption = null, string numberFormat = "G6") =>
        Table(new HtmlTable(header, rows, caption, numberFormat));

    public HtmlReport Table(HtmlTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        _blocks.Add(table.ToHtml());
        return this;
    }

    /// <summary>A figure, inlined as SVG, with its caption.</summary>
    public HtmlReport Figure(Figure figure, string caption)
    {
        ArgumentNullException.ThrowIfNull(figure);
        int index = ++_figureCount;
        _blocks.Add($"<figure id=\"figure-{index}\">\n{figure.ToSvg($"fig{index}")}<figcaption><strong>Figure {index}.</strong> {Escape(caption)}</figcaption>\n</figure>");
        return this;
    }

    /// <summary>
    /// Machine-readable results (any JSON-serialisable object, e.g. a dictionary or a record), shown collapsed (a
    /// &lt;details&gt; element the reader opens) and embedded as &lt;script type="application/json" id="metrics"&gt;.
    /// Only one metrics block per report.
    /// </summary>
    public HtmlReport Metrics(object metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        if (_hasMetrics)
            throw new InvalidOperationException("The report already has a metrics block.");
        _hasMetrics = true;
        string json = JsonSerializer.Serialize(metrics, metrics.GetType(), MetricsJson);
        int lines = json.Count(c => c == '\n') + 1;
        _blocks.Add($"<details class=\"metrics\">\n<summary>All metrics as JSON ({lines} lines)</summary>\n" +
                    $"<pre class=\"metrics\"><code>{Escape(json)}</code></pre>\n</details>\n<script type=\"application/json\" id=\"metrics\">{json}</script>");
        return this;
    }

    public string ToHtml()
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n<meta charset=\"utf-8\" />\n");
        html.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />\n");
        html.Append("<title>").Append(Escape(Title)).Append("</title>\n<style>\n").Append(Css).Append("\n</style>\n</head>\n<body>\n");
        html.Append("<h1>").Append(Escape(Title)).Append("</h1>\n");
        foreach (string block in _blocks) html.Append(block).Append('\n');
        html.Append("</body>\n</html>\n");
        return html.ToString();
    }

    /// <summary>Writes the report atomically (temporary file + rename).</summary>
    public void Save(string path) => MlCgMd.Data.AtomicFile.WriteText(path, w => w.Write(ToHtml()));

    private static string Escape(string text) => SvgWriter.Escape(text);
}
