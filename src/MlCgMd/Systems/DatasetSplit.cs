using MlCgMd.MolecularDynamics;

namespace MlCgMd.Systems;

/// <summary>
/// One split of a chain dataset ("train", "val", "test"): its sequence family, size and MD run.
/// A replica split (<paramref name="ReplicaOf"/> names another split) simulates the same
/// sequences as that split from independent starts and thermostat noise: a second reference
/// run of every polymer, which bounds how well any model can match the first.
/// </summary>
public sealed record DatasetSplit(string Name, int Chains, SequenceFamily Family, MdRunOptions Run, string? ReplicaOf = null);
