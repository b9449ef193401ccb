namespace MlCgMd.Systems;

/// <summary>
/// Damped shifted-force Coulomb (Fennell and Gezelter, J. Chem. Phys. 124, 234104, 2006), the form
/// of LAMMPS pair_style lj/cut/coul/dsf. With prefactor C = BjerrumLength * kT (so that two unit
/// charges at distance l_B interact with kT) and r &lt; Cutoff:
///   E(r) = C q_i q_j [erfc(alpha r)/r - erfc(alpha rc)/rc + (r - rc) (erfc(alpha rc)/rc^2 + 2 alpha/sqrt(pi) exp(-alpha^2 rc^2)/rc)],
/// both E and the force vanish at rc, plus LAMMPS's self energy -C q_i^2 (e_shift/2 + alpha/sqrt(pi)) per particle, with
/// e_shift = erfc(alpha rc)/rc + rc F and F = erfc(alpha rc)/rc^2 + 2 alpha/sqrt(pi) exp(-alpha^2 rc^2)/rc.
/// Lengths in sigma, Alpha in 1/sigma.
/// </summary>
public sealed record CoulombParameters(double BjerrumLength, double Alpha, double Cutoff)
{
    /// <summary>C in E = C q_i q_j / r, epsilon sigma, for thermostat temperature kT (epsilon).</summary>
    public double Prefactor(double temperature) => BjerrumLength * temperature;
}
