using System.Xml.Linq;
using MlCgMd.Reports;

namespace MlCgMd.Tests.Reports;

/// <summary>Layout rules that keep figures readable: legends off the data, titles inside their panel, equal aspect, category keys.</summary>
public class FigureLayoutTests
{
    private static (double X, double Y, double Width, double Height) Box(XElement rect) =>
        ((double)rect.Attribute("x")!, (double)rect.Attribute("y")!, (double)rect.Attribute("width")!, (double)rect.Attribute("height")!);

    /// <summary>Centres of the data markers (not the legend's swatches).</summary>
    private static IEnumerable<(double X, double Y)> Markers(XElement root) =>
        SvgDocument.Groups(root, "series", "scatter").SelectMany(g => g.Elements(SvgDocument.Svg + "circle"))
            .Select(c => ((double)c.Attribute("cx")!, (double)c.Attribute("cy")!));

    private static XElement Frame(XElement root) => root.Descendants(SvgDocument.Svg + "rect").Single(r => (string?)r.Attribute("class") == "frame");

    [Fact]
    public void Legend_goes_beside_the_plot_when_every_corner_holds_data()
    {
        // A 12 x 12 grid of points fills the plot: any corner box would hide some.
        var grid = Enumerable.Range(0, 144).ToArray();
        var axes = new Axes().Add(new ScatterSeries(grid.Select(k => (double)(k % 12)).ToList(), grid.Select(k => (double)(k / 12)).ToList()) { Label = "points" })
                             .Add(new LineSeries([0.0, 11.0], [0.0, 11.0]) { Label = "a line" });
        var root = SvgDocument.Parse(new Figure(axes).ToSvg());

        var legend = Box(SvgDocument.Groups(root, "legend").Single().Elements(SvgDocument.Svg + "rect").First());
        var frame = Box(Frame(root));
        Assert.True(legend.X >= frame.X + frame.Width, $"legend at x = {legend.X}, plot ends at {frame.X + frame.Width}");
        Assert.True(legend.X + legend.Width <= 440, "the legend stays inside the panel");
        const double radius = 3.5;
        Assert.DoesNotContain(Markers(root), p => p.X + radius > legend.X && p.X - radius < legend.X + legend.Width &&
                                                  p.Y + radius > legend.Y && p.Y - radius < legend.Y + legend.Height);
    }

    [Fact]
    public void In_a_narrow_panel_a_legend_that_would_hide_data_goes_under_the_plot()
    {
        var grid = Enumerable.Range(0, 144).ToArray();
        var axes = new Axes { XLabel = "step" }
            .Add(new ScatterSeries(grid.Select(k => (double)(k % 12)).ToList(), grid.Select(k => (double)(k / 12)).ToList()) { Label = "train acc_loss" })
            .Add(new LineSeries([0.0, 11.0], [0.0, 11.0]) { Label = "val acc_loss" });
        var root = SvgDocument.Parse(new Figure(axes) { PanelWidth = 260 }.ToSvg());
        var legend = Box(SvgDocument.Groups(root, "legend").Single().Elements(SvgDocument.Svg + "rect").First());
        var frame = Box(Frame(root));
        Assert.True(legend.Y >= frame.Y + frame.Height + 18, "under the plot and its tick labels");
        var xLabel = root.Descendants(SvgDocument.Svg + "text").Single(t => t.Value == "step");
        Assert.True(legend.Y + legend.Height <= (double)xLabel.Attribute("y")! - 11, "above the axis label");
        Assert.True(legend.Y + legend.Height <= 320);
    }

    [Fact]
    public void Legend_stays_in_an_empty_corner_when_there_is_one()
    {
        double[] x = [0, 1, 2, 3, 4, 5], y = [0, 0.2, 0.4, 0.6, 0.8, 1.0];   // a diagonal leaves the top-left and bottom-right empty
        var root = SvgDocument.Parse(new Figure(new Axes().Add(new ScatterSeries(x, y) { Label = "points" })).ToSvg());
        var legend = Box(SvgDocument.Groups(root, "legend").Single().Elements(SvgDocument.Svg + "rect").First());
        var frame = Box(Frame(root));
        Assert.True(legend.X > frame.X && legend.X + legend.Width < frame.X + frame.Width, "inside the plot");
        Assert.DoesNotContain(Markers(root), p => p.X + 3.5 > legend.X && p.X - 3.5 < legend.X + legend.Width &&
                                                  p.Y + 3.5 > legend.Y && p.Y - 3.5 < legend.Y + legend.Height);
    }

