using MlCgMd.MolecularDynamics;

namespace MlCgMd.Systems;

/// <summary>
/// A chain dataset at one scale tier (data/configs/chain-*.json): force field, chain length,
/// master seed, and the splits. Every chain's sequence and seed follow from the master seed,
/// so any chain can be regenerated (or resumed) on its own.
/// </summary>
public sealed record ChainDatasetConfig(string Tier, string ForceFieldPath, int MonomersPerChain, ulong Seed, IReadOnlyList<DatasetSplit> Splits)
{
    public ForceField LoadForceField() => ForceFieldLoader.Load(ForceFieldPath);

    public DatasetSplit Split(string name) =>
        Splits.FirstOrDefault(s => s.Name == name)
        ?? throw new ArgumentException($"Tier '{Tier}' has no split '{name}' (has: {string.Join(", ", Splits.Select(s => s.Name))}).");

    /// <summary>
    /// The chains of a split, named "{split}_{index:D3}", with their own seeds; a replica split's
    /// chain k has the sequence of chain k of the split it replicates.
    /// </summary>
    public ChainSystemSpec[] Systems(string splitName)
    {
        DatasetSplit split = Split(splitName);
        ulong splitSeed = SplitSeed(split);
        string[] sequences = split.ReplicaOf is { } original
            ? Sequences(Split(original))
            : Sequences(split);
        return sequences
            .Select((sequence, k) => new ChainSystemSpec(
                PolymerSystem.FromSequence($"{split.Name}_{k:D3}", sequence),
                GaussianRandom.DeriveSeed(splitSeed, (ulong)k + 1)))
            .ToArray();
    }

    private ulong SplitSeed(DatasetSplit split) => GaussianRandom.DeriveSeed(Seed, (ulong)Splits.ToList().IndexOf(split));

    private string[] Sequences(DatasetSplit split) => split.Family.Generate(MonomersPerChain, split.Chains, SplitSeed(split));
}
