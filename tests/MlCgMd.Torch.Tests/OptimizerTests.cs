using MlCgMd.Torch.Modules;
using MlCgMd.Torch.Optim;
using MlCgMd.Torch.Serialization;

namespace MlCgMd.Torch.Tests;

/// <summary>
/// Each optimiser minimises L(p) = Σ w·(p − t)² for three steps; the expected parameters are
/// computed here in plain doubles from the published update rules.
/// </summary>
public class OptimizerTests
{
    private static readonly double[] P0 = [0.5, -1.5, 2.0];
    private static readonly double[] Target = [1.0, 0.0, -1.0];
    private static readonly double[] W = [1.0, 2.0, 0.5];

    private static double Grad(double p, int i) => 2 * W[i] * (p - Target[i]);

    /// <summary>Runs three steps of <paramref name="make"/>'s optimiser and returns p after each.</summary>
    private static double[][] Run(Func<Parameter, Optimizer> make)
    {
        using var scope = torch.NewDisposeScope();
        using var p = new Parameter(torch.tensor(P0));
        var t = torch.tensor(Target);
        var w = torch.tensor(W);
        using Optimizer optimizer = make(p);
        var trajectory = new double[3][];
        for (int step = 0; step < 3; step++)
        {
            optimizer.zero_grad();
            (w * (p - t).pow(2)).sum().backward();
            optimizer.step();
            trajectory[step] = p.ToArray<double>();
        }
        return trajectory;
    }

    private static double[][] AdamReference(double lr, double beta1, double beta2, double eps, double weightDecay, bool decoupled)
    {
        double[] p = (double[])P0.Clone(), m = new double[3], v = new double[3];
        var trajectory = new double[3][];
        for (int step = 1; step <= 3; step++)
        {
            for (int i = 0; i < 3; i++)
            {
                double g = Grad(p[i], i);
                if (decoupled) p[i] *= 1 - lr * weightDecay;
                else g += weightDecay * p[i];
                m[i] = beta1 * m[i] + (1 - beta1) * g;
                v[i] = beta2 * v[i] + (1 - beta2) * g * g;
                double mHat = m[i] / (1 - Math.Pow(beta1, step));
                double vHat = v[i] / (1 - Math.Pow(beta2, step));
                p[i] -= lr * mHat / (Math.Sqrt(vHat) + eps);
            }
            trajectory[step - 1] = (double[])p.Clone();
        }
        return trajectory;
    }

    private static double[][] SgdReference(double lr, double momentum, double dampening, double weightDecay, bool nesterov)
    {
        double[] p = (double[])P0.Clone(), buffer = new double[3];
        var trajectory = new double[3][];
        for (int step = 1; step <= 3; step++)
        {
            for (int i = 0; i < 3; i++)
            {
                double d = Grad(p[i], i) + weightDecay * p[i];
                if (momentum != 0)
                {
                    buffer[i] = step == 1 ? d : momentum * buffer[i] + (1 - dampening) * d;
                    d = nesterov ? d + momentum * buffer[i] : buffer[i];
                }
                p[i] -= lr * d;
            }
            trajectory[step - 1] = (double[])p.Clone();
        }
        return trajectory;
    }

    private static void AssertClose(double[][] expected, double[][] actual)
    {
        for (int s = 0; s < expected.Length; s++)
            for (int i = 0; i < expected[s].Length; i++)
                Assert.True(Math.Abs(expected[s][i] - actual[s][i]) <= 1e-12 * (1 + Math.Abs(expected[s][i])),
                    $"step {s + 1}, element {i}: expected {expected[s][i]:R}, got {actual[s][i]:R}");
    }

    [Fact]
    public void Adam_with_l2_weight_decay_follows_the_adam_update()
    {
        AssertClose(AdamReference(0.1, 0.8, 0.9, 1e-3, 0.05, decoupled: false),
            Run(p => new Adam([p], lr: 0.1, betas: (0.8, 0.9), eps: 1e-3, weight_decay: 0.05)));
    }

