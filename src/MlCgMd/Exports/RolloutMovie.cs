using System.Globalization;
using MlCgMd.Reports;

namespace MlCgMd.Exports;

/// <summary>
/// An animated SVG (SMIL <c>&lt;animate&gt;</c>, no script: it plays in browsers and in a GitHub
/// README) of trajectories side by side, as the official README's chain.gif shows a rollout: beads
/// coloured by type, bonds drawn. All panels share one clock, in reference MD steps: at each of
/// <c>frames</c> times spread evenly over the <c>clock</c> trajectory's span (the rollout's), a panel shows its latest frame
/// at or before that time (a reference shorter than the rollout holds its last frame). Each
/// frame is centred on its centre of mass (diffusion of the whole chain is not shown) and
/// projected on the two principal axes of the panel's first frame, one length scale for all panels.
/// </summary>
public static class RolloutMovie
{
    private const double PanelSize = 280, TitleHeight = 28, FooterHeight = 46, Margin = 12;

    public static string Render(IReadOnlyList<MoviePanel> panels, int frames, double secondsPerFrame, string caption,
                                ExportedTrajectory clock)
    {
        if (panels.Count == 0) throw new ArgumentException("a movie needs at least one panel");
        if (frames < 2) throw new ArgumentException($"a movie needs at least 2 frames, got {frames}");
        if (!(secondsPerFrame > 0)) throw new ArgumentException($"seconds per frame must be positive, got {secondsPerFrame}");
        long start = clock.MdSteps[0], end = clock.MdSteps[^1];
        long[] times = Enumerable.Range(0, frames).Select(k => start + (long)Math.Round((end - start) * (double)k / (frames - 1))).ToArray();

        var projected = panels.Select(p => Project(p.Trajectory, times)).ToList();    // per panel: [frames][atoms, 2]
        double reach = panels.Select((p, i) => projected[i].SelectMany(f => f).Max(Math.Abs) + p.BeadRadius).Max();
        double pixelsPerSigma = (PanelSize / 2 - Margin) / Math.Max(reach, 1e-9);
        string duration = Invariant($"{frames * secondsPerFrame:0.###}s");

        double width = PanelSize * panels.Count, height = TitleHeight + PanelSize + FooterHeight;
        var svg = new SvgWriter();
        svg.Open("svg", ("xmlns", "http://www.w3.org/2000/svg"), ("width", width), ("height", height),
            ("viewBox", Invariant($"0 0 {width} {height}")), ("font-family", "sans-serif"), ("font-size", 13));
        svg.Element("rect", ("width", width), ("height", height), ("fill", "#ffffff"));
        for (int p = 0; p < panels.Count; p++)
            DrawPanel(svg, panels[p], projected[p], p * PanelSize, pixelsPerSigma, duration);
        DrawClock(svg, clock, start, end, width, duration, caption);
        svg.Close();
        return svg.ToString();
    }

    private static void DrawPanel(SvgWriter svg, MoviePanel panel, List<double[]> frames, double left, double pixelsPerSigma,
                                  string duration)
    {
        ExportedTrajectory t = panel.Trajectory;
        double cx = left + PanelSize / 2, cy = TitleHeight + PanelSize / 2;
        svg.TextElement("text", panel.Title, ("x", cx), ("y", 19), ("text-anchor", "middle"), ("font-weight", "bold"));
        svg.Element("rect", ("x", left + 4), ("y", TitleHeight), ("width", PanelSize - 8), ("height", PanelSize),
            ("fill", "none"), ("stroke", "#cccccc"));
        string X(double[] f, int atom) => Coordinate(cx + f[2 * atom] * pixelsPerSigma);
        string Y(double[] f, int atom) => Coordinate(cy - f[2 * atom + 1] * pixelsPerSigma);

        foreach (int[] run in BondRuns(t.Bonds))
        {
            string Path(double[] f) => "M" + string.Join(" L", run.Select(a => X(f, a) + " " + Y(f, a)));
            svg.Open("path", ("d", Path(frames[0])), ("fill", "none"), ("stroke", "#555555"), ("stroke-width", 1.5),
                ("stroke-linejoin", "round"));
            Animate(svg, "d", frames.Select(Path), duration);
            svg.Close();
        }
        double radius = Math.Max(panel.BeadRadius * pixelsPerSigma, 1.5);
        for (int atom = 0; atom < t.AtomCount; atom++)
        {
            svg.Open("circle", ("cx", X(frames[0], atom)), ("cy", Y(frames[0], atom)), ("r", radius),
                ("fill", Palette.Color(t.AtomTypes[atom])), ("stroke", "#222222"), ("stroke-width", 0.5), ("fill-opacity", 0.9));
            Animate(svg, "cx", frames.Select(f => X(f, atom)), duration);
            Animate(svg, "cy", frames.Select(f => Y(f, atom)), duration);
            svg.Close();
        }
        var types = t.AtomTypes.Zip(t.AtomNames).DistinctBy(x => x.First).OrderBy(x => x.First).ToList();
        for (int k = 0; k < types.Count; k++)
        {
            double x = left + 14 + 62 * k, y = TitleHeight + PanelSize - 12;
            svg.Element("circle", ("cx", x), ("cy", y - 4), ("r", 5), ("fill", Palette.Color(types[k].First)));
            svg.TextElement("text", types[k].Second, ("x", x + 8), ("y", y), ("font-size", 11));
        }
    }

