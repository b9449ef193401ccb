using MlCgMd.Torch.Native;

namespace MlCgMd.Torch.Optim;

/// <summary>
/// Adam (Kingma and Ba), PyTorch 1.13's single-tensor update: with g = grad (+ weight_decay·p),
/// m ← β₁m + (1−β₁)g, v ← β₂v + (1−β₂)g², p ← p − lr/(1−β₁ᵗ) · m / (√v/√(1−β₂ᵗ) + eps).
/// State per parameter: step, exp_avg (m), exp_avg_sq (v).
/// </summary>
public class Adam : Optimizer
{
    private static readonly string[] StateNames = ["exp_avg", "exp_avg_sq"];

    public Adam(IEnumerable<Parameter> @params, double lr = 1e-3, (double, double)? betas = null, double eps = 1e-8,
                double weight_decay = 0)
        : base(@params, Settings(lr, betas ?? (0.9, 0.999), eps, weight_decay))
    {
    }

    protected virtual bool decoupled_weight_decay => false;

    protected override IReadOnlyList<string> state_names => StateNames;

    private static OrderedDictionary<string, double> Settings(double lr, (double beta1, double beta2) betas, double eps,
                                                              double weightDecay)
    {
        if (!(lr >= 0)) throw new ArgumentOutOfRangeException(nameof(lr), lr, "Invalid learning rate");
        if (!(eps >= 0)) throw new ArgumentOutOfRangeException(nameof(eps), eps, "Invalid epsilon value");
        if (!(betas.beta1 >= 0 && betas.beta1 < 1)) throw new ArgumentOutOfRangeException(nameof(betas), betas.beta1, "Invalid beta parameter at index 0");
        if (!(betas.beta2 >= 0 && betas.beta2 < 1)) throw new ArgumentOutOfRangeException(nameof(betas), betas.beta2, "Invalid beta parameter at index 1");
        if (!(weightDecay >= 0)) throw new ArgumentOutOfRangeException(nameof(weightDecay), weightDecay, "Invalid weight_decay value");
        return new()
        {
            ["lr"] = lr,
            ["beta1"] = betas.beta1,
            ["beta2"] = betas.beta2,
            ["eps"] = eps,
            ["weight_decay"] = weightDecay,
        };
    }

    protected override void update(Parameter parameter, Tensor grad, ParameterState state) =>
        NativeCheck.Status(Tensor.KeepAlive(NativeMethods.mlt_adam_step(parameter.Handle, grad.Handle, state["exp_avg"].Handle,
            state["exp_avg_sq"].Handle, state.step, param_group["lr"], param_group["beta1"], param_group["beta2"],
            param_group["eps"], param_group["weight_decay"], decoupled_weight_decay ? 1 : 0), parameter, grad));
}
