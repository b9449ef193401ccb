using MlCgMd.Systems;

namespace MlCgMd.MolecularDynamics;

/// <summary>
/// Runs many independent chains across cores (Parallel.For over chains). Each chain has its own
/// seeded start and thermostat, so the trajectories are the same whatever the thread count or order.
/// </summary>
public static class ChainEnsemble
{
    /// <param name="onChainDone">called (from worker threads) with the chain index and its trajectory,
    /// e.g. to write it to disk at once so that an interrupted generation can resume</param>
    public static MdTrajectory[] Run(IReadOnlyList<ChainSystemSpec> chains, ForceField forceField, MdRunOptions options,
        int maxThreads, Action<int, MdTrajectory>? onChainDone = null, CancellationToken cancellation = default)
    {
        options.Validate();
        var results = new MdTrajectory[chains.Count];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, maxThreads), CancellationToken = cancellation };
        Parallel.For(0, chains.Count, parallel, k =>
        {
            results[k] = RunOne(chains[k], forceField, options, cancellation: cancellation);
            onChainDone?.Invoke(k, results[k]);
        });
        return results;
    }

    /// <summary>One chain in open boundaries from its seeded self-avoiding random-walk start.</summary>
    public static MdTrajectory RunOne(ChainSystemSpec chain, ForceField forceField, MdRunOptions options,
        IProgress<long>? progress = null, CancellationToken cancellation = default)
    {
        double[] start = InitialConformation.RandomWalk(chain.System, chain.Seed);
        var engine = new MdEngine(chain.System, forceField, SimulationBox.Open, start, GaussianRandom.DeriveSeed(chain.Seed, 1));
        return engine.Run(options, progress, cancellation);
    }
}