    [Fact]
    public void Long_panel_titles_wrap_within_their_own_panel()
    {
        string[] titles = ["Systems stopped by a stability check", "Steps before a stability check stopped the rollout", "Short"];
        var figure = new Figure(titles.Select(t => new Axes { Title = t }.Add(new LineSeries([0.0, 1.0], [0.0, 1.0]))).ToArray())
            { Columns = 3, PanelWidth = 300 };
        var root = SvgDocument.Parse(figure.ToSvg());
        var lines = root.Descendants(SvgDocument.Svg + "text").Where(t => (string?)t.Attribute("class") == "panel-title").ToList();
        Assert.True(lines.Count > titles.Length, "the long titles take more than one line");
        Assert.Equal(string.Join(" ", titles), string.Join(" ", lines.Select(l => l.Value)));
        foreach (var line in lines)
        {
            double centre = (double)line.Attribute("x")!, halfWidth = line.Value.Length * 7.6 / 2;
            int panel = (int)(centre / 300);
            Assert.True(centre - halfWidth >= panel * 300 && centre + halfWidth <= (panel + 1) * 300, $"'{line.Value}' leaves panel {panel}");
        }
        // The plots start below the wrapped titles.
        foreach (var frame in root.Descendants(SvgDocument.Svg + "rect").Where(r => (string?)r.Attribute("class") == "frame"))
        {
            double frameTop = (double)frame.Attribute("y")!, frameLeft = (double)frame.Attribute("x")!;
            var own = lines.Where(l => (int)((double)l.Attribute("x")! / 300) == (int)(frameLeft / 300));
            Assert.All(own, l => Assert.True((double)l.Attribute("y")! < frameTop));
        }
    }

    [Fact]
    public void Equal_aspect_spans_the_same_pixels_per_unit_on_both_axes()
    {
        var axes = new Axes { EqualAspect = true }.Add(new ScatterSeries([0.0, 10.0, 0.0], [0.0, 0.0, 1.0]));
        var points = Markers(SvgDocument.Parse(new Figure(axes).ToSvg())).ToArray();
        double xPerUnit = Math.Abs(points[1].X - points[0].X) / 10, yPerUnit = Math.Abs(points[2].Y - points[0].Y) / 1;
        Assert.Equal(xPerUnit, yPerUnit, 0.02 * xPerUnit);

        var tall = new Axes { EqualAspect = true }.Add(new ScatterSeries([0.0, 1.0, 0.0], [0.0, 0.0, 10.0]));
        var tallPoints = Markers(SvgDocument.Parse(new Figure(tall).ToSvg())).ToArray();
        Assert.Equal(Math.Abs(tallPoints[1].X - tallPoints[0].X), Math.Abs(tallPoints[2].Y - tallPoints[0].Y) / 10, 0.02 * Math.Abs(tallPoints[1].X - tallPoints[0].X));
    }

    [Fact]
    public void Categorical_heat_map_has_a_key_of_its_categories_and_no_colour_bar()
    {
        double nan = double.NaN;
        var heat = new HeatMapSeries([0, 1, nan, 1, 0, nan, nan, nan, 0], rows: 3, columns: 3) { Categories = ["radius edge", "bond"] };
        var root = SvgDocument.Parse(new Figure(new Axes().Add(heat)).ToSvg());
        Assert.Empty(SvgDocument.Groups(root, "colorbar"));
        Assert.Empty(root.Descendants(SvgDocument.Svg + "linearGradient"));
        var key = SvgDocument.Groups(root, "category-key").Single();
        Assert.Equal(["radius edge", "bond"], key.Elements(SvgDocument.Svg + "text").Select(t => t.Value));
        Assert.Equal([Palette.Color(0), Palette.Color(1)], key.Elements(SvgDocument.Svg + "rect").Select(r => (string)r.Attribute("fill")!));
        var cells = SvgDocument.Groups(root, "heatmap").Single().Elements(SvgDocument.Svg + "rect").ToList();
        // Row runs: (0, 1), (1, 0), (0): five cells of category colours, NaN cells blank.
        Assert.Equal(5, cells.Count);
        Assert.All(cells, c => Assert.Contains((string)c.Attribute("fill")!, new[] { Palette.Color(0), Palette.Color(1) }));
    }

    [Fact]
    public void Shared_legend_names_each_series_once_for_all_panels()
    {
        Axes Panel() => new Axes().Add(new LineSeries([0.0, 1.0], [0.0, 1.0]) { Label = "reference MD" })
                                  .Add(new LineSeries([0.0, 1.0], [1.0, 0.0]) { Label = "learned simulator" });
        var root = SvgDocument.Parse(new Figure(Panel(), Panel(), Panel()) { Columns = 3, SharedLegend = true }.ToSvg());
        var legend = SvgDocument.Groups(root, "legend").Single();
        Assert.Contains("shared-legend", (string)legend.Attribute("class")!);
        Assert.Equal(["reference MD", "learned simulator"], legend.Elements(SvgDocument.Svg + "text").Select(t => t.Value));
        double legendBottom = legend.Descendants().Select(e => (double?)e.Attribute("y") ?? (double?)e.Attribute("y1") ?? 0).Max();
        Assert.All(root.Descendants(SvgDocument.Svg + "rect").Where(r => (string?)r.Attribute("class") == "frame"),
            frame => Assert.True((double)frame.Attribute("y")! > legendBottom, "the legend sits above the plots"));
    }

    [Fact]
    public void Equal_aspect_on_a_log_axis_is_rejected()
    {
        var axes = new Axes { EqualAspect = true, XScale = AxisScale.Log }.Add(new ScatterSeries([1.0, 10.0], [1.0, 2.0]));
        Assert.Throws<InvalidOperationException>(() => new Figure(axes).ToSvg());
    }
}
