using MlCgMd.Model;

namespace MlCgMd.Tests.Model;

public class RefinementOptionsTests
{
    [Fact]
    public void Constant_schedule_takes_the_same_step_at_every_level()
    {
        var options = new RefinementOptions(true, 5, 1e-4, RefinementOptions.Constant);
        Assert.Equal(1e-4, options.StepAt(10, 0.01));
        Assert.Equal(1e-4, options.StepAt(0.01, 0.01));
    }

    [Fact]
    public void Sigma_squared_schedule_scales_the_step_with_the_noise_variance()
    {
        var options = new RefinementOptions(true, 5, 2e-5, RefinementOptions.SigmaSquared);
        Assert.Equal(2e-5, options.StepAt(0.01, 0.01), 12);          // ε at the smallest level
        Assert.Equal(2e-5 * 1e4, options.StepAt(1.0, 0.01), 12);     // (1/0.01)² larger at σ = 1
    }

    [Fact]
    public void Unknown_schedule_is_rejected_by_the_config_with_its_field_name()
    {
        var config = ModelConfig.PaperBattery() with { StepSizeSchedule = "linear" };
        var error = Assert.ThrowsAny<Exception>(() => config.Validate());
        Assert.Contains("step_size_schedule", error.Message);
    }
}
