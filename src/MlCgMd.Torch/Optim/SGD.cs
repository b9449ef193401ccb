using MlCgMd.Torch.Native;

namespace MlCgMd.Torch.Optim;

/// <summary>
/// Stochastic gradient descent, PyTorch 1.13's update: d = grad (+ weight_decay·p); with
/// momentum, b ← d on the first step and b ← μb + (1−dampening)d after, then d = b, or
/// d + μb with Nesterov; p ← p − lr·d. State per parameter: step, momentum_buffer (if μ ≠ 0).
/// </summary>
public sealed class SGD : Optimizer
{
    private static readonly string[] MomentumState = ["momentum_buffer"];

    public SGD(IEnumerable<Parameter> @params, double lr, double momentum = 0, double dampening = 0, double weight_decay = 0,
               bool nesterov = false)
        : base(@params, Settings(lr, momentum, dampening, weight_decay, nesterov))
    {
    }

    protected override IReadOnlyList<string> state_names => param_group["momentum"] != 0 ? MomentumState : [];

    private static OrderedDictionary<string, double> Settings(double lr, double momentum, double dampening, double weightDecay,
                                                              bool nesterov)
    {
        if (!(lr >= 0)) throw new ArgumentOutOfRangeException(nameof(lr), lr, "Invalid learning rate");
        if (!(momentum >= 0)) throw new ArgumentOutOfRangeException(nameof(momentum), momentum, "Invalid momentum value");
        if (!(weightDecay >= 0)) throw new ArgumentOutOfRangeException(nameof(weightDecay), weightDecay, "Invalid weight_decay value");
        if (nesterov && (momentum <= 0 || dampening != 0))
            throw new ArgumentException("Nesterov momentum requires a momentum and zero dampening");
        return new()
        {
            ["lr"] = lr,
            ["momentum"] = momentum,
            ["dampening"] = dampening,
            ["weight_decay"] = weightDecay,
            ["nesterov"] = nesterov ? 1 : 0,
        };
    }

    protected override void update(Parameter parameter, Tensor grad, ParameterState state)
    {
        double momentum = param_group["momentum"];
        IntPtr buffer = momentum != 0 ? state["momentum_buffer"].Handle : IntPtr.Zero;
        NativeCheck.Status(Tensor.KeepAlive(NativeMethods.mlt_sgd_step(parameter.Handle, grad.Handle, buffer, state.step == 1 ? 1 : 0,
            param_group["lr"], momentum, param_group["dampening"], param_group["weight_decay"],
            param_group["nesterov"] != 0 ? 1 : 0), parameter, grad));
    }
}