    [Fact]
    public void AdamW_decays_weights_before_the_adam_update()
    {
        AssertClose(AdamReference(0.1, 0.8, 0.9, 1e-3, 0.2, decoupled: true),
            Run(p => new AdamW([p], lr: 0.1, betas: (0.8, 0.9), eps: 1e-3, weight_decay: 0.2)));
    }

    [Fact]
    public void Adam_defaults_are_pytorchs()
    {
        AssertClose(AdamReference(1e-3, 0.9, 0.999, 1e-8, 0, decoupled: false), Run(p => new Adam([p])));
        using var p = new Parameter(torch.zeros(1));
        using var adamW = new AdamW([p]);
        Assert.Equal(1e-2, adamW.param_group["weight_decay"]);
    }

    [Fact]
    public void SGD_plain_momentum_dampening_and_nesterov_follow_their_updates()
    {
        AssertClose(SgdReference(0.05, 0, 0, 0, false), Run(p => new SGD([p], lr: 0.05)));
        AssertClose(SgdReference(0.05, 0.9, 0.1, 0.01, false),
            Run(p => new SGD([p], lr: 0.05, momentum: 0.9, dampening: 0.1, weight_decay: 0.01)));
        AssertClose(SgdReference(0.05, 0.9, 0, 0.01, true),
            Run(p => new SGD([p], lr: 0.05, momentum: 0.9, weight_decay: 0.01, nesterov: true)));
    }

