using MlCgMd.MolecularDynamics;

namespace MlCgMd.Systems;

/// <summary>One split of a chain dataset ("train", "val", "test"): its sequence family, size and MD run.</summary>
public sealed record DatasetSplit(string Name, int Chains, SequenceFamily Family, MdRunOptions Run);
