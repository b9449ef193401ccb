using MlCgMd.Systems;

namespace MlCgMd.MolecularDynamics;

/// <summary>
/// Per type-pair LJ coefficients in LAMMPS pair lj/cut form, flattened as [typeA * TypeCount + typeB]:
/// force/r = r^-8 (Lj1 r^-6 - Lj2), energy = r^-6 (Lj3 r^-6 - Lj4) - Offset, inside CutoffSquared.
/// ListCutoffSquared adds the Verlet skin to the pair's reach (the LJ cutoff, or the Coulomb
/// cutoff when both types are charged and it is longer), so WCA pairs keep short lists.
/// </summary>
internal sealed class PairTable
{
    public readonly int TypeCount;
    public readonly double[] Lj1, Lj2, Lj3, Lj4, Offset, CutoffSquared, ListCutoffSquared;

    public PairTable(ForceField forceField)
    {
        int n = TypeCount = forceField.TypeCount;
        Lj1 = new double[n * n]; Lj2 = new double[n * n]; Lj3 = new double[n * n]; Lj4 = new double[n * n];
        Offset = new double[n * n]; CutoffSquared = new double[n * n]; ListCutoffSquared = new double[n * n];
        for (int a = 0; a < n; a++)
            for (int b = 0; b < n; b++)
            {
                PairParameters p = forceField.Pair(a, b);
                int k = a * n + b;
                double s6 = Math.Pow(p.Sigma, 6), s12 = s6 * s6;
                Lj1[k] = 48.0 * p.Epsilon * s12;
                Lj2[k] = 24.0 * p.Epsilon * s6;
                Lj3[k] = 4.0 * p.Epsilon * s12;
                Lj4[k] = 4.0 * p.Epsilon * s6;
                if (forceField.ShiftPairEnergy)
                {
                    double ratio6 = Math.Pow(p.Sigma / p.Cutoff, 6);
                    Offset[k] = 4.0 * p.Epsilon * (ratio6 * ratio6 - ratio6);
                }
                CutoffSquared[k] = p.Cutoff * p.Cutoff;
                bool charged = forceField.Species[a].Charge != 0 && forceField.Species[b].Charge != 0;
                double reach = charged && forceField.Coulomb is { } coulomb ? Math.Max(p.Cutoff, coulomb.Cutoff) : p.Cutoff;
                double listCutoff = reach + forceField.NeighborSkin;
                ListCutoffSquared[k] = listCutoff * listCutoff;
            }
    }
}
