namespace MlCgMd.Data;

/// <summary>The static part of a trajectory: what each particle is and which are bonded.</summary>
/// <param name="ParticleTypes">Type id per particle, [particles].</param>
/// <param name="Bonds">0-based particle index pairs, [bonds, 2] row-major, each bond stored once.</param>
public sealed record TrajectoryTopology(int[] ParticleTypes, int[] Bonds)
{
    public int ParticleCount => ParticleTypes.Length;

    public int BondCount => Bonds.Length / 2;
}
