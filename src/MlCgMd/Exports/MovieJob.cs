using System.Globalization;
using MlCgMd.Data;
using MlCgMd.Simulation;

namespace MlCgMd.Exports;

/// <summary>
/// <c>mlcgmd render</c>: one system's rollout beside its reference MD as an animated SVG — the
/// reference on the rollout's CG beads, the learned rollout, and with <c>fine</c> the reference
/// at full resolution first.
/// </summary>
public static class MovieJob
{
    /// <param name="system">system name; null: the first in rollout.json that has the most valid frames</param>
    /// <returns>The SVG text and the system drawn.</returns>
    public static (string Svg, RolloutSystem System) Render(string rolloutDirectory, string? dataDirectory, string? system,
                                                             bool fine, int frames, double secondsPerFrame)
    {
        RolloutManifest manifest = RolloutManifest.Read(rolloutDirectory);
        string data = dataDirectory ?? manifest.DataDirectory;
        if (string.IsNullOrEmpty(data))
            throw new ArgumentException($"{Path.Combine(rolloutDirectory, RolloutManifest.FileName)} names no data_directory; pass --data");
        RolloutSystem chosen = system is null
            ? manifest.Systems.OrderByDescending(s => s.FramesWritten).First()
            : manifest.Systems.FirstOrDefault(s => s.Name == system)
              ?? throw new ArgumentException($"rollout '{rolloutDirectory}' has no system '{system}' " +
                                             $"(it has {string.Join(", ", manifest.Systems.Select(s => s.Name))})");
        if (chosen.FramesWritten < 2)
            throw new InvalidDataException($"system '{chosen.Name}' has {chosen.FramesWritten} saved frame(s); a movie needs 2");
        DatasetInfo? info = DatasetInfo.TryRead(data);
        var reference = new TrajectoryFolder(Path.Combine(data, chosen.Name), manifest.Kind.Schema);
        ExportedTrajectory rollout = ExportSources.Rollout(rolloutDirectory, manifest, chosen, reference, info);
        ExportedTrajectory cgReference = ExportSources.ReferenceOnRolloutBeads(Path.Combine(rolloutDirectory, chosen.File), reference, manifest.Kind, info);
        // A CG bead is drawn with the radius of a ball holding its particles' volume (fine beads: 0.5 σ).
        double cgRadius = 0.5 * Math.Cbrt((double)reference.ReadTopology().ParticleCount / chosen.Beads);
        string learned = manifest.HasScoreGn && manifest.Options.Refine ? "learned + Score GNN" : "learned (no Score GNN)";
        var panels = new List<MoviePanel>();
        if (fine) panels.Add(new MoviePanel("reference MD", ExportSources.ReferenceFine(reference, manifest.Kind, info), 0.5));
        panels.Add(new MoviePanel("reference on CG beads", cgReference, cgRadius));
        panels.Add(new MoviePanel(learned, rollout, cgRadius));
        string fate = chosen.FailedStep is { } failed
            ? string.Create(CultureInfo.InvariantCulture, $"stopped at step {failed}")
            : string.Create(CultureInfo.InvariantCulture, $"{manifest.Options.Steps} steps, stable");
        string svg = RolloutMovie.Render(panels, frames, secondsPerFrame, $"{chosen.Name}: {fate}", clock: rollout);
        return (svg, chosen);
    }
}
