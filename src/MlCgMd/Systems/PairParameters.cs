namespace MlCgMd.Systems;

/// <summary>
/// Lennard-Jones parameters of one unordered type pair (LAMMPS pair_style lj/cut, per-pair cutoff):
/// epsilon (LJ energy units), sigma and cutoff (sigma units). With energy shifting the potential is
/// 4 eps[(s/r)^12-(s/r)^6] - E(cutoff) for r &lt; cutoff, zero beyond; a cutoff of 2^(1/6) s is WCA.
/// </summary>
public sealed record PairParameters(double Epsilon, double Sigma, double Cutoff);
