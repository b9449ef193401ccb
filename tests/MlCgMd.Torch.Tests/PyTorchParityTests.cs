using System.Text.Json;
using MlCgMd.Torch.Modules;
using MlCgMd.Torch.Optim;

namespace MlCgMd.Torch.Tests;

/// <summary>
/// Runs one python process that records what PyTorch itself computes (seeded initialisation,
/// optimiser trajectories, scheduler rates) for the same problems the tests below solve.
/// </summary>
public sealed class PyTorchReference
{
    private const string Script = """
import json, warnings
import torch
from torch import nn
from torch.optim.lr_scheduler import _LRScheduler
warnings.filterwarnings("ignore")
out = {}
for seed in (0, 1, 42):
    torch.manual_seed(seed)
    lin = nn.Linear(3, 4)
    emb = nn.Embedding(5, 3)
    emb_normal = emb.weight.detach().flatten().tolist()
    nn.init.xavier_uniform_(emb.weight)
    out[f"init_{seed}"] = {"weight": lin.weight.detach().flatten().tolist(), "bias": lin.bias.detach().flatten().tolist(),
                           "embedding": emb_normal, "xavier": emb.weight.detach().flatten().tolist()}
p0 = [[0.5, -1.5, 2.0], [0.25, 1.0, -0.75]]
target = torch.tensor([[1.0, 0.0, -1.0], [0.5, 0.5, 0.5]], dtype=torch.float64)
w = torch.tensor([[1.0, 2.0, 0.5], [3.0, 0.1, 1.0]], dtype=torch.float64)
makers = {
    "adam": lambda ps: torch.optim.Adam(ps, lr=0.1, betas=(0.8, 0.9), eps=1e-3, weight_decay=0.05),
    "adamw": lambda ps: torch.optim.AdamW(ps, lr=0.1, betas=(0.8, 0.9), eps=1e-3, weight_decay=0.2),
    "sgd_momentum": lambda ps: torch.optim.SGD(ps, lr=0.05, momentum=0.9, dampening=0.1, weight_decay=0.01),
    "sgd_nesterov": lambda ps: torch.optim.SGD(ps, lr=0.05, momentum=0.9, nesterov=True, weight_decay=0.01),
}
for name, make in makers.items():
    p = nn.Parameter(torch.tensor(p0, dtype=torch.float64))
    opt = make([p])
    trajectory = []
    for _ in range(3):
        opt.zero_grad()
        (w * (p - target) ** 2).sum().backward()
        opt.step()
        trajectory.append(p.detach().flatten().tolist())
    out[name] = trajectory
class CustomScheduleLR(_LRScheduler):
    def __init__(self, optimizer, min_lr, decay_steps, decay_rate):
        self.min_lr, self.decay_steps, self.decay_rate = min_lr, decay_steps, decay_rate
        super().__init__(optimizer)
    def get_lr(self):
        return [self.min_lr + (self.base_lrs[0] - self.min_lr) * self.decay_rate ** (self._step_count / self.decay_steps)]
def rates(lr, make, steps):
    opt = torch.optim.SGD([nn.Parameter(torch.zeros(1))], lr=lr)
    sched = make(opt)
    values = [sched.get_last_lr()[0]]
    for _ in range(steps):
        opt.step()
        sched.step()
        values.append(sched.get_last_lr()[0])
    return values
out["step_lr"] = rates(1.0, lambda o: torch.optim.lr_scheduler.StepLR(o, step_size=2, gamma=0.5), 6)
out["exponential_lr"] = rates(0.3, lambda o: torch.optim.lr_scheduler.ExponentialLR(o, gamma=0.9), 5)
out["decay_to_floor"] = rates(2e-4, lambda o: CustomScheduleLR(o, 2e-6, 2e6, 0.1), 5)
print(json.dumps(out))
""";

    private readonly Lazy<JsonElement> values = new(() => JsonDocument.Parse(PythonTorch.Run(Script)).RootElement);

    public double[] Get(string key) => values.Value.GetProperty(key).EnumerateArray().Select(e => e.GetDouble()).ToArray();

