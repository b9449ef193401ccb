namespace MlCgMd.MolecularDynamics;

/// <summary>
/// BAOAB Langevin splitting (Leimkuhler and Matthews 2013): half kick, half drift, exact
/// Ornstein-Uhlenbeck velocity update, half drift, new forces, half kick. Chosen over LAMMPS's
/// fix nve + fix langevin because its configurational averages (Rg) carry only O(dt^2) error;
/// agreement with LAMMPS is statistical, not bitwise. Friction gamma = 1/damping, as in LAMMPS.
/// </summary>
internal sealed class LangevinIntegrator
{
    private readonly double _halfStep;
    private readonly double _decay;
    private readonly double[] _halfKick;   // [N*3] dt/(2m) per component
    private readonly double[] _noiseScale; // [N*3] sqrt((1-c^2) kT/m) per component
    private readonly double[] _noise;      // [N*3] this step's normal deviates
    private readonly GaussianRandom _random;

    /// <param name="masses">[N] bead masses</param>
    public LangevinIntegrator(double[] masses, double temperature, double damping, double timeStep, GaussianRandom random)
    {
        _halfStep = 0.5 * timeStep;
        _decay = Math.Exp(-timeStep / damping);
        double decay = _decay;
        _halfKick = masses.SelectMany(m => Enumerable.Repeat(0.5 * timeStep / m, 3)).ToArray();
        _noiseScale = masses.SelectMany(m => Enumerable.Repeat(Math.Sqrt((1.0 - decay * decay) * temperature / m), 3)).ToArray();
        _noise = new double[3 * masses.Length];
        _random = random;
    }

    /// <summary>B, A, O, A: everything before the new forces. positions, velocities, forces: [N*3].</summary>
    public unsafe void KickDriftThermostatDrift(double[] positions, double[] velocities, double[] forces)
    {
        for (int k = 0; k < _noise.Length; k++)
            _noise[k] = _random.NextGaussian();
        double half = _halfStep, decay = _decay;
        fixed (double* x = positions, v = velocities, f = forces, kick = _halfKick, scale = _noiseScale, noise = _noise)
        {
            for (int k = 0; k < _noise.Length; k++)
            {
                double vk = v[k] + kick[k] * f[k];
                double xk = x[k] + half * vk;
                vk = decay * vk + scale[k] * noise[k];
                x[k] = xk + half * vk;
                v[k] = vk;
            }
        }
    }

    /// <summary>Final B: half kick with the forces at the new positions.</summary>
    public unsafe void Kick(double[] velocities, double[] forces)
    {
        fixed (double* v = velocities, f = forces, kick = _halfKick)
        {
            for (int k = 0; k < _noise.Length; k++)
                v[k] += kick[k] * f[k];
        }
    }
}
