using MlCgMd.Analysis;

namespace MlCgMd.Tests.Analysis;

public class BondedMotionTests
{
    // Three beads, bonds 0-1 and 1-2 given in both directions as CoarseGrainMap stores them.
    private static readonly int[] Chain = [0, 1, 1, 0, 1, 2, 2, 1];

    [Fact]
    public void Beads_moving_together_correlate_fully_and_keep_their_bond_vectors()
    {
        // Frame 0 on the x axis with bonds of 2; frame 1 every bead shifted by (1, -2, 0.5).
        float[] frames = [0, 0, 0, 2, 0, 0, 4, 0, 0, /* */ 1, -2, 0.5f, 3, -2, 0.5f, 5, -2, 0.5f];
        BondedMotion motion = BondedMotion.Measure(frames, 2, 3, Chain, 1)!;
        Assert.Equal((2, 1), (motion.Bonds, motion.Steps));
        Assert.Equal(2, motion.MeanBondLength, 6);
        Assert.Equal(1, motion.DisplacementCorrelation, 6);
        Assert.Equal(0, motion.BondChangeMeanSquare, 6);
    }

    [Fact]
    public void Opposite_moves_anticorrelate_and_the_bond_change_is_the_relative_displacement()
    {
        // Bond 0-1 only; bead 0 moves by +d, bead 1 by -d with d = (0.5, 0, 0): the bond shortens by 1.
        float[] frames = [0, 0, 0, 3, 0, 0, /* */ 0.5f, 0, 0, 2.5f, 0, 0];
        BondedMotion motion = BondedMotion.Measure(frames, 2, 2, [0, 1], 1)!;
        Assert.Equal(-1, motion.DisplacementCorrelation, 6);
        Assert.Equal(1, motion.BondChangeMeanSquare, 6);
        Assert.Equal(2.5, motion.MeanBondLength, 6);        // (3 + 2) / 2
    }

    [Fact]
    public void Independent_random_walkers_correlate_near_zero_and_a_stride_skips_frames()
    {
        var random = new Random(5);
        int beads = 40, frames = 401;
        var x = new float[frames * beads * 3];
        for (int f = 1; f < frames; f++)
            for (int k = 0; k < beads * 3; k++)
                x[f * beads * 3 + k] = x[(f - 1) * beads * 3 + k] + (float)(random.NextDouble() - 0.5);
        int[] bonds = Enumerable.Range(0, beads - 1).SelectMany(i => new[] { i, i + 1 }).ToArray();
        BondedMotion every = BondedMotion.Measure(x, frames, beads, bonds, 1)!;
        BondedMotion fourth = BondedMotion.Measure(x, frames, beads, bonds, 4)!;
        Assert.InRange(every.DisplacementCorrelation, -0.05, 0.05);
        Assert.Equal(100, fourth.Steps);
        // Var of a uniform(-1/2, 1/2) step is 1/12 per axis; a bond vector changes by two of them per axis and frame.
        Assert.Equal(2 * 3 / 12.0, every.BondChangeMeanSquare, 0.05);
        Assert.Equal(4 * every.BondChangeMeanSquare, fourth.BondChangeMeanSquare, 0.15);
    }

    [Fact]
    public void No_bonds_or_too_few_frames_give_no_statistic()
    {
        Assert.Null(BondedMotion.Measure(new float[2 * 2 * 3], 2, 2, [], 1));
        Assert.Null(BondedMotion.Measure(new float[2 * 2 * 3], 2, 2, [0, 1], 2));
    }
}
