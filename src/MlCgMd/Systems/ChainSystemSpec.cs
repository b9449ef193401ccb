namespace MlCgMd.Systems;

/// <summary>One chain to simulate: its topology and the seed of its start conformation and thermostat.</summary>
public sealed record ChainSystemSpec(PolymerSystem System, ulong Seed);