    [Fact]
    public void Invalid_settings_are_rejected()
    {
        using var p = new Parameter(torch.zeros(1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Adam([p], lr: -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new Adam([p], betas: (1.0, 0.999)));
        Assert.Throws<ArgumentException>(() => new SGD([p], lr: 0.1, nesterov: true));
        Assert.Throws<ArgumentException>(() => new SGD([], lr: 0.1));
    }

    [Fact]
    public void Clip_grad_norm_scales_gradients_to_the_max_norm_and_returns_the_total()
    {
        using var scope = torch.NewDisposeScope();
        using var a = new Parameter(torch.zeros([2], torch.float64));
        using var b = new Parameter(torch.zeros([1], torch.float64));
        using var unused = new Parameter(torch.zeros([1], torch.float64));
        a.grad = torch.tensor(new[] { 3.0, 4.0 });
        b.grad = torch.tensor(new[] { -12.0 });

        double total = nn.utils.clip_grad_norm_([a, b, unused], max_norm: 6.5);

        Assert.Equal(13.0, total, 12);
        double coefficient = 6.5 / (13.0 + 1e-6);
        Assert.Equal(new[] { 3 * coefficient, 4 * coefficient }, a.grad!.ToArray<double>());
        Assert.Equal(new[] { -12 * coefficient }, b.grad!.ToArray<double>());

        // Already below the limit: untouched. The infinity norm is the largest magnitude.
        Assert.Equal(13.0 * coefficient, nn.utils.clip_grad_norm_([a, b], max_norm: 100), 9);
        Assert.Equal(new[] { -12 * coefficient }, b.grad!.ToArray<double>());
        Assert.Equal(12 * coefficient, nn.utils.clip_grad_norm_([a, b], max_norm: 100, norm_type: double.PositiveInfinity), 12);
        Assert.Equal(0.0, nn.utils.clip_grad_norm_([unused], max_norm: 1));
    }

    [Fact]
    public void Optimizer_state_survives_dispose_scopes()
    {
        using var p = new Parameter(torch.tensor(new[] { 1.0 }));
        using var adam = new Adam([p]);
        using (torch.NewDisposeScope())
        {
            (p * p).sum().backward();
            adam.step();
        }
        using (torch.NewDisposeScope())
        {
            var state = adam.state_dict();
            Assert.Equal(1L, state["state.0.step"].item<long>());
            Assert.False(state["state.0.exp_avg"].IsDisposed);
        }
    }

    [Fact]
    public void Checkpointed_model_optimizer_and_scheduler_resume_exactly_like_the_uninterrupted_run()
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(3);
        Tensor x = torch.randn(16, 3), y = torch.randn(16, 1);
        torch.manual_seed(4);
        using var model = new Sequential(new Linear(3, 8), new ReLU(), new Linear(8, 1));
        using var optimizer = new Adam(model.parameters(), lr: 0.01);
        var scheduler = new ExponentialDecayToFloor(optimizer, min_lr: 1e-4, decay_steps: 10);
        void TrainStep(Module<Tensor, Tensor> m, Optimizer o, LRScheduler s)
        {
            o.zero_grad();
            nn.functional.mse_loss(m.forward(x), y).backward();
            o.step();
            s.step();
        }
        for (int i = 0; i < 3; i++) TrainStep(model, optimizer, scheduler);
        // One checkpoint file, sections told apart by a name prefix.
        string path = Path.Combine(Path.GetTempPath(), $"mlcgmd-checkpoint-{Guid.NewGuid():N}.safetensors");
        var checkpoint = new Dictionary<string, Tensor>();
        foreach ((string prefix, var section) in new[] { ("model.", model.state_dict()), ("optimizer.", optimizer.state_dict()),
                                                         ("scheduler.", scheduler.state_dict()) })
            foreach ((string name, Tensor t) in section) checkpoint[prefix + name] = t;
        SafeTensors.Save(path, checkpoint);
        (var loaded, _) = SafeTensors.Load(path);
        File.Delete(path);
        Dictionary<string, Tensor> Section(string prefix) =>
            loaded.Where(kv => kv.Key.StartsWith(prefix)).ToDictionary(kv => kv.Key[prefix.Length..], kv => kv.Value);
        var modelState = Section("model.");
        var optimizerState = Section("optimizer.");
        var schedulerState = Section("scheduler.");

        torch.manual_seed(99);
        using var resumed = new Sequential(new Linear(3, 8), new ReLU(), new Linear(8, 1));
        using var resumedOptimizer = new Adam(resumed.parameters(), lr: 0.5);
        var resumedScheduler = new ExponentialDecayToFloor(resumedOptimizer, min_lr: 1e-4, decay_steps: 10);
        resumed.load_state_dict(modelState);
        resumedOptimizer.load_state_dict(optimizerState);
        resumedScheduler.load_state_dict(schedulerState);

        for (int i = 0; i < 3; i++)
        {
            TrainStep(model, optimizer, scheduler);
            TrainStep(resumed, resumedOptimizer, resumedScheduler);
        }
        Assert.Equal(optimizer.lr, resumedOptimizer.lr);
        foreach (((string name, Parameter a), (_, Parameter b)) in model.named_parameters().Zip(resumed.named_parameters()))
            Assert.True(a.ToArray<float>().SequenceEqual(b.ToArray<float>()), $"{name} differs after resuming");
    }

    [Fact]
    public void Loading_mismatched_optimizer_state_fails_clearly()
    {
        using var scope = torch.NewDisposeScope();
        using var p = new Parameter(torch.zeros(3));
        using var adam = new Adam([p]);
        (p * p).sum().backward();
        adam.step();
        var state = adam.state_dict();
        state["state.0.exp_avg"] = torch.zeros(4);
        var error = Assert.Throws<ArgumentException>(() => adam.load_state_dict(state));
        Assert.Contains("state.0.exp_avg", error.Message);
        Assert.Contains("[4]", error.Message);

        state = adam.state_dict();
        state.Remove("state.0.exp_avg_sq");
        Assert.Contains("state.0.exp_avg_sq", Assert.Throws<ArgumentException>(() => adam.load_state_dict(state)).Message);

        state = adam.state_dict();
        state["state.1.step"] = torch.tensor(1L);
        Assert.Contains("state.1.step", Assert.Throws<ArgumentException>(() => adam.load_state_dict(state)).Message);
    }
}