    private static void DrawClock(SvgWriter svg, ExportedTrajectory clock, long start, long end, double width, string duration,
                                  string caption)
    {
        double y = TitleHeight + PanelSize + 10, barWidth = width - 2 * Margin;
        svg.Element("rect", ("x", Margin), ("y", y), ("width", barWidth), ("height", 6), ("fill", "#eeeeee"));
        svg.Open("rect", ("x", Margin), ("y", y), ("width", 0), ("height", 6), ("fill", "#0072b2"));
        Animate(svg, "width", [Coordinate(0), Coordinate(barWidth)], duration);
        svg.Close();
        string unit = clock.MdTimeStep is { } dt ? Invariant($"{(end - start) * dt:G4} τ") : $"{end - start} recorded frames";
        svg.TextElement("text", $"{caption} — {unit} shown", ("x", Margin), ("y", y + 26), ("font-size", 12));
    }

    private static void Animate(SvgWriter svg, string attribute, IEnumerable<string> values, string duration) =>
        svg.Element("animate", ("attributeName", attribute), ("values", string.Join(";", values)), ("dur", duration),
            ("repeatCount", "indefinite"));

    /// <summary>
    /// Per movie time, the 2-D positions [atoms, 2] (σ) of the panel's latest frame at or before it,
    /// centred on the frame's centre of mass and projected on the first frame's two principal axes.
    /// </summary>
    private static List<double[]> Project(ExportedTrajectory t, long[] times)
    {
        var (u, v) = PrincipalAxes(Centred(t, 0));
        var result = new List<double[]>(times.Length);
        int frame = 0;
        foreach (long time in times)
        {
            while (frame + 1 < t.FrameCount && t.MdSteps[frame + 1] <= time) frame++;
            double[] centred = Centred(t, frame);
            var flat = new double[2 * t.AtomCount];
            for (int a = 0; a < t.AtomCount; a++)
                for (int d = 0; d < 3; d++)
                {
                    flat[2 * a] += centred[3 * a + d] * u[d];
                    flat[2 * a + 1] += centred[3 * a + d] * v[d];
                }
            result.Add(flat);
        }
        return result;
    }

    private static double[] Centred(ExportedTrajectory t, int frame)
    {
        float[] positions = t.Frame(frame);
        var centred = new double[positions.Length];
        for (int d = 0; d < 3; d++)
        {
            double mean = 0;
            for (int a = 0; a < t.AtomCount; a++) mean += positions[3 * a + d];
            mean /= t.AtomCount;
            for (int a = 0; a < t.AtomCount; a++) centred[3 * a + d] = positions[3 * a + d] - mean;
        }
        return centred;
    }

    /// <summary>The two leading eigenvectors of the gyration tensor (power iteration with deflation; x and y when degenerate).</summary>
    private static (double[] U, double[] V) PrincipalAxes(double[] centred)
    {
        var c = new double[3, 3];
        for (int a = 0; a < centred.Length / 3; a++)
            for (int i = 0; i < 3; i++)
                for (int j = 0; j < 3; j++)
                    c[i, j] += centred[3 * a + i] * centred[3 * a + j];
        double[] Leading(double[] start, double[]? orthogonalTo)
        {
            double[] x = start;
            for (int iteration = 0; iteration < 200; iteration++)
            {
                var y = new double[3];
                for (int i = 0; i < 3; i++)
                    for (int j = 0; j < 3; j++) y[i] += c[i, j] * x[j];
                if (orthogonalTo is not null)
                {
                    double dot = y.Zip(orthogonalTo, (p, q) => p * q).Sum();
                    for (int i = 0; i < 3; i++) y[i] -= dot * orthogonalTo[i];
                }
                double norm = Math.Sqrt(y.Sum(e => e * e));
                if (norm < 1e-12) return start;
                x = y.Select(e => e / norm).ToArray();
            }
            return x;
        }
        double[] u = Leading([1, 0.3, 0.1], null);
        double[] v = Leading([0.1, 1, 0.3], u);
        double overlap = u.Zip(v, (p, q) => p * q).Sum();
        if (Math.Abs(overlap) > 1e-6) (u, v) = ([1, 0, 0], [0, 1, 0]);
        return (u, v);
    }

    /// <summary>Bonds joined into paths wherever one bond starts where the previous ended (a chain becomes one path).</summary>
    private static List<int[]> BondRuns(int[] bonds)
    {
        var runs = new List<int[]>();
        var current = new List<int>();
        for (int b = 0; b < bonds.Length; b += 2)
        {
            if (current.Count > 0 && current[^1] != bonds[b])
            {
                runs.Add(current.ToArray());
                current.Clear();
            }
            if (current.Count == 0) current.Add(bonds[b]);
            current.Add(bonds[b + 1]);
        }
        if (current.Count > 0) runs.Add(current.ToArray());
        return runs;
    }

    private static string Coordinate(double value) => Math.Round(value, 1).ToString("0.#", CultureInfo.InvariantCulture);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
