using System.Xml.Linq;
using MlCgMd.Exports;
using MlCgMd.Simulation;
using MlCgMd.Tests.Data;

namespace MlCgMd.Tests.Exports;

public sealed class RolloutMovieTests : IDisposable
{
    private readonly ScratchDirectory scratch = new();
    private readonly string data, rollout;

    public RolloutMovieTests() => (data, rollout) = TinyRollout.Write(scratch.Path);

    public void Dispose() => scratch.Dispose();

    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    [Fact]
    public void A_movie_animates_every_bead_and_bond_of_each_panel_over_the_requested_frames()
    {
        var (svg, system) = MovieJob.Render(rollout, data, system: null, fine: true, frames: 7, secondsPerFrame: 0.2);
        var document = XDocument.Parse(svg);
        // The default system is the one with the most valid frames (the other was stopped after 3).
        Assert.Equal(RolloutManifest.Read(rollout).Systems[1].Name, system.Name);
        List<XElement> animations = document.Descendants(Svg + "animate").ToList();
        Assert.All(animations, a =>
        {
            Assert.Equal(a.Attribute("attributeName")!.Value == "width" ? 2 : 7, a.Attribute("values")!.Value.Split(';').Length);
            Assert.Equal("1.4s", a.Attribute("dur")!.Value);
        });
        // Panels: fine reference (24 particles, one chain path), CG reference and rollout (4 beads, one path each).
        List<XElement> beads = document.Descendants(Svg + "circle").Where(c => c.Elements(Svg + "animate").Any()).ToList();
        Assert.Equal(24 + 4 + 4, beads.Count);
        Assert.Equal(3, document.Descendants(Svg + "path").Count(p => p.Elements(Svg + "animate").Any()));
        Assert.Equal(["reference MD", "reference on CG beads", "learned (no Score GNN)"],
            document.Descendants(Svg + "text").Where(t => t.Attribute("font-weight") is not null).Select(t => t.Value));
    }

    [Fact]
    public void Beads_are_coloured_by_type_and_a_system_without_two_frames_is_refused()
    {
        var (svg, _) = MovieJob.Render(rollout, data, system: null, fine: false, frames: 4, secondsPerFrame: 0.1);
        var fills = XDocument.Parse(svg).Descendants(Svg + "circle").Where(c => c.Elements(Svg + "animate").Any())
            .Select(c => c.Attribute("fill")!.Value).ToHashSet();
        Assert.True(fills.Count >= 1 && fills.All(f => f.StartsWith('#')));

        RolloutManifest manifest = RolloutManifest.Read(rollout);
        manifest.Systems[0].FramesWritten = 1;
        manifest.Write(rollout);
        var error = Assert.Throws<InvalidDataException>(() =>
            MovieJob.Render(rollout, data, manifest.Systems[0].Name, fine: false, frames: 4, secondsPerFrame: 0.1));
        Assert.Contains("a movie needs 2", error.Message);
    }
}
