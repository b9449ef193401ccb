using MlCgMd.Torch.Optim;

namespace MlCgMd.Torch.Tests;

public class SchedulerTests
{
    /// <summary>Returns the rate after construction and after each of <paramref name="steps"/> steps.</summary>
    private static double[] Rates(double lr, Func<Optimizer, LRScheduler> make, int steps)
    {
        using var p = new Parameter(torch.zeros(1));
        using var optimizer = new SGD([p], lr);
        LRScheduler scheduler = make(optimizer);
        var rates = new List<double> { scheduler.get_last_lr() };
        for (int i = 0; i < steps; i++)
        {
            scheduler.step();
            Assert.Equal(scheduler.get_last_lr(), optimizer.lr);
            rates.Add(scheduler.get_last_lr());
        }
        return rates.ToArray();
    }

    [Fact]
    public void Decay_to_floor_follows_the_official_formula_with_pytorch_step_counting()
    {
        const double lr0 = 2e-4, floor = 2e-6;
        double[] rates = Rates(lr0, o => new ExponentialDecayToFloor(o), 3);
        // Construction counts as step 1, so the k-th optimizer step uses exponent (k + 1) / 2e6.
        for (int k = 0; k < rates.Length; k++)
            Assert.Equal(floor + (lr0 - floor) * Math.Pow(0.1, (k + 1) / 2e6), rates[k]);
    }

    [Fact]
    public void Decay_to_floor_reproduces_values_recorded_from_the_official_pytorch_class()
    {
        // graphwm.common.CustomScheduleLR(Adam(lr=1e-4), 2e-6, 2e6, 0.1) under PyTorch 1.13.
        double[] official = [9.99998871733954e-05, 9.999977434692068e-05, 9.999966152057587e-05, 9.999954869436095e-05];
        Assert.Equal(official, Rates(1e-4, o => new ExponentialDecayToFloor(o), 3));
    }

    [Fact]
    public void Decay_to_floor_reaches_a_tenth_of_the_span_after_decay_steps()
    {
        using var p = new Parameter(torch.zeros(1));
        using var optimizer = new SGD([p], 1e-4);
        var scheduler = new ExponentialDecayToFloor(optimizer, min_lr: 2e-6, decay_steps: 100, decay_rate: 0.1);
        for (int i = 0; i < 99; i++) scheduler.step();
        Assert.Equal(100, scheduler.step_count);
        Assert.Equal(2e-6 + (1e-4 - 2e-6) * 0.1, optimizer.lr, 15);
    }

    [Fact]
    public void Step_lr_multiplies_by_gamma_every_step_size_steps()
    {
        double[] rates = Rates(1.0, o => new StepLR(o, step_size: 3, gamma: 0.5), 7);
        Assert.Equal(new[] { 1.0, 1, 1, 0.5, 0.5, 0.5, 0.25, 0.25 }, rates);
    }

    [Fact]
    public void Exponential_lr_multiplies_by_gamma_every_step()
    {
        double[] rates = Rates(0.3, o => new ExponentialLR(o, gamma: 0.9), 4);
        for (int epoch = 0; epoch < rates.Length; epoch++)
            Assert.Equal(0.3 * Math.Pow(0.9, epoch), rates[epoch], 15);
    }

    [Fact]
    public void Restored_scheduler_continues_the_same_sequence()
    {
        using var scope = torch.NewDisposeScope();
        using var p = new Parameter(torch.zeros(1));
        using var optimizer = new SGD([p], 1e-3);
        var scheduler = new ExponentialDecayToFloor(optimizer, decay_steps: 5);
        for (int i = 0; i < 4; i++) scheduler.step();
        var saved = scheduler.state_dict();

        using var otherOptimizer = new SGD([p], 1e-3);
        var restored = new ExponentialDecayToFloor(otherOptimizer, decay_steps: 5);
        restored.load_state_dict(saved);
        Assert.Equal(scheduler.last_epoch, restored.last_epoch);
        scheduler.step();
        restored.step();
        Assert.Equal(scheduler.get_last_lr(), restored.get_last_lr());
    }
}
