using System.Xml.Linq;
using MlCgMd.Analysis;
using MlCgMd.Reports;
using MlCgMd.Tests.Analysis;

namespace MlCgMd.Tests.Reports;

/// <summary>
/// Renders one figure with every series type (from synthetic analysis results) and a report around it into
/// the test output folder (demo/), for a person to look at; the test checks the files are non-empty valid XML.
/// </summary>
public class DemoFigureTests
{
    [Fact]
    public void Demo_figure_with_every_series_type_is_written_as_valid_svg()
    {
        const double dt = 5; // tau per frame
        var md = SyntheticSeries.OrnsteinUhlenbeck(20_000, tau: 60, dt, seed: 1, mean: 30);
        var ml = SyntheticSeries.OrnsteinUhlenbeck(20_000, tau: 75, dt, seed: 2, mean: 31);
        var mdSummary = RelaxationTimeBootstrap.FromSingleSeries(md, dt, blockCount: 10, maxLag: 100, resamples: 50);
        var mlSummary = RelaxationTimeBootstrap.FromSingleSeries(ml, dt, blockCount: 10, maxLag: 100, resamples: 50);
        var lags = Enumerable.Range(0, mdSummary.Acf.Length).Select(t => t * dt).ToArray();

        var edges = Histogram.SharedEdges(40, md, ml);
        var contacts = new double[30 * 30];
        for (int i = 0; i < 30; i++)
            for (int j = 0; j < 30; j++)
                contacts[i * 30 + j] = i == j ? 0 : Math.Exp(-Math.Abs(i - j) / 4.0);
        var referenceTau = Enumerable.Range(0, 12).Select(i => 20.0 + 7 * i).ToArray();
        var predictedTau = referenceTau.Select((t, i) => t * (1 + 0.15 * Math.Sin(i))).ToArray();

        var figure = new Figure(
            new Axes { Title = "Rg² distribution", XLabel = "Rg² (σ²)", YLabel = "density (σ⁻²)" }
                .Add(new HistogramSeries(edges, Histogram.Compute(md, edges).Density) { Label = "reference MD", Style = HistogramStyle.Bars })
                .Add(new HistogramSeries(edges, Histogram.Compute(ml, edges).Density) { Label = "GNN rollout" }),
            new Axes { Title = "Rg² autocorrelation", XLabel = "lag (τ)", YLabel = "C(t)" }
                .Add(new ErrorBarSeries(lags, mdSummary.Acf, mdSummary.AcfStandardError) { Label = "reference MD", ShowMarkers = false, ConnectPoints = true })
                .Add(new LineSeries(lags, mlSummary.Acf) { Label = "GNN rollout", Dashed = true })
                .Add(new LineSeries([0.0, lags[^1]], [Math.Exp(-1), Math.Exp(-1)]) { Label = "1/e", Color = "#999999" }),
            new Axes { Title = "Relaxation time per polymer", XLabel = "τ_MD (τ)", YLabel = "τ_GNN (τ)", Legend = LegendPosition.BottomRight }
                .Add(ScatterSeries.Parity(referenceTau, predictedTau, "test polymers")),
            new Axes { Title = "Contact map", XLabel = "bead i", YLabel = "bead j" }
                .Add(new HeatMapSeries(contacts, 30, 30) { ColorBarLabel = "contact frequency" }),
            new Axes { Title = "Speed", YLabel = "τ simulated per second", YScale = AxisScale.Log, Legend = LegendPosition.None }
                .Add(new BarSeries(["LAMMPS (1 core)", "C# Langevin", "GNN (CPU)", "GNN (GPU)"], [120, 45, 2_500, 90_000]) { ValueFormat = "0" }),
            new Axes { Title = "τ vs reference length", XLabel = "reference length (τ)", YLabel = "τ_int (τ)", XScale = AxisScale.Log }
                .Add(new ErrorBarSeries([1e3, 1e4, 5e4, 1e5], [35, 55, 60, 61], [20, 8, 4, 3]) { Label = "MD prefixes", ConnectPoints = true }))
        { Title = "Demo: every series type", Columns = 2 };

        string folder = Path.Combine(AppContext.BaseDirectory, "demo");
        string svgPath = Path.Combine(folder, "all-series.svg");
        figure.Save(svgPath);
        new HtmlReport("Demo report")
            .Paragraph("Synthetic Ornstein-Uhlenbeck series standing in for Rg² of a rollout and of reference MD.")
            .Figure(figure, "Every series type.")
            .Table(["estimator", "MD (τ)", "SE"], Enum.GetValues<RelaxationEstimator>()
                .Select(e => (IReadOnlyList<object?>)[e.ToString(), mdSummary.Get(e).Value, mdSummary.Get(e).StandardError]))
            .Metrics(new { md = mdSummary.Point, ml = mlSummary.Point })
            .Save(Path.Combine(folder, "demo-report.html"));

        Assert.True(new FileInfo(svgPath).Length > 1000);
        var root = XDocument.Load(svgPath).Root!;
        Assert.Equal(6, root.Descendants(SvgDocument.Svg + "rect").Count(r => (string?)r.Attribute("class") == "frame"));
    }
}
