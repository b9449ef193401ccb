using MlCgMd.Systems;

namespace MlCgMd.MolecularDynamics;

/// <summary>
/// The reference MD engine for one system: owns positions, velocities and forces ([N*3] doubles,
/// unwrapped, LJ units), advances them with BAOAB Langevin dynamics and records trajectories.
/// Single-threaded and allocation-free per step; deterministic for a given seed.
/// </summary>
public sealed class MdEngine
{
    private readonly ForceEvaluator _forces;
    private readonly LangevinIntegrator _integrator;
    private readonly double[] _forceBuffer;
    private bool _forcesCurrent;

    public MolecularSystem System { get; }
    public ForceField ForceField { get; }
    public SimulationBox Box { get; }

    private readonly double[] _positions;
    private readonly double[] _velocities;

    /// <summary>[N*3], sigma, unwrapped.</summary>
    public ReadOnlySpan<double> Positions => _positions;

    /// <summary>[N*3], sigma/tau.</summary>
    public ReadOnlySpan<double> Velocities => _velocities;

    /// <summary>MD steps taken since construction.</summary>
    public long StepCount { get; private set; }

    /// <summary>Times the Verlet list was rebuilt (a cost diagnostic).</summary>
    public int NeighborListBuilds => _forces.Neighbors.BuildCount;

    /// <param name="positions">[N*3] starting positions (copied)</param>
    /// <param name="seed">thermostat and initial-velocity seed</param>
    public MdEngine(MolecularSystem system, ForceField forceField, SimulationBox box, double[] positions, ulong seed)
    {
        if (positions.Length != 3 * system.BeadCount)
            throw new ArgumentException($"System '{system.Name}': positions has {positions.Length} values, expected N*3 = {3 * system.BeadCount}.");
        System = system;
        ForceField = forceField;
        Box = box;
        _positions = (double[])positions.Clone();
        _velocities = new double[positions.Length];
        _forceBuffer = new double[positions.Length];
        var random = new GaussianRandom(seed);
        for (int i = 0; i < system.BeadCount; i++)
        {
            double scale = Math.Sqrt(forceField.Temperature / system.Masses[i]);
            for (int k = 3 * i; k < 3 * i + 3; k++)
                _velocities[k] = scale * random.NextGaussian();
        }
        _forces = new ForceEvaluator(system, forceField, box);
        _integrator = new LangevinIntegrator(system.Masses, forceField.Temperature, forceField.Damping, forceField.TimeStep, random);
    }

    /// <summary>Potential energy (epsilon) at the current positions; fills <see cref="Forces"/>.</summary>
    public double PotentialEnergy()
    {
        double energy = _forces.Compute(_positions, _forceBuffer, withEnergy: true);
        _forcesCurrent = true;
        return energy;
    }

    /// <summary>Forces [N*3] (epsilon/sigma) at the current positions.</summary>
    public ReadOnlySpan<double> Forces
    {
        get
        {
            EnsureForces();
            return _forceBuffer;
        }
    }

    /// <summary>
    /// Velocities [N*3] right after the thermostat (O) step of the last BAOAB step, v - (dt/2) F/m.
    /// Under BAOAB these are the unbiased thermostat output: the full-step velocities run cold by
    /// about (omega dt)^2/4, about 1.5% for FENE bonds at dt = 0.01.
    /// </summary>
    public void MidStepVelocities(Span<double> destination)
    {
        if (destination.Length != _velocities.Length)
            throw new ArgumentException($"Destination has {destination.Length} values, expected N*3 = {_velocities.Length}.");
        EnsureForces();
        double half = 0.5 * ForceField.TimeStep;
        for (int k = 0; k < _velocities.Length; k++)
            destination[k] = _velocities[k] - half * _forceBuffer[k] / System.Masses[k / 3];
    }

    /// <summary>
    /// Instantaneous kinetic temperature sum m v^2 / (3N) of the mid-step velocities
    /// (<see cref="MidStepVelocities"/>); 3N degrees of freedom since Langevin keeps no momentum constraint.
    /// </summary>
    public double KineticTemperature()
    {
        EnsureForces();
        double half = 0.5 * ForceField.TimeStep;
        double twiceKinetic = 0;
        for (int i = 0; i < System.BeadCount; i++)
        {
            double m = System.Masses[i], kick = half / m;
            for (int k = 3 * i; k < 3 * i + 3; k++)
            {
                double v = _velocities[k] - kick * _forceBuffer[k];
                twiceKinetic += m * v * v;
            }
        }
        return twiceKinetic / (3.0 * System.BeadCount);
    }

    public double RadiusOfGyration() => Analysis.RadiusOfGyration.Of<double>(_positions, System.Masses);

    /// <summary>Advances <paramref name="steps"/> BAOAB steps.</summary>
    public void Step(long steps)
    {
        EnsureForces();
        for (long s = 0; s < steps; s++)
        {
            _integrator.KickDriftThermostatDrift(_positions, _velocities, _forceBuffer);
            _forces.Compute(_positions, _forceBuffer, withEnergy: false);
            _integrator.Kick(_velocities, _forceBuffer);
        }
        StepCount += steps;
    }

    /// <summary>
    /// Equilibrates, then runs production recording frames and Rg. Progress reports the number of
    /// steps done out of equilibration + production.
    /// </summary>
    public MdTrajectory Run(MdRunOptions options, IProgress<long>? progress = null, CancellationToken cancellation = default)
    {
        options.Validate();
        long done = 0;
        long chunk = Math.Max(1, Math.Min(options.EquilibrationSteps, 10_000));
        for (long s = 0; s < options.EquilibrationSteps; s += chunk)
        {
            cancellation.ThrowIfCancellationRequested();
            long n = Math.Min(chunk, options.EquilibrationSteps - s);
            Step(n);
            progress?.Report(done += n);
        }

        int n3 = 3 * System.BeadCount;
        var frames = new float[(long)options.FrameCount * n3];
        var rg = new double[options.RgCount];
        int rgPerFrame = options.RecordEvery / options.RgEvery;
        double temperatureSum = 0;
        for (int r = 0; r < options.RgCount; r++)
        {
            if (r % 64 == 0)
                cancellation.ThrowIfCancellationRequested();
            Step(options.RgEvery);
            rg[r] = RadiusOfGyration();
            temperatureSum += KineticTemperature();
            if ((r + 1) % rgPerFrame == 0)
            {
                long offset = (long)((r + 1) / rgPerFrame - 1) * n3;
                for (int k = 0; k < n3; k++)
                    frames[offset + k] = (float)_positions[k];
                progress?.Report(done += options.RecordEvery);
            }
        }
        return new MdTrajectory(frames, rg, options.FrameCount, System.BeadCount, options.RecordEvery, options.RgEvery,
            ForceField.TimeStep, temperatureSum / options.RgCount);
    }

    private void EnsureForces()
    {
        if (_forcesCurrent) return;
        _forces.Compute(_positions, _forceBuffer, withEnergy: false);
        _forcesCurrent = true;
    }
}
