using System.Xml.Linq;
using MlCgMd.Analysis;
using MlCgMd.Reports;

namespace MlCgMd.Tests.Reports;

public class FigureTests
{
    [Fact]
    public void Scatter_with_ten_points_draws_ten_markers_the_identity_line_and_r2()
    {
        double[] x = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
        var figure = new Figure(new Axes { XLabel = "MD Rg (σ)", YLabel = "ML Rg (σ)" }
            .Add(ScatterSeries.Parity(x, x.Select(v => v * 1.1).ToArray(), "polymers")));
        var root = SvgDocument.Parse(figure.ToSvg());
        var scatter = Assert.Single(SvgDocument.Groups(root, "series", "scatter"));
        Assert.Equal(10, scatter.Elements(SvgDocument.Svg + "circle").Count());
        Assert.Single(SvgDocument.Groups(root, "identity-line"));
        var annotation = root.Descendants(SvgDocument.Svg + "text").Single(t => (string?)t.Attribute("class") == "annotation");
        Assert.Equal("r² = 1.00, n = 10", annotation.Value);
    }

    [Theory]
    [InlineData(AxisScale.Log)]
    [InlineData(AxisScale.Linear)]
    public void A_single_point_draws_on_linear_and_log_axes(AxisScale scale)
    {
        var figure = new Figure(new Axes { XScale = scale, YScale = scale }
            .Add(new LineSeries([1000.0], [55.8]) { Label = "LAMMPS" })
            .Add(new ScatterSeries([1000.0], [1754.0])));
        var root = SvgDocument.Parse(figure.ToSvg());
        Assert.Single(Assert.Single(SvgDocument.Groups(root, "series", "scatter")).Elements(SvgDocument.Svg + "circle"));
    }

    [Fact]
    public void Text_is_escaped_and_the_output_stays_valid_xml()
    {
        var figure = new Figure(new Axes { Title = "A < B & \"C\"", XLabel = "t <τ>", YLabel = "C(t)" }
            .Add(new LineSeries([0.0, 1.0], [1.0, 0.5]) { Label = "x & y" })) { Title = "<figure>" };
        var root = SvgDocument.Parse(figure.ToSvg());
        var texts = root.Descendants(SvgDocument.Svg + "text").Select(t => t.Value).ToArray();
        Assert.Contains("A < B & \"C\"", texts);
        Assert.Contains("x & y", texts);
        Assert.Contains("<figure>", texts);
    }

    [Fact]
    public void Rendering_is_deterministic_and_ids_take_the_prefix()
    {
        Figure Build() => new(new Axes().Add(new LineSeries([0.0, 1.0, 2.0], [0.0, 1.0, 4.0])));
        Assert.Equal(Build().ToSvg("a"), Build().ToSvg("a"));
        var root = SvgDocument.Parse(Build().ToSvg("report-7"));
        Assert.All(root.Descendants().Where(e => e.Attribute("id") is not null), e => Assert.StartsWith("report-7-", (string)e.Attribute("id")!));
    }

    [Fact]
    public void Grid_of_panels_places_each_panel_in_its_cell()
    {
        var figure = new Figure(new Axes(), new Axes(), new Axes()) { Columns = 2, PanelWidth = 300, PanelHeight = 200 };
        var root = SvgDocument.Parse(figure.ToSvg());
        Assert.Equal("600", (string?)root.Attribute("width"));
        Assert.Equal("400", (string?)root.Attribute("height"));
        var frames = root.Descendants(SvgDocument.Svg + "rect").Where(r => (string?)r.Attribute("class") == "frame")
            .Select(r => ((double)r.Attribute("x")!, (double)r.Attribute("y")!)).ToArray();
        Assert.Equal(3, frames.Length);
        Assert.True(frames[1].Item1 > 300 && frames[2].Item2 > 200 && frames[2].Item1 < 300);
    }

