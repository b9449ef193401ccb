namespace MlCgMd.Reports;

/// <summary>
/// A figure: one or more <see cref="Axes"/> panels laid out in a grid of <see cref="Columns"/> columns
/// (row by row), rendered to a standalone SVG document. Rendering is deterministic: the same figure gives the same bytes.
/// </summary>
public sealed class Figure
{
    public string? Title { get; init; }

    public int Columns { get; init; } = 1;

    /// <summary>Size of each panel in px, including its margins for labels.</summary>
    public double PanelWidth { get; init; } = 440;

    public double PanelHeight { get; init; } = 320;

    /// <summary>
    /// One legend for the whole figure, under its title, instead of one per panel: for small multiples whose panels
    /// draw the same series (one entry per distinct label).
    /// </summary>
    public bool SharedLegend { get; init; }

    public List<Axes> Panels { get; } = [];

    public Figure(params Axes[] panels) => Panels.AddRange(panels);

    public int Rows => (Panels.Count + Columns - 1) / Columns;

    /// <summary>Adds a panel and returns this figure, for chaining.</summary>
    public Figure Add(Axes panel)
    {
        ArgumentNullException.ThrowIfNull(panel);
        Panels.Add(panel);
        return this;
    }

    /// <summary>
    /// The &lt;svg&gt; element (no XML declaration, so it can be inlined in HTML). Element ids start with
    /// <paramref name="idPrefix"/>; give each figure of one HTML page a different prefix.
    /// </summary>
    public string ToSvg(string idPrefix = "figure") => FigureRenderer.Render(this, idPrefix);

    /// <summary>Writes a standalone .svg file atomically.</summary>
    public void Save(string path) =>
        MlCgMd.Data.AtomicFile.WriteText(path, w => w.Write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + ToSvg()));
}
