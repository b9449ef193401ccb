using MlCgMd.Analysis;

namespace MlCgMd.Tests.Analysis;

public class RadiusOfGyrationTests
{
    [Fact]
    public void Points_on_a_ring_of_radius_R_have_Rg_R()
    {
        const double radius = 2.5;
        const int points = 12;
        var frame = new double[points * 3];
        for (int i = 0; i < points; i++)
        {
            double angle = 2 * Math.PI * i / points;
            frame[3 * i] = 7 + radius * Math.Cos(angle);
            frame[3 * i + 1] = -3 + radius * Math.Sin(angle);
            frame[3 * i + 2] = 1;
        }
        Assert.Equal(radius, RadiusOfGyration.Of<double>(frame), 12);
    }

    [Fact]
    public void Two_points_a_distance_d_apart_have_Rg_d_over_2()
    {
        float[] frame = [1, 2, 3, 1, 2, 7];
        Assert.Equal(2.0, RadiusOfGyration.Of<float>(frame), 6);
    }

    [Fact]
    public void Weights_shift_the_centre_of_mass()
    {
        // Masses 3 and 1 at distance 4: com at 1 from the heavy bead, Rg^2 = (3*1 + 1*9) / 4 = 3.
        double[] frame = [0, 0, 0, 4, 0, 0];
        Assert.Equal(3.0, RadiusOfGyration.Squared<double>(frame, [3.0, 1.0]), 12);
    }

    [Fact]
    public void Per_frame_values_follow_each_frame()
    {
        var trajectory = new PositionFrames([0, 0, 0, 2, 0, 0, /* frame 1 */ 0, 0, 0, 0, 6, 0], particleCount: 2);
        Assert.Equal([1.0, 9.0], RadiusOfGyration.SquaredPerFrame(trajectory));
        Assert.Equal([1.0, 3.0], RadiusOfGyration.PerFrame(trajectory));
    }

    [Fact]
    public void Bad_shapes_are_rejected_with_the_expected_shape()
    {
        var error = Assert.Throws<ArgumentException>(() => new PositionFrames(new float[10], particleCount: 2));
        Assert.Contains("[frames, 2, 3]", error.Message);
        Assert.Throws<ArgumentException>(() => RadiusOfGyration.Squared<double>(new double[6], [1.0]));
    }
}
