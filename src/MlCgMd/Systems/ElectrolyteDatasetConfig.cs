using MlCgMd.MolecularDynamics;

namespace MlCgMd.Systems;

/// <summary>One split of an electrolyte dataset: its compositions (one trajectory each) and the MD run.</summary>
/// <param name="Run">equilibration and production steps and the recording interval; RgEvery is unused (= RecordEvery)</param>
public sealed record ElectrolyteSplit(string Name, IReadOnlyList<ElectrolyteComposition> Compositions, MdRunOptions Run);

/// <summary>
/// An electrolyte dataset at one scale tier (data/configs/electrolyte-*.json, format in
/// data/configs/README.md): force field, master seed and splits of compositions. Each
/// composition's seed follows from the master seed and its position, so any system can be
/// regenerated (or resumed) on its own; splits hold distinct compositions, so test compositions are unseen.
/// </summary>
public sealed record ElectrolyteDatasetConfig(string Tier, string ForceFieldPath, ulong Seed, IReadOnlyList<ElectrolyteSplit> Splits)
{
    /// <summary>The value of the config's "system" field.</summary>
    public const string SystemName = "electrolyte";

    public ForceField LoadForceField() => ForceFieldLoader.Load(ForceFieldPath);

    public ElectrolyteSplit Split(string name) =>
        Splits.FirstOrDefault(s => s.Name == name)
        ?? throw new ArgumentException($"Tier '{Tier}' has no split '{name}' (has: {string.Join(", ", Splits.Select(s => s.Name))}).");

    /// <summary>The seed of composition k of split s (packing, velocities and thermostat).</summary>
    public ulong SystemSeed(ElectrolyteSplit split, int k) =>
        GaussianRandom.DeriveSeed(GaussianRandom.DeriveSeed(Seed, (ulong)Splits.ToList().IndexOf(split)), (ulong)k + 1);
}
