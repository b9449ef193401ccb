using MlCgMd.Analysis;

namespace MlCgMd.Tests.Analysis;

public class StructureMonitorTests
{
    // Four beads on the x axis at 0, 1, 2.5, 10 (frame 0), then all at spacing 0.5 (frame 1).
    private static readonly PositionFrames Line = new(
        [0, 0, 0, 1, 0, 0, 2.5f, 0, 0, 10, 0, 0,
         0, 0, 0, 0.5f, 0, 0, 1, 0, 0, 1.5f, 0, 0],
        particleCount: 4);

    [Fact]
    public void Contact_map_of_a_hand_configuration()
    {
        var map = ContactMap.Compute(Line, cutoff: 1.6);
        // Frame 0 contacts: (0,1), (1,2). Frame 1: every pair except (0,3) at 1.5 < 1.6 -> all pairs.
        Assert.Equal(1.0, map[0, 1]);
        Assert.Equal(1.0, map[1, 2]);
        Assert.Equal(0.5, map[0, 2]);
        Assert.Equal(0.5, map[2, 3]);
        Assert.Equal(0.5, map[0, 3]);
        Assert.Equal(map[2, 0], map[0, 2]);
        Assert.Equal(0.0, map[1, 1]);

        var skipNeighbours = ContactMap.Compute(Line, cutoff: 1.6, minSeparation: 2);
        Assert.Equal(0.0, skipNeighbours[0, 1]);
        Assert.Equal(0.5, skipNeighbours[0, 2]);
    }

    [Fact]
    public void Contact_map_difference_is_the_mean_over_counted_pairs()
    {
        var full = ContactMap.Compute(Line, cutoff: 1.6, minSeparation: 2);
        var firstFrame = ContactMap.Compute(new PositionFrames(Line.Frame(0).ToArray(), 4), cutoff: 1.6, minSeparation: 2);
        // Pairs (0,2), (0,3), (1,3): 0.5 vs 0 each.
        Assert.Equal(0.5, full.MeanAbsoluteDifference(firstFrame), 12);
        Assert.Throws<ArgumentException>(() => full.MeanAbsoluteDifference(ContactMap.Compute(Line, cutoff: 1.6)));
    }

    [Fact]
    public void Bond_lengths_of_a_chain_over_frames()
    {
        var lengths = BondLengths.Compute(Line, BondLengths.ChainBonds(4));
        Assert.Equal([1.0, 1.5, 7.5, 0.5, 0.5, 0.5], lengths);
    }
}
