using MlCgMd.Reports;

namespace MlCgMd.Tests.Reports;

public class TicksTests
{
    [Fact]
    public void Linear_ticks_use_nice_steps_and_cover_the_data()
    {
        var ticks = Ticks.Linear(0.13, 9.7);
        Assert.Equal([0.0, 2, 4, 6, 8, 10], ticks.Values);
        Assert.Equal(["0", "2", "4", "6", "8", "10"], ticks.Labels);
        Assert.Equal(0, ticks.Lower);
        Assert.Equal(10, ticks.Upper);
    }

    [Fact]
    public void Small_steps_get_decimals()
    {
        var ticks = Ticks.Linear(-0.2, 1.0);
        Assert.Equal(["-0.2", "0.0", "0.2", "0.4", "0.6", "0.8", "1.0"], ticks.Labels);
    }

    [Fact]
    public void Log_ticks_sit_on_decades_with_2_and_5_for_short_ranges()
    {
        Assert.Equal([1.0, 10, 100, 1000, 10000], Ticks.Log(3, 4000).Values);
        var shortRange = Ticks.Log(3, 30);
        Assert.Equal([2.0, 5, 10, 20, 50], shortRange.Values);
        Assert.Equal((2.0, 50.0), (shortRange.Lower, shortRange.Upper));
        Assert.Equal(["10⁵", "10⁶", "10⁷", "10⁸"], Ticks.Log(1e5, 1e8).Labels);
        Assert.Equal(["10⁻⁵", "2×10⁻⁵", "5×10⁻⁵", "10⁻⁴"], Ticks.Log(1e-5, 1e-4).Labels);
        Assert.Equal(["0.01", "0.1", "1", "10", "100", "1000"], Ticks.Log(0.01, 1000).Labels);
    }

    [Theory]
    [InlineData(0.7, 0.5)]
    [InlineData(1.3, 1)]
    [InlineData(1.5, 2)]
    [InlineData(3, 2)]
    [InlineData(4, 5)]
    [InlineData(7.5, 10)]
    [InlineData(0.0021, 0.002)]
    public void Nice_step_is_the_nearest_1_2_or_5_times_a_power_of_ten(double rough, double expected)
    {
        Assert.Equal(expected, Ticks.NiceStep(rough), 12);
    }

    [Fact]
    public void Viridis_runs_from_purple_to_yellow()
    {
        Assert.Equal("#440154", Colormap.Viridis.Map(0));
        Assert.Equal("#fde725", Colormap.Viridis.Map(1));
        Assert.Equal("#fde725", Colormap.Viridis.Map(2));
    }

    [Fact]
    public void Degenerate_ranges_get_a_padded_axis()
    {
        var single = Ticks.Linear(5, 5);
        Assert.True(single.Lower < 5 && single.Upper > 5);
        var roundOff = Ticks.Linear(1e17, 1e17 + 16);
        Assert.True(roundOff.Values.Length is > 1 and < 20);
    }
}