    [Fact]
    public void Overlaid_histograms_heat_map_bars_and_error_bars_draw_their_elements()
    {
        var edges = Histogram.UniformEdges(0, 4, 4);
        var heat = new HeatMapSeries([0.0, 0.5, 0.5, 1.0, 0.2, 0.2], rows: 2, columns: 3) { ColorBarLabel = "contact frequency" };
        var figure = new Figure(
            new Axes().Add(new HistogramSeries(edges, [1.0, 2, 3, 4]) { Style = HistogramStyle.Bars, Label = "MD" })
                      .Add(new HistogramSeries(edges, [2.0, 2, 2, 2]) { Label = "ML" }),
            new Axes().Add(heat),
            new Axes().Add(new BarSeries(["LAMMPS", "GNN"], [1.0, 250.0]) { ValueFormat = "0x" }),
            new Axes().Add(new ErrorBarSeries([1.0, 2, 3], [1.0, 2, 3], [0.1, 0.2, 0.3]) { ConnectPoints = true })) { Columns = 2 };
        var root = SvgDocument.Parse(figure.ToSvg());

        Assert.Equal(4, SvgDocument.Groups(root, "histogram", "bars").Single().Elements(SvgDocument.Svg + "rect").Count());
        Assert.Single(SvgDocument.Groups(root, "histogram", "step").Single().Elements(SvgDocument.Svg + "polyline"));
        // Row 0: 0, 0.5, 0.5 -> two runs; row 1: 1.0, 0.2, 0.2 -> two runs.
        Assert.Equal(4, SvgDocument.Groups(root, "heatmap").Single().Elements(SvgDocument.Svg + "rect").Count());
        Assert.Single(SvgDocument.Groups(root, "colorbar"));
        Assert.Equal(2, SvgDocument.Groups(root, "series", "bar").Single().Elements(SvgDocument.Svg + "rect").Count());
        Assert.Contains("250x", root.Descendants(SvgDocument.Svg + "text").Select(t => t.Value));
        Assert.Equal(3, SvgDocument.Groups(root, "errorbar").Single().Elements(SvgDocument.Svg + "line").Count(l => (string?)l.Attribute("class") == "bar"));
        // Two legend entries in the histogram panel.
        Assert.Equal(2, SvgDocument.Groups(root, "legend").Single().Elements(SvgDocument.Svg + "text").Count());
    }

    [Fact]
    public void Best_legend_position_avoids_the_data()
    {
        // Points crowd the top-right and top-left corners; the legend must go to the bottom.
        double[] x = [0.0, 0.05, 0.1, 0.9, 0.95, 1.0];
        double[] y = [1.0, 0.95, 1.0, 1.0, 0.95, 1.0];
        var root = SvgDocument.Parse(new Figure(new Axes { YLimits = (0, 1.1) }.Add(new ScatterSeries(x, y) { Label = "points" })).ToSvg());
        var legendBox = SvgDocument.Groups(root, "legend").Single().Elements(SvgDocument.Svg + "rect").First();
        var frame = root.Descendants(SvgDocument.Svg + "rect").Single(r => (string?)r.Attribute("class") == "frame");
        double frameMiddle = (double)frame.Attribute("y")! + (double)frame.Attribute("height")! / 2;
        Assert.True((double)legendBox.Attribute("y")! > frameMiddle);
    }

    [Fact]
    public void Log_axes_skip_non_positive_points()
    {
        var figure = new Figure(new Axes { XScale = AxisScale.Log, YScale = AxisScale.Log }
            .Add(new ScatterSeries([0.0, 1.0, 10.0, 100.0], [1.0, -1.0, 10.0, 100.0])));
        var root = SvgDocument.Parse(figure.ToSvg());
        Assert.Equal(2, SvgDocument.Groups(root, "scatter").Single().Elements(SvgDocument.Svg + "circle").Count());
    }

    [Fact]
    public void Saved_svg_file_is_a_standalone_xml_document()
    {
        string path = Path.Combine(Path.GetTempPath(), $"mlcgmd-figure-{Guid.NewGuid():N}.svg");
        try
        {
            new Figure(new Axes().Add(new LineSeries([0.0, 1.0], [0.0, 1.0]))).Save(path);
            var document = XDocument.Load(path);
            Assert.Equal(SvgDocument.Svg + "svg", document.Root!.Name);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Mismatched_series_inputs_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => new LineSeries([0.0, 1.0], [0.0]));
        Assert.Throws<ArgumentException>(() => new HistogramSeries([0.0, 1.0], [1.0, 2.0]));
        Assert.Throws<ArgumentException>(() => new HeatMapSeries([1.0, 2.0, 3.0], rows: 2, columns: 2));
    }
}
