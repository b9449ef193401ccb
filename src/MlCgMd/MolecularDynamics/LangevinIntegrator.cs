namespace MlCgMd.MolecularDynamics;

/// <summary>
/// BAOAB Langevin splitting (Leimkuhler and Matthews 2013): half kick, half drift, exact
/// Ornstein-Uhlenbeck velocity update, half drift, new forces, half kick. Chosen over LAMMPS's
/// fix nve + fix langevin because its configurational averages (Rg) carry only O(dt^2) error;
/// agreement with LAMMPS is statistical, not bitwise. Friction gamma = 1/damping, as in LAMMPS.
/// </summary>
internal sealed class LangevinIntegrator
{
    private readonly double _timeStep;
    private readonly double _decay;
    private readonly double[] _inverseMass;
    private readonly double[] _noiseScale;
    private readonly GaussianRandom _random;

    /// <param name="masses">[N] bead masses</param>
    public LangevinIntegrator(double[] masses, double temperature, double damping, double timeStep, GaussianRandom random)
    {
        _timeStep = timeStep;
        _decay = Math.Exp(-timeStep / damping);
        _inverseMass = masses.Select(m => 1.0 / m).ToArray();
        _noiseScale = masses.Select(m => Math.Sqrt((1.0 - _decay * _decay) * temperature / m)).ToArray();
        _random = random;
    }

    /// <summary>B, A, O, A: everything before the new forces. positions, velocities, forces: [N*3].</summary>
    public void KickDriftThermostatDrift(double[] positions, double[] velocities, double[] forces)
    {
        double half = 0.5 * _timeStep;
        for (int i = 0; i < _inverseMass.Length; i++)
        {
            double kick = half * _inverseMass[i], noise = _noiseScale[i];
            for (int k = 3 * i; k < 3 * i + 3; k++)
            {
                double v = velocities[k] + kick * forces[k];
                positions[k] += half * v;
                v = _decay * v + noise * _random.NextGaussian();
                positions[k] += half * v;
                velocities[k] = v;
            }
        }
    }

    /// <summary>Final B: half kick with the forces at the new positions.</summary>
    public void Kick(double[] velocities, double[] forces)
    {
        double half = 0.5 * _timeStep;
        for (int i = 0; i < _inverseMass.Length; i++)
        {
            double kick = half * _inverseMass[i];
            velocities[3 * i] += kick * forces[3 * i];
            velocities[3 * i + 1] += kick * forces[3 * i + 1];
            velocities[3 * i + 2] += kick * forces[3 * i + 2];
        }
    }
}
