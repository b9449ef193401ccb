using System.Text.Json;
using System.Xml;
using System.Xml.Linq;
using MlCgMd.Reports;

namespace MlCgMd.Tests.Reports;

public class HtmlReportTests
{
    private static readonly XNamespace Xhtml = "http://www.w3.org/1999/xhtml";

    private static HtmlReport Sample() => new HtmlReport("Rollout <vs> MD")
        .Section("Structure")
        .Paragraph("First paragraph & more.\n\nSecond paragraph.")
        .Preformatted("mlcgmd analyse --input run.h5 < x")
        .Table(["polymer", "Rg MD (σ)", "Rg ML (σ)"], [["p0", 5.25, 5.5], ["p1", 6.0, 6.25]], caption: "Mean Rg")
        .Figure(new Figure(new Axes().Add(new LineSeries([0.0, 1.0], [1.0, 0.0]))), "An ACF.")
        .Figure(new Figure(new Axes().Add(new ScatterSeries([1.0, 2.0], [1.0, 2.0]))), "A parity plot.")
        .Metrics(new Dictionary<string, object> { ["tau_integral"] = 12.5, ["note"] = "</script> & co", ["tau_1e"] = double.NaN });

    private static XDocument Parse(string html) =>
        XDocument.Load(XmlReader.Create(new StringReader(html), new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore }));

    [Fact]
    public void Report_is_well_formed_and_holds_every_block()
    {
        string html = Sample().ToHtml();
        Assert.StartsWith("<!DOCTYPE html>", html);
        var document = Parse(html);

        Assert.Equal("Rollout <vs> MD", document.Descendants(Xhtml + "title").Single().Value);
        Assert.Equal(2, document.Descendants(Xhtml + "p").Count());
        Assert.Contains("First paragraph & more.", document.Descendants(Xhtml + "p").Select(p => p.Value));
        Assert.Equal("mlcgmd analyse --input run.h5 < x", document.Descendants(Xhtml + "code").First().Value);
        var cells = document.Descendants(Xhtml + "td").Select(td => td.Value).ToArray();
        Assert.Equal(["p0", "5.25", "5.5", "p1", "6", "6.25"], cells);

        var figures = document.Descendants(Xhtml + "figure").ToArray();
        Assert.Equal(2, figures.Length);
        foreach (var figure in figures)
        {
            var svg = Assert.Single(figure.Elements(SvgDocument.Svg + "svg"));
            Assert.NotEmpty(svg.Descendants(SvgDocument.Svg + "g"));
        }
        Assert.Contains("A parity plot.", figures[1].Value);
        // Each figure's element ids are unique within the page.
        var ids = document.Descendants().Select(e => (string?)e.Attribute("id")).Where(id => id is not null).ToArray();
        Assert.Equal(ids.Length, ids.Distinct().Count());
    }

    [Fact]
    public void Metrics_json_round_trips_from_the_script_block()
    {
        var document = Parse(Sample().ToHtml());
        var script = document.Descendants(Xhtml + "script").Single(s => (string?)s.Attribute("id") == "metrics");
        using var json = JsonDocument.Parse(script.Value);
        Assert.Equal(12.5, json.RootElement.GetProperty("tau_integral").GetDouble());
        Assert.Equal("</script> & co", json.RootElement.GetProperty("note").GetString());
        Assert.Equal("NaN", json.RootElement.GetProperty("tau_1e").GetString());
    }

    [Fact]
    public void Metrics_are_shown_collapsed_in_a_details_element()
    {
        var document = Parse(Sample().ToHtml());
        var details = document.Descendants(Xhtml + "details").Single();
        Assert.Contains("All metrics as JSON", details.Element(Xhtml + "summary")!.Value);
        Assert.Contains("tau_integral", details.Element(Xhtml + "pre")!.Value);
        Assert.Null(details.Attribute("open"));
    }

    [Fact]
    public void Table_rows_must_match_the_header()
    {
        Assert.Throws<ArgumentException>(() => new HtmlReport("t").Table(["a", "b"], [["only one"]]));
    }

    [Fact]
    public void Save_writes_atomically_and_replaces_an_existing_file()
    {
        string folder = Path.Combine(Path.GetTempPath(), $"mlcgmd-report-{Guid.NewGuid():N}");
        string path = Path.Combine(folder, "report.html");
        try
        {
            new HtmlReport("first").Save(path);
            Sample().Save(path);
            Assert.Contains("Rollout &lt;vs&gt; MD", File.ReadAllText(path));
            Assert.Equal(["report.html"], Directory.GetFiles(folder).Select(Path.GetFileName));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