    public double[] Get(string key, string field) =>
        values.Value.GetProperty(key).GetProperty(field).EnumerateArray().Select(e => e.GetDouble()).ToArray();

    public double[][] GetRows(string key) =>
        values.Value.GetProperty(key).EnumerateArray().Select(r => r.EnumerateArray().Select(e => e.GetDouble()).ToArray()).ToArray();
}

public class PyTorchParityTests(PyTorchReference reference) : IClassFixture<PyTorchReference>
{
    [PythonTorchFact]
    public void Seeded_default_initialisation_is_bit_identical_to_pytorch()
    {
        foreach (ulong seed in new ulong[] { 0, 1, 42 })
        {
            using var scope = torch.NewDisposeScope();
            torch.manual_seed(seed);
            using var linear = new Linear(3, 4);
            using var embedding = new Embedding(5, 3);
            double[] normal = embedding.weight.ToArray<float>().Select(v => (double)v).ToArray();
            nn.init.xavier_uniform_(embedding.weight);

            Assert.Equal(reference.Get($"init_{seed}", "weight"), linear.weight.ToArray<float>().Select(v => (double)v));
            Assert.Equal(reference.Get($"init_{seed}", "bias"), linear.bias!.ToArray<float>().Select(v => (double)v));
            Assert.Equal(reference.Get($"init_{seed}", "embedding"), normal);
            Assert.Equal(reference.Get($"init_{seed}", "xavier"), embedding.weight.ToArray<float>().Select(v => (double)v));
        }
    }

    [PythonTorchFact]
    public void Optimizer_trajectories_match_pytorch()
    {
        var makers = new Dictionary<string, Func<Parameter, Optimizer>>
        {
            ["adam"] = p => new Adam([p], lr: 0.1, betas: (0.8, 0.9), eps: 1e-3, weight_decay: 0.05),
            ["adamw"] = p => new AdamW([p], lr: 0.1, betas: (0.8, 0.9), eps: 1e-3, weight_decay: 0.2),
            ["sgd_momentum"] = p => new SGD([p], lr: 0.05, momentum: 0.9, dampening: 0.1, weight_decay: 0.01),
            ["sgd_nesterov"] = p => new SGD([p], lr: 0.05, momentum: 0.9, nesterov: true, weight_decay: 0.01),
        };
        foreach ((string name, var make) in makers)
        {
            using var scope = torch.NewDisposeScope();
            using var p = new Parameter(torch.tensor(new[] { 0.5, -1.5, 2.0, 0.25, 1.0, -0.75 }, [2, 3]));
            var target = torch.tensor(new[] { 1.0, 0.0, -1.0, 0.5, 0.5, 0.5 }, [2, 3]);
            var w = torch.tensor(new[] { 1.0, 2.0, 0.5, 3.0, 0.1, 1.0 }, [2, 3]);
            using Optimizer optimizer = make(p);
            double[][] expected = reference.GetRows(name);
            for (int step = 0; step < 3; step++)
            {
                optimizer.zero_grad();
                (w * (p - target).pow(2)).sum().backward();
                optimizer.step();
                Assert.Equal(expected[step], p.ToArray<double>());
            }
        }
    }

    [PythonTorchFact]
    public void Scheduler_rates_match_pytorch()
    {
        Assert.Equal(reference.Get("step_lr"), Rates(1.0, o => new StepLR(o, step_size: 2, gamma: 0.5), 6));
        Assert.Equal(reference.Get("exponential_lr"), Rates(0.3, o => new ExponentialLR(o, gamma: 0.9), 5));
        Assert.Equal(reference.Get("decay_to_floor"), Rates(2e-4, o => new ExponentialDecayToFloor(o), 5));
    }

    private static double[] Rates(double lr, Func<Optimizer, LRScheduler> make, int steps)
    {
        using var p = new Parameter(torch.zeros(1));
        using var optimizer = new SGD([p], lr);
        LRScheduler scheduler = make(optimizer);
        var rates = new List<double> { scheduler.get_last_lr() };
        for (int i = 0; i < steps; i++)
        {
            optimizer.step();
            scheduler.step();
            rates.Add(scheduler.get_last_lr());
        }
        return rates.ToArray();
    }
}
