using MlCgMd.MolecularDynamics;
using MlCgMd.Systems;

namespace MlCgMd.Tests.MolecularDynamics;

public class EngineDeterminismTests
{
    private static readonly MdRunOptions ShortRun = new(EquilibrationSteps: 500, ProductionSteps: 1_000, RecordEvery: 250, RgEvery: 50);

    [Fact]
    public void The_same_seed_gives_the_same_trajectory_and_another_seed_a_different_one()
    {
        var chain = new ChainSystemSpec(PolymerSystem.FromSequence("det", "AABBABAB"), 99);
        MdTrajectory first = ChainEnsemble.RunOne(chain, MdTestSystems.KremerGrest, ShortRun);
        MdTrajectory again = ChainEnsemble.RunOne(chain, MdTestSystems.KremerGrest, ShortRun);
        MdTrajectory other = ChainEnsemble.RunOne(chain with { Seed = 100 }, MdTestSystems.KremerGrest, ShortRun);
        Assert.Equal(first.Positions, again.Positions);
        Assert.Equal(first.Rg, again.Rg);
        Assert.NotEqual(first.Positions, other.Positions);
    }

    [Fact]
    public void Ensemble_results_do_not_depend_on_the_thread_count()
    {
        var chains = new SequenceFamily(SequenceFamilyKind.Random, 0, 1, 0).Generate(6, 4, 5)
            .Select((s, k) => new ChainSystemSpec(PolymerSystem.FromSequence($"c{k}", s), (ulong)k + 1)).ToArray();
        MdTrajectory[] serial = ChainEnsemble.Run(chains, MdTestSystems.KremerGrest, ShortRun, maxThreads: 1);
        MdTrajectory[] parallel = ChainEnsemble.Run(chains, MdTestSystems.KremerGrest, ShortRun, maxThreads: 2);
        for (int k = 0; k < chains.Length; k++)
            Assert.Equal(serial[k].Positions, parallel[k].Positions);
    }

    [Fact]
    public void Run_records_frames_and_rg_with_the_documented_layout()
    {
        var system = PolymerSystem.FromSequence("layout", "ABAB");
        var engine = new MdEngine(system, MdTestSystems.KremerGrest, SimulationBox.Open, InitialConformation.RandomWalk(system, 1), 1);
        MdTrajectory trajectory = engine.Run(ShortRun);
        Assert.Equal(4, trajectory.FrameCount);
        Assert.Equal(4 * 8 * 3, trajectory.Positions.Length);
        Assert.Equal(20, trajectory.Rg.Length);
        // The last frame is the final state, and its Rg is the last Rg sample.
        Assert.Equal(engine.Positions.ToArray().Select(x => (float)x), trajectory.Positions[^24..]);
        double[] last = trajectory.Positions[^24..].Select(x => (double)x).ToArray();
        Assert.Equal(MlCgMd.Analysis.RadiusOfGyration.Of<double>(last, system.Masses), trajectory.RgAtFrames()[^1], 5);
    }

    [Fact]
    public void Run_options_that_do_not_divide_are_rejected()
    {
        var system = PolymerSystem.FromSequence("bad", "AB");
        var engine = new MdEngine(system, MdTestSystems.KremerGrest, SimulationBox.Open, InitialConformation.RandomWalk(system, 1), 1);
        Assert.Throws<ArgumentOutOfRangeException>(() => engine.Run(new MdRunOptions(0, 1000, 300, 100)));
        Assert.Throws<ArgumentOutOfRangeException>(() => engine.Run(new MdRunOptions(0, 1000, 250, 100)));
    }
}
