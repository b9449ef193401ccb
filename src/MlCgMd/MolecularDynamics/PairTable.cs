using MlCgMd.Systems;

namespace MlCgMd.MolecularDynamics;

/// <summary>
/// Per type-pair LJ coefficients in LAMMPS pair lj/cut form, flattened as [typeA * 4 + typeB]:
/// force/r = r^-8 (Lj1 r^-6 - Lj2), energy = r^-6 (Lj3 r^-6 - Lj4) - Offset, inside CutoffSquared.
/// ListCutoffSquared adds the Verlet skin, so WCA pairs keep short lists.
/// </summary>
internal sealed class PairTable
{
    public readonly double[] Lj1 = new double[16], Lj2 = new double[16], Lj3 = new double[16], Lj4 = new double[16];
    public readonly double[] Offset = new double[16], CutoffSquared = new double[16], ListCutoffSquared = new double[16];

    public PairTable(ForceField forceField)
    {
        for (int a = 0; a < ForceField.TypeCount; a++)
            for (int b = 0; b < ForceField.TypeCount; b++)
            {
                PairParameters p = forceField.Pair(a, b);
                int k = a * ForceField.TypeCount + b;
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
                double listCutoff = p.Cutoff + forceField.NeighborSkin;
                ListCutoffSquared[k] = listCutoff * listCutoff;
            }
    }
}
